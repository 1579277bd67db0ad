#!/usr/bin/env bash
# Spark GPU discovery script (spark.worker.resource.gpu.discoveryScript on a standalone Worker,
# spark.executor.resource.gpu.discoveryScript on Kubernetes and YARN). Prints the GPUs this
# Worker or executor may use as Spark's resource JSON: {"name":"gpu","addresses":["0","1"]}.
#
# REELFARM_GPU_ADDRESSES="0,1" names the addresses: fake GPUs for tests on a machine without one
# (conf/cluster.sh start N --gpus G sets it per Worker), or a GPU subset for a Worker. Without it,
# nvidia-smi lists the real GPUs; with neither, the list is empty.
set -euo pipefail

if [ -n "${REELFARM_GPU_ADDRESSES+set}" ]; then
  addresses="$REELFARM_GPU_ADDRESSES"
elif command -v nvidia-smi >/dev/null 2>&1; then
  addresses="$(nvidia-smi --query-gpu=index --format=csv,noheader | tr -d ' ' | paste -sd, -)"
else
  addresses=""
fi

json=""
IFS=',' read -ra list <<<"$addresses"
for a in "${list[@]}"; do
  [[ "$a" =~ ^[0-9]+$ ]] || { echo "gpu-discovery: not a GPU index: \"$a\"" >&2; exit 1; }
  json="${json:+$json,}\"$a\""
done
echo "{\"name\":\"gpu\",\"addresses\":[$json]}"
