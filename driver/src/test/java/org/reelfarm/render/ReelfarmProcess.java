package org.reelfarm.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.reelfarm.model.ModelCache;

/**
 * Runs {@code reelfarm} as its own JVM, as the launcher does: the driver's classes and resolved
 * classpath, the shared Java 17 flags; the driver's test classes too, for the test task hook
 * ({@link InjectedFaults}). Each run gets a fresh JVM, as a user's command does
 * (Spark NLP keeps the first Spark session of a JVM for good, so renders do not share one).
 */
public final class ReelfarmProcess {
    private ReelfarmProcess() {}

    /** Exit code and output of a finished run. */
    public record Result(int exitCode, String out, String err) {
        public List<String> errorLines() {
            return err.lines().filter(l -> l.startsWith("error:")).toList();
        }
    }

    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("conf/jvm-opens.args"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project root (conf/jvm-opens.args) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static Result run(String maxHeap, String... args) {
        return start(maxHeap, args).await();
    }

    /**
     * A run with extra environment variables, and extra JVM options after the standard ones (a
     * later {@code -Dkey=value} wins, e.g. another log4j configuration).
     */
    public static Result run(Map<String, String> env, List<String> jvmOptions, String maxHeap, String... args) {
        return start(env, jvmOptions, maxHeap, args).await();
    }

    /** Starts a run and returns at once; {@link Running#await()} waits for it. */
    public static Running start(String maxHeap, String... args) {
        return start(Map.of(), List.of(), maxHeap, args);
    }

    /** {@link #start(String, String...)} with extra environment variables and JVM options. */
    public static Running start(Map<String, String> env, List<String> jvmOptions, String maxHeap, String... args) {
        Path root = projectRoot();
        Path driver = root.resolve("driver/target");
        try {
            // A run that turns on an injected fault (--conf spark.reelfarm.test.*) gets test-classes,
            // which bring the test task hook (InjectedFaults). Other runs do not: executors of a
            // standalone cluster inherit this classpath, and test-classes' log4j2-test.properties
            // would take over their logging.
            boolean faults = List.of(args).stream().anyMatch(a -> a.startsWith(InjectedFaults.PREFIX));
            String classpath = driver.resolve("classes") + java.io.File.pathSeparator
                    + (faults ? driver.resolve("test-classes") + java.io.File.pathSeparator : "")
                    + Files.readString(driver.resolve("classpath.txt")).strip();
            if (env.containsKey("HADOOP_CONF_DIR")) {
                classpath = env.get("HADOOP_CONF_DIR") + java.io.File.pathSeparator + classpath; // as ./reelfarm does
            }
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "@" + root.resolve("conf/jvm-opens.args"),
                    "-Xmx" + maxHeap,
                    // C1 only: a test render is mostly JVM, Spark and Spark NLP start-up, which the
                    // C2 compiler slows (the 22-s example: 12 s against 17 s). The frames do not
                    // depend on the JIT: the transcendental functions on their path are StrictMath's
                    // (GoldenFramesIT gives the same frames with C1 only and with C2).
                    "-XX:TieredStopAtLevel=1",
                    "-Dreelfarm.home=" + driver.resolve("test-home"),
                    "-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties")));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classpath, "org.reelfarm.cli.Main"));
            command.addAll(List.of(args));
            Path out = Files.createTempFile("reelfarm-out-", ".txt");
            Path err = Files.createTempFile("reelfarm-err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(ModelCache.TENSORFLOW_ENVIRONMENT); // as ./reelfarm sets it
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            builder.environment().putAll(env);
            return new Running(builder.start(), String.join(" ", args), out, err);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run reelfarm (did the package phase write driver/target/classpath.txt?)", e);
        }
    }

    /** A run in progress; closing it ends the run if it still runs (a test that failed midway). */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final String args;
        private final Path out;
        private final Path err;

        private Running(Process process, String args, Path out, Path err) {
            this.process = process;
            this.args = args;
            this.out = out;
            this.err = err;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** What the run has printed to standard error so far. */
        public String errSoFar() {
            try {
                return Files.readString(err, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Waits until the run has printed {@code text} to standard error, e.g. {@code "sync round 10/"}
         * (printed once round 10's states are saved); fails if the run ends first, or after 10 minutes.
         */
        public void awaitErr(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!errSoFar().contains(text)) {
                if (!isAlive()) {
                    throw new AssertionError("the run ended before printing \"" + text + "\":\n" + errSoFar());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no \"" + text + "\" in 10 minutes:\n" + errSoFar());
                }
                Thread.sleep(100);
            }
        }

        /** Stops the run as Ctrl-C does (SIGTERM: the JVM's shutdown hooks run) and waits for it to end. */
        public Result terminate() {
            process.destroy();
            return await();
        }

        /** Waits up to 15 minutes for the run to finish. */
        public Result await() {
            try {
                if (!process.waitFor(15, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("reelfarm " + args + " did not finish in 15 minutes");
                }
                Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
                Files.delete(out);
                Files.delete(err);
                return result;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the output of reelfarm " + args, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
