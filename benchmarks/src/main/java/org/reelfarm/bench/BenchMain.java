package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./reelfarm bench NAME --out DIR}: runs a benchmark, prints its JSON on standard output
 * and writes {@code DIR/NAME.json} and {@code DIR/NAME.png}. Progress goes to standard error.
 * {@code all} runs each benchmark (writing each one's files) and prints one JSON object keyed by
 * benchmark name.
 *
 * <p>Exit codes as for every Reelfarm command: 0 success, 2 bad usage, 1 a benchmark failed
 * (a render failed, or the renders did not make the model calls the raw loop made).
 */
public final class BenchMain {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private BenchMain() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(BenchOptions.USAGE);
            return USAGE;
        }
        if (options == null) {
            out.println(BenchOptions.USAGE);
            return OK;
        }
        try {
            Path dir = Files.createDirectories(options.out()).toAbsolutePath().normalize();
            JsonNode result = switch (options.suite()) {
                case MICRO -> new MicroBenchmark(options, err).run(dir);
                case RENDER -> new RenderBenchmark(options, err).run(dir);
                case INGEST -> new IngestBenchmark(options, err).run(dir);
                case SEAMS -> new SeamsBenchmark(options, err).run(dir);
                case FAULTS -> new FaultsBenchmark(options, err).run(dir);
                case CAPACITY -> new CapacityBenchmark(options, err).run(dir);
                case LIBRARY -> new LibraryBenchmark(options, err).run(dir);
                case STORAGE -> new StorageBenchmark(options, err).run(dir);
                case ALL -> {
                    ObjectNode all = Results.object();
                    all.set("micro", new MicroBenchmark(options, err).run(dir));
                    all.set("render", new RenderBenchmark(options, err).run(dir));
                    all.set("ingest", new IngestBenchmark(options, err).run(dir));
                    yield all;
                }
            };
            out.println(Results.JSON.writeValueAsString(result));
            out.flush();
            return OK;
        } catch (BenchmarkFailure e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot write the benchmark results: " + e.getMessage());
            e.printStackTrace(err);
            return FAILED;
        }
    }
}
