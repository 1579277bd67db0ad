package org.reelfarm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.reelfarm.model.ModelCache;

/**
 * A Spark standalone cluster on this machine for one benchmark: a Master and N Workers of one
 * core each, started and stopped by {@code conf/cluster.sh} (what users run), bound to
 * 127.0.0.1, with its state, logs and executor work directories in a directory of the
 * benchmark's. Executors are JVMs the Workers launch per render.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(home, work.resolve("cluster"), 2)) {
 *     farm.render(..., cluster.masterUrl(), ...);
 * } // stops executors, Workers and the Master
 * }</pre>
 *
 * <p>Its processes are not children of the benchmark JVM, so {@link CpuSample} counts them as
 * other processes; {@link #cpuSeconds()} says how much of that was the cluster's. Not thread-safe.
 */
final class LocalCluster implements AutoCloseable {
    static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
    static final long SCRIPT_TIMEOUT_MINUTES = 4;
    private static final String STARTED = "Started daemon with process name: ";

    private final Path home;
    private final Path state;
    private final int workers;
    private final String masterUrl;

    private LocalCluster(Path home, Path state, int workers, String masterUrl) {
        this.home = home;
        this.state = state;
        this.workers = workers;
        this.masterUrl = masterUrl;
    }

    /** Starts a Master and {@code workers} Workers with their state in {@code state} (replaced). */
    static LocalCluster start(Path home, Path state, int workers) throws IOException {
        String out = script(home, state, "start", Integer.toString(workers));
        String url = out.strip().lines().reduce((a, b) -> b).orElse("");
        if (!url.startsWith("spark://127.0.0.1:")) {
            script(home, state, "stop");
            throw new BenchmarkFailure("conf/cluster.sh start printed no master URL:\n" + out);
        }
        return new LocalCluster(home, state, workers, url);
    }

    /** spark://127.0.0.1:PORT */
    String masterUrl() {
        return masterUrl;
    }

    /**
     * The standard error log of every executor the Workers have launched so far
     * (work/worker-I/APP/EXEC/stderr), in a stable order.
     */
    List<Path> executorLogs() throws IOException {
        Path work = state.resolve("work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(work, 4)) {
            return files.filter(p -> p.getFileName().toString().equals("stderr")).sorted().toList();
        }
    }

    /**
     * Kills (SIGKILL) the executor that wrote {@code log}, and waits until it is gone. Only a
     * process that is a child of one of this cluster's Workers and runs
     * {@value #EXECUTOR_MAIN} is killed; returns its PID.
     */
    long killExecutor(Path log) throws IOException {
        long pid = Files.readString(log).lines().filter(l -> l.contains(STARTED))
                .map(l -> l.substring(l.indexOf(STARTED) + STARTED.length()))
                .map(name -> Long.parseLong(name.substring(0, name.indexOf('@'))))
                .findFirst().orElseThrow(() -> new BenchmarkFailure(log + " names no executor process"));
        ProcessHandle executor = ProcessHandle.of(pid)
                .filter(p -> p.parent().map(parent -> workerPids().contains(parent.pid())).orElse(false))
                .filter(p -> commandLine(p.pid()).contains(EXECUTOR_MAIN))
                .orElseThrow(() -> new BenchmarkFailure("executor " + pid + " (" + log + ") is not a running"
                        + " executor of the cluster in " + state));
        executor.destroyForcibly();
        executor.onExit().join();
        return pid;
    }

    /**
     * CPU seconds the cluster's JVMs have used so far: Master, Workers, the executors they have
     * reaped and those running now. Differences of two calls are the cluster's share of the
     * machine between them.
     */
    double cpuSeconds() {
        long ticks = 0;
        List<Long> daemons = new ArrayList<>(workerPids());
        daemons.add(pidFile("master"));
        for (long pid : daemons) {
            ticks += CpuSample.processTicks(pid);
            for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.children().toList()).orElse(List.of())) {
                ticks += CpuSample.processTicks(child.pid());
            }
        }
        return ticks / CpuSample.TICKS_PER_SECOND;
    }

    /** Stops executors, Workers and the Master; the logs stay in the state directory. */
    @Override
    public void close() throws IOException {
        script(home, state, "stop");
    }

    private List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            pids.add(pidFile("worker-" + i));
        }
        return pids;
    }

    private long pidFile(String name) {
        try {
            return Long.parseLong(Files.readString(state.resolve(name + ".pid")).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** A process's full command line (ProcessHandle.Info truncates an executor's long classpath). */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // gone meanwhile
        }
    }

    private static String script(Path home, Path state, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("conf/cluster.sh").toString()));
        command.addAll(List.of(args));
        Files.createDirectories(state.getParent());
        Path log = Files.createTempFile(state.getParent(), "cluster-sh-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("REELFARM_CLUSTER_DIR", state.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(ModelCache.TENSORFLOW_ENVIRONMENT); // as ./reelfarm sets it
        Process process = builder.start();
        try {
            if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new BenchmarkFailure("conf/cluster.sh " + String.join(" ", args) + " did not finish in "
                        + SCRIPT_TIMEOUT_MINUTES + " minutes; see " + state.resolve("logs"));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while running conf/cluster.sh " + String.join(" ", args), e);
        }
        String out = Files.readString(log);
        Files.delete(log);
        if (process.exitValue() != 0) {
            throw new BenchmarkFailure("conf/cluster.sh " + String.join(" ", args) + " failed (exit code "
                    + process.exitValue() + "):\n" + out);
        }
        return out;
    }
}
