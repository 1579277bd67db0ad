package org.reelfarm.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Spark standalone cluster for a test class: a Master and N Workers, each its own JVM,
 * started and stopped by {@code conf/cluster.sh} (the one implementation users run too), bound
 * to 127.0.0.1. Executors are JVMs that the Workers launch per application.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final StandaloneCluster CLUSTER = StandaloneCluster.withWorkers(2);
 * ... "--master", CLUSTER.masterUrl() ...
 * }</pre>
 *
 * <p>State and logs go to {@code driver/target/cluster/CLASS-Nw}; they stay after the run for
 * post-mortems. Not thread-safe: one test class uses it.
 */
public final class StandaloneCluster implements BeforeAllCallback, AfterAllCallback {
    private static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private final int workers;
    private final int gpusPerWorker;
    private final int coresPerWorker;
    private Path stateDir;
    private String masterUrl;

    private StandaloneCluster(int workers, int gpusPerWorker, int coresPerWorker) {
        if (workers < 1 || gpusPerWorker < 0 || coresPerWorker < 1) {
            throw new IllegalArgumentException("workers must be >= 1 and GPUs >= 0, got " + workers + " and " + gpusPerWorker);
        }
        this.workers = workers;
        this.gpusPerWorker = gpusPerWorker;
        this.coresPerWorker = coresPerWorker;
    }

    /** A cluster of {@code workers} Workers with one core and 1 GB for executors each. */
    public static StandaloneCluster withWorkers(int workers) {
        return new StandaloneCluster(workers, 0, 1);
    }

    /** The same cluster whose Workers each offer {@code gpus} fake GPUs (conf/gpu-discovery.sh). */
    public StandaloneCluster withFakeGpusPerWorker(int gpus) {
        return new StandaloneCluster(workers, gpus, coresPerWorker);
    }

    /** The same cluster whose Workers each offer {@code cores} cores to executors. */
    public StandaloneCluster withCoresPerWorker(int cores) {
        return new StandaloneCluster(workers, gpusPerWorker, cores);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        stateDir = ReelfarmProcess.projectRoot()
                .resolve("driver/target/cluster/" + context.getRequiredTestClass().getSimpleName() + "-" + workers + "w");
        String out = script("start", String.valueOf(workers), "--gpus", String.valueOf(gpusPerWorker),
                "--cores", String.valueOf(coresPerWorker));
        masterUrl = out.strip().lines().reduce((a, b) -> b).orElse("");
        if (!masterUrl.startsWith("spark://127.0.0.1:")) {
            throw new IllegalStateException("conf/cluster.sh start printed no master URL: " + out);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (stateDir != null) {
            script("stop");
        }
    }

    /** spark://127.0.0.1:PORT */
    public String masterUrl() {
        if (masterUrl == null) {
            throw new IllegalStateException("the cluster is not started: register it with @RegisterExtension on a static field");
        }
        return masterUrl;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The executor JVMs running now on this cluster's Workers (not on other clusters of the machine). */
    public List<ProcessHandle> executors() {
        List<ProcessHandle> executors = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            long pid = Long.parseLong(read(stateDir.resolve("worker-" + i + ".pid")).strip());
            ProcessHandle.of(pid).ifPresent(worker -> worker.children()
                    .filter(child -> commandLine(child.pid()).contains(EXECUTOR_MAIN))
                    .forEach(executors::add));
        }
        return executors;
    }

    /**
     * The standard error logs of every executor this cluster has launched, as
     * work/worker-I/APP/EXEC/stderr; the executor's id is the name of the log's directory.
     */
    public List<Path> executorLogs() {
        try (Stream<Path> files = Files.walk(stateDir.resolve("work"), 4)) {
            return files.filter(p -> p.getFileName().toString().equals("stderr")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the executor logs under " + stateDir.resolve("work"), e);
        }
    }

    /** The PID an executor log belongs to ("Started daemon with process name: PID@host"), or -1. */
    public static long pidOf(Path executorLog) {
        return read(executorLog).lines()
                .filter(l -> l.contains("Started daemon with process name: "))
                .map(l -> l.substring(l.indexOf("process name: ") + "process name: ".length()))
                .map(name -> Long.parseLong(name.substring(0, name.indexOf('@'))))
                .findFirst().orElse(-1L);
    }

    /**
     * A process's full command line. ProcessHandle.Info truncates long ones, and an executor's
     * classpath alone is tens of kilobytes.
     */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return ""; // gone meanwhile
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private String script(String... args) throws IOException, InterruptedException {
        Path root = ReelfarmProcess.projectRoot();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("conf/cluster.sh").toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("cluster-sh-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("REELFARM_CLUSTER_DIR", stateDir.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("conf/cluster.sh " + String.join(" ", args) + " did not finish in 4 minutes;"
                    + " logs in " + stateDir.resolve("logs"));
        }
        String out = read(log);
        Files.delete(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("conf/cluster.sh " + String.join(" ", args) + " failed (exit "
                    + process.exitValue() + "):\n" + out);
        }
        return out;
    }
}
