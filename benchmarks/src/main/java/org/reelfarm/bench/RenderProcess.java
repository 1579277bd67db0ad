package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
import org.reelfarm.model.ModelCache;

/**
 * Runs {@code reelfarm render} in a fresh JVM, as the {@code ./reelfarm} launcher does (the
 * driver's classes and resolved classpath, {@code conf/jvm-opens.args}, the log4j2 config,
 * {@code SPARK_LOCAL_IP} and {@code TF_CPP_MIN_LOG_LEVEL}), and measures it from outside: wall
 * clock from process start to exit, CPU time, and heap from a {@code -Xlog:gc} file.
 *
 * <p>The project's own jars are copied once, when the benchmark starts ({@link #snapshot}), so
 * every render of a benchmark runs the same build even while other builds rewrite
 * {@code target/}. Each run has its own directory: {@code out/} (the film), {@code stdout.log},
 * {@code stderr.log} and {@code gc.log}; the JVM's working directory is the run directory.
 */
final class RenderProcess {
    static final long TIMEOUT_MINUTES = 45;
    static final String STDERR = "stderr.log";
    static final String GC_LOG = "gc.log";

    private final Path home;
    private final String classpath;

    /**
     * @param home the Reelfarm checkout, for conf/
     * @param classpath the driver's classpath
     */
    RenderProcess(Path home, String classpath) {
        this.home = home;
        this.classpath = classpath;
    }

    /**
     * A launcher for the driver build this JVM runs: copies the project's own jars (the driver jar
     * on this JVM's classpath, the executors and model-export jars named in
     * {@code driver/target/classpath.txt}) into {@code into} and checks that each copy is a whole
     * jar; the jars of the local Maven repository are used where they are (they never change).
     *
     * <p>The driver jar holds exactly {@code driver/target/classes} of the build that made it, so
     * the renders run what {@code ./reelfarm render} runs, and the same code as the raw loop in
     * this JVM, whatever later builds do to {@code target/}.
     */
    static RenderProcess snapshot(Path home, Path into) throws IOException {
        Path classpathFile = home.resolve("driver/target/classpath.txt");
        Path driverJar = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            String name = path.getFileName().toString();
            if (path.startsWith(home.resolve("driver/target")) && name.endsWith(".jar") && !name.endsWith("-tests.jar")) {
                driverJar = path;
            }
        }
        if (driverJar == null || !Files.isRegularFile(classpathFile)) {
            throw new BenchmarkFailure("no driver jar on this JVM's classpath or no " + classpathFile
                    + "; run the benchmark through ./reelfarm bench, which builds them with"
                    + " ./mvnw -B -DskipTests -pl benchmarks -am package");
        }
        Path lib = Files.createDirectories(into.resolve("lib"));
        List<String> entries = new ArrayList<>(List.of(copyJar(driverJar, lib)));
        for (String entry : Files.readString(classpathFile).strip().split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            entries.add(path.startsWith(home) && Files.isRegularFile(path) ? copyJar(path, lib) : entry);
        }
        return new RenderProcess(home, String.join(File.pathSeparator, entries));
    }

    private static String copyJar(Path jar, Path lib) throws IOException {
        Path copy = lib.resolve(jar.getFileName());
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        try (JarFile file = new JarFile(copy.toFile())) {
            if (file.stream().noneMatch(e -> e.getName().endsWith(".class"))) {
                throw new BenchmarkFailure(jar + " holds no classes; another build is rewriting it: re-run the benchmark");
            }
        } catch (ZipException e) {
            throw new BenchmarkFailure(jar + " is not a whole jar (" + e.getMessage()
                    + "); another build is rewriting it: re-run the benchmark", e);
        }
        return copy.toString();
    }

    /** What one render run gave. */
    record Run(String label, String film, String master, String heap, double wallSeconds, Path dir, JsonNode manifest,
            GcLog gc, Optional<CpuSample.Use> cpu) {

        double timing(String key) {
            JsonNode value = manifest.path("timings_s").get(key);
            if (value == null || !value.isNumber()) {
                throw new BenchmarkFailure(dir.resolve("out").resolve(film).resolve("manifest.json")
                        + " has no timings_s." + key);
            }
            return value.asDouble();
        }

        long modelCalls() {
            return manifest.path("model_calls").asLong(-1);
        }
    }

    /** The Reelfarm checkout this JVM runs from: {@code -Dreelfarm.home}, else the first parent of the working directory with conf/jvm-opens.args. */
    static Path findHome() {
        String property = System.getProperty("reelfarm.home");
        if (property != null && Files.isRegularFile(Path.of(property, "conf", "jvm-opens.args"))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("conf/jvm-opens.args"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new BenchmarkFailure("cannot find the Reelfarm checkout (conf/jvm-opens.args); run the benchmark"
                    + " through ./reelfarm bench, which sets -Dreelfarm.home");
        }
        return dir;
    }

    /**
     * Renders {@code csv} into {@code dir/out} and returns the measurements; throws
     * {@link BenchmarkFailure} naming the logs when the render fails.
     */
    Run render(String label, Path dir, Path csv, String film, Path modelDir, String master, String heap)
            throws IOException {
        return render(label, dir, csv, film, modelDir, master, heap, List.of());
    }

    /**
     * As {@link #render(String, Path, Path, String, Path, String, String)}, with more
     * {@code reelfarm render} options appended (e.g. {@code --strategy codenoise --sync-every 2}).
     */
    Run render(String label, Path dir, Path csv, String film, Path modelDir, String master, String heap,
            List<String> renderArgs) throws IOException {
        try (Running running = start(label, dir, csv, film, modelDir, master, heap, renderArgs)) {
            return running.await();
        }
    }

    /**
     * Starts the render and returns at once, so that something can happen to it while it runs
     * (an executor or the driver killed); {@link Running#await()} measures it as
     * {@link #render} does.
     */
    Running start(String label, Path dir, Path csv, String film, Path modelDir, String master, String heap,
            List<String> renderArgs) throws IOException {
        return start(label, dir, csv, film, modelDir, master, heap, renderArgs, Output.local(dir.resolve("out")));
    }

    /**
     * Where a render's films go: its {@code --out} and how to read a film's manifest from there
     * once the render is done.
     */
    interface Output {
        String out();

        JsonNode manifest(String film) throws IOException;

        /** A local directory: the manifest is {@code DIR/FILM/manifest.json}. */
        static Output local(Path dir) {
            return new Output() {
                public String out() {
                    return dir.toString();
                }

                public JsonNode manifest(String film) throws IOException {
                    Path manifest = dir.resolve(film).resolve("manifest.json");
                    if (!Files.isRegularFile(manifest)) {
                        throw new BenchmarkFailure("the render succeeded but wrote no " + manifest);
                    }
                    return Results.read(manifest);
                }
            };
        }
    }

    /** As {@link #start(String, Path, Path, String, Path, String, String, List)}, into {@code output}. */
    Running start(String label, Path dir, Path csv, String film, Path modelDir, String master, String heap,
            List<String> renderArgs, Output output) throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + home.resolve("conf/jvm-opens.args"),
                "-Xmx" + heap,
                GcLog.jvmFlag(GC_LOG),
                "-Dreelfarm.home=" + home,
                "-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.properties"),
                "-cp", classpath,
                "org.reelfarm.cli.Main", "render", csv.toString(),
                "--out", output.out(),
                "--master", master,
                "--model", modelDir.toString(),
                "--profile", "preview"));
        command.addAll(renderArgs);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve(STDERR).toFile());
        builder.environment().putAll(ModelCache.TENSORFLOW_ENVIRONMENT); // as ./reelfarm sets it
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Optional<CpuSample> cpuStart = CpuSample.now();
        long startNanos = System.nanoTime();
        return new Running(label, dir, film, master, heap, output, builder.start(), startNanos, cpuStart);
    }

    /**
     * A render in progress. Closing it kills the JVM (SIGKILL) if it still runs, so a benchmark
     * that fails midway leaves no render behind. Not thread-safe.
     */
    static final class Running implements AutoCloseable {
        private final String label;
        private final Path dir;
        private final String film;
        private final String master;
        private final String heap;
        private final Output output;
        private final Process process;
        private final long startNanos;
        private final Optional<CpuSample> cpuStart;

        private Running(String label, Path dir, String film, String master, String heap, Output output,
                Process process, long startNanos, Optional<CpuSample> cpuStart) {
            this.label = label;
            this.dir = dir;
            this.film = film;
            this.master = master;
            this.heap = heap;
            this.output = output;
            this.process = process;
            this.startNanos = startNanos;
            this.cpuStart = cpuStart;
        }

        /** Seconds since the JVM was started. */
        double elapsedSeconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** The render JVM's process id. */
        long pid() {
            return process.pid();
        }

        /** What the render has printed on standard error so far (its console: progress, warnings). */
        String stderrSoFar() throws IOException {
            return Files.readString(dir.resolve(STDERR));
        }

        /** The run directory: out/ (the film and its work area) and the logs. */
        Path dir() {
            return dir;
        }

        /** Kills the render's JVM with SIGKILL, as a crash would, and waits until it is gone. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkFailure(label + ": interrupted while killing the render", e);
            }
        }

        /**
         * Waits for the render to finish and returns the measurements; throws
         * {@link BenchmarkFailure} naming the logs when the render fails.
         */
        Run await() throws IOException {
            int exit;
            try {
                long left = TimeUnit.MINUTES.toNanos(TIMEOUT_MINUTES) - (System.nanoTime() - startNanos);
                if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    throw new BenchmarkFailure(label + ": the render did not finish in " + TIMEOUT_MINUTES
                            + " minutes; see " + dir.resolve(STDERR));
                }
                exit = process.exitValue();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new BenchmarkFailure(label + ": interrupted", e);
            }
            double wall = (System.nanoTime() - startNanos) / 1e9;
            Optional<CpuSample.Use> cpu = cpuStart.flatMap(s -> CpuSample.now().map(end -> end.since(s)));
            if (exit != 0) {
                throw new BenchmarkFailure(label + ": reelfarm render exited with code " + exit + "; see "
                        + dir.resolve(STDERR) + " (last line: " + lastLine(dir.resolve(STDERR)) + ")");
            }
            return new Run(label, film, master, heap, wall, dir, output.manifest(film),
                    GcLog.read(dir.resolve(GC_LOG)), cpu);
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
        }
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return "(empty)";
    }
}
