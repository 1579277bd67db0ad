#!/usr/bin/env bash
# A local Spark standalone cluster for Reelfarm: one Master and N Workers, each its own JVM, run
# from the driver's Maven-resolved Spark jars (no Spark download), bound to 127.0.0.1. Executors
# are separate JVMs launched by the Workers.
#
#   conf/cluster.sh start N [--gpus G] [--memory M] [--cores C]   a Master and N Workers (C cores each, default 1)
#   conf/cluster.sh stop                               stop executors, Workers and the Master
#   conf/cluster.sh status                             what runs, and the master URL
#   conf/cluster.sh url                                print the master URL
#
# --gpus G gives each Worker G fake GPUs (Spark resource "gpu", found by conf/gpu-discovery.sh;
# Worker i gets addresses (i-1)*G .. i*G-1). --memory is each Worker's memory for executors
# (default 1g; Spark's executors take 1g unless told otherwise).
#
# State, logs and executor work directories go to $REELFARM_CLUSTER_DIR (default target/cluster
# in the checkout): master-url, master.pid, worker-I.pid, logs/, work/worker-I/APP/EXEC/stderr.
# Needs a build: ./mvnw -DskipTests install -pl driver -am (driver/target/classpath.txt).
set -euo pipefail

REELFARM_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${REELFARM_CLUSTER_DIR:-$REELFARM_HOME/target/cluster}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
START_TIMEOUT_S="${REELFARM_CLUSTER_START_TIMEOUT:-90}"

STARTING=0

die() {
  echo "cluster: $*" >&2
  # A start that fails part-way stops what it started (the logs stay).
  if [ "$STARTING" -eq 1 ]; then
    STARTING=0
    stop >/dev/null 2>&1 || true
  fi
  exit 1
}

usage() {
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# True if PID runs a JVM whose command line names CLASS (guards against recycled PIDs).
runs() {
  local pid="$1" class="$2"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$class"
}

pid_of() {
  cat "$STATE/$1.pid" 2>/dev/null || true
}

worker_names() {
  local f
  for f in "$STATE"/worker-*.pid; do
    [ -e "$f" ] && basename "$f" .pid
  done
}

executor_pids() {
  local name pid
  for name in $(worker_names); do
    pid="$(pid_of "$name")"
    runs "$pid" org.apache.spark.deploy.worker.Worker || continue
    for child in $(pgrep -P "$pid" 2>/dev/null || true); do
      runs "$child" CoarseGrainedExecutorBackend && echo "$child"
    done
  done
}

# Waits until FILE contains PATTERN while PID lives; fails naming the log otherwise.
await_line() {
  local file="$1" pattern="$2" pid="$3" what="$4" waited=0
  while ! grep -q -- "$pattern" "$file" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$file" >&2 || true
      die "$what exited during start-up; see $file"
    fi
    if [ "$waited" -ge $((START_TIMEOUT_S * 10)) ]; then
      tail -n 20 "$file" >&2 || true
      die "$what did not come up in ${START_TIMEOUT_S} s (waiting for \"$pattern\"); see $file"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# The fake SPARK_HOME: Workers build executor command lines from it (jars/ must exist, even
# empty; conf/ is on every daemon's and executor's classpath, so it carries their logging).
make_spark_home() {
  local home="$STATE/spark-home"
  mkdir -p "$home/jars" "$home/conf"
  cat >"$home/conf/log4j2.properties" <<'EOF'
# Logging of the local cluster's Master, Workers and executors (written by conf/cluster.sh).
# Daemons log to logs/; executors to work/worker-I/APP/EXEC/stderr.
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n
# Master and Worker life cycle: the master URL, registrations, executors launched and lost.
logger.deploy.name = org.apache.spark.deploy
logger.deploy.level = info
# Executors: tasks started and finished; Reelfarm's model loads (with the GPU), batches, segments.
logger.executor.name = org.apache.spark.executor.Executor
logger.executor.level = info
logger.reelfarm.name = org.reelfarm
logger.reelfarm.level = info
logger.hadoop_native.name = org.apache.hadoop.util.NativeCodeLoader
logger.hadoop_native.level = error
EOF
  echo "$home"
}

start() {
  local workers="${1:-}"
  [[ "$workers" =~ ^[1-9][0-9]*$ ]] || die "start needs the number of workers, e.g. conf/cluster.sh start 2"
  shift
  local gpus=0 memory=1g cores=1
  while [ $# -gt 0 ]; do
    case "$1" in
      --gpus) gpus="${2:-}"; shift 2 ;;
      --memory) memory="${2:-}"; shift 2 ;;
      --cores) cores="${2:-}"; shift 2 ;;
      *) die "unknown option $1 (use --gpus G, --memory M or --cores C)" ;;
    esac
  done
  [[ "$gpus" =~ ^[0-9]+$ ]] || die "--gpus takes a number of GPUs per worker, got \"$gpus\""
  [[ "$cores" =~ ^[1-9][0-9]*$ ]] || die "--cores takes a number of cores per worker, got \"$cores\""
  [[ "$memory" =~ ^[0-9]+[mMgG]$ ]] || die "--memory takes a size like 1g or 1536m, got \"$memory\""

  if runs "$(pid_of master)" org.apache.spark.deploy.master.Master; then
    die "a cluster already runs from $STATE at $(cat "$STATE/master-url" 2>/dev/null); stop it first (conf/cluster.sh stop)"
  fi
  local cp_file="$REELFARM_HOME/driver/target/classpath.txt"
  [ -f "$cp_file" ] || die "no $cp_file; build first: ./mvnw -DskipTests install -pl driver -am"

  rm -rf "$STATE"
  mkdir -p "$STATE/logs" "$STATE/work"
  STARTING=1
  local spark_home
  spark_home="$(make_spark_home)"
  local classpath="$spark_home/conf:$(cat "$cp_file")"

  export SPARK_HOME="$spark_home"
  export SPARK_SCALA_VERSION=2.12
  export SPARK_LOCAL_IP=127.0.0.1
  export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
  export TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-0}"
  local daemon=("$JAVA" @"$REELFARM_HOME/conf/jvm-opens.args" -Xmx256m -cp "$classpath")

  # Port 0: the Master and the web UIs take free ports, so clusters of other users and checkouts
  # on the same machine do not collide. The Master's log says which port it took.
  local port="${REELFARM_CLUSTER_PORT:-0}"
  nohup "${daemon[@]}" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port 0 \
    >"$STATE/logs/master.log" 2>&1 </dev/null &
  local master_pid=$!
  echo "$master_pid" >"$STATE/master.pid"
  await_line "$STATE/logs/master.log" "Starting Spark master at spark://" "$master_pid" \
    "the Master (127.0.0.1, port $port)"
  local url
  url="$(grep -o 'Starting Spark master at spark://[0-9.:]*' "$STATE/logs/master.log" | head -n 1 | sed 's/.* at //')"
  echo "$url" >"$STATE/master-url"

  local i
  for i in $(seq 1 "$workers"); do
    local log="$STATE/logs/worker-$i.log"
    local gpu_conf=()
    if [ "$gpus" -gt 0 ]; then
      gpu_conf=(-Dspark.worker.resource.gpu.amount="$gpus"
        -Dspark.worker.resource.gpu.discoveryScript="$REELFARM_HOME/conf/gpu-discovery.sh")
    fi
    REELFARM_GPU_ADDRESSES="$(seq -s, $(((i - 1) * gpus)) $((i * gpus - 1)))" \
      nohup "${daemon[@]}" "${gpu_conf[@]}" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --port 0 --webui-port 0 --cores "$cores" --memory "$memory" \
      --work-dir "$STATE/work/worker-$i" "$url" \
      >"$log" 2>&1 </dev/null &
    echo $! >"$STATE/worker-$i.pid"
  done
  for i in $(seq 1 "$workers"); do
    await_line "$STATE/logs/worker-$i.log" "Successfully registered with master" "$(pid_of "worker-$i")" \
      "Worker $i (registering with $url)"
  done
  STARTING=0
  echo "$url"
}

stop() {
  [ -d "$STATE" ] || { echo "cluster: nothing to stop in $STATE" >&2; return 0; }
  # Executors first: a Worker stopped by a signal may not outlive its executors' shutdown.
  local pids=() name pid
  for pid in $(executor_pids); do pids+=("$pid"); done
  for name in $(worker_names); do
    pid="$(pid_of "$name")"
    runs "$pid" org.apache.spark.deploy.worker.Worker && pids+=("$pid")
  done
  pid="$(pid_of master)"
  runs "$pid" org.apache.spark.deploy.master.Master && pids+=("$pid")
  if [ ${#pids[@]} -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    local waited=0
    while [ "$waited" -lt 100 ]; do
      local alive=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ "$alive" -eq 0 ] && break
      sleep 0.1
      waited=$((waited + 1))
    done
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  fi
  rm -f "$STATE"/*.pid "$STATE/master-url"
  echo "cluster: stopped (logs kept in $STATE/logs)" >&2
}

status() {
  local pid name running=1
  pid="$(pid_of master)"
  if runs "$pid" org.apache.spark.deploy.master.Master; then
    echo "master   $(cat "$STATE/master-url")  pid $pid"
  else
    echo "master   not running ($STATE)"
    running=0
  fi
  for name in $(worker_names); do
    pid="$(pid_of "$name")"
    if runs "$pid" org.apache.spark.deploy.worker.Worker; then
      echo "$name pid $pid  executors: $(pgrep -P "$pid" 2>/dev/null | tr '\n' ' ')"
    else
      echo "$name not running (see $STATE/logs/$name.log)"
    fi
  done
  [ "$running" -eq 1 ]
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  url) [ -f "$STATE/master-url" ] && cat "$STATE/master-url" || die "no cluster runs from $STATE" ;;
  *) usage ;;
esac
