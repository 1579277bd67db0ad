package org.reelfarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.reelfarm.export.CostModel;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.model.ModelCache;

/**
 * Exports the reference model in a child JVM, so that the benchmark's own JVM never runs the
 * export's TensorFlow session.
 *
 * <p>Why: unless a session asks for per-session threads, TensorFlow sizes its process-wide
 * intra-op and inter-op thread pools once, from the first session of the process. The export's
 * session uses TensorFlow's defaults (every core), so a model loaded afterwards in the same JVM
 * with {@code RuntimeSettings.cpu()} still runs each op on every core: on two cores the
 * "single-threaded" denoise call measured 1.8 cores busy and ran about 1.7 times faster than in a
 * render's executor, whose first session is the model's own. Exporting in a child keeps the
 * measured JVM like an executor.
 */
final class ReferenceModelExport {
    static final long TIMEOUT_MINUTES = 5;

    private ReferenceModelExport() {}

    /** Child JVM entry point: {@code ReferenceModelExport DIR}. */
    public static void main(String[] args) {
        if (args.length != 1 && args.length != 2) {
            System.err.println("usage: ReferenceModelExport DIR [COST_MODEL_STEP_MS]");
            System.exit(2);
        }
        if (args.length == 2) {
            CostModel.export(Path.of(args[0]), Double.parseDouble(args[1]), "bench capacity: --step-ms " + args[1],
                    System.err);
        } else {
            ReferenceModel.export(Path.of(args[0]));
        }
    }

    /** Writes the reference model to {@code dir} (which must not exist yet) from a child JVM on this JVM's classpath. */
    static void inChildJvm(Path dir) throws IOException {
        inChildJvm(dir, List.of());
    }

    /** Writes a cost model of {@code stepMs} per window-step to {@code dir}, calibrated in a child JVM. */
    static void costModelInChildJvm(Path dir, double stepMs) throws IOException {
        inChildJvm(dir, List.of(Double.toString(stepMs)));
    }

    private static void inChildJvm(Path dir, List<String> more) throws IOException {
        Path log = Files.createTempFile("reelfarm-model-export-", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ReferenceModelExport.class.getName(), dir.toAbsolutePath().toString()));
        command.addAll(more);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(ModelCache.TENSORFLOW_ENVIRONMENT); // as ./reelfarm sets it
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new BenchmarkFailure("exporting the model took more than " + TIMEOUT_MINUTES
                        + " minutes; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while exporting the reference model", e);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new BenchmarkFailure("exporting the model to " + dir + " failed (exit code "
                    + process.exitValue() + "):\n" + String.join("\n", Files.readAllLines(log)));
        }
        Files.delete(log);
    }
}
