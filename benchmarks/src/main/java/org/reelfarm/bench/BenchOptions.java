package org.reelfarm.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The command line of {@code ./reelfarm bench NAME --out DIR [--quick] [--heap SIZE]}, parsed once.
 *
 * @param suite which benchmark to run
 * @param out directory that receives NAME.json, NAME.png and the benchmark's work files
 * @param quick a shorter run: fewer JMH iterations; no ten-minute film in {@code render}; a shorter
 *     film and one round in {@code faults}
 * @param heap the driver's -Xmx for the memory renders of {@code render} (e.g. {@code 768m})
 * @param maxWaitSeconds how long each timed phase waits for other processes to leave the cores
 * @param repeat rounds of the raw loop, local[1] and local[2] renders in {@code render}, and of
 *     each fault in {@code faults}; figures are medians over the rounds
 */
record BenchOptions(Suite suite, Path out, boolean quick, String heap, int maxWaitSeconds, int repeat) {
    static final String DEFAULT_HEAP = "768m";
    static final int DEFAULT_MAX_WAIT_SECONDS = 300;
    static final int DEFAULT_REPEAT = 3;
    static final int FAULTS_QUICK_REPEAT = 1;
    static final String USAGE = String.join("\n",
            "usage: ./reelfarm bench micro|render|ingest|seams|faults|capacity|library|storage|all --out DIR [--quick] [--heap SIZE] [--repeat N] [--max-wait SECONDS]",
            "  micro    JMH microbenchmarks of the model's denoise call and sampler (about 2 min)",
            "  render   raw model loop vs. Reelfarm on local[1] and local[2], and driver memory of a",
            "           1-minute vs. a 10-minute film (about 10 min on 2 cores; --quick skips the 10-minute film)",
            "  ingest   Spark NLP ingestion of a generated library of 1,000 lessons on local[2]: lessons/s",
            "  seams    seam scores, drift and cost of the independent, shared-noise and codenoise strategies",
            "           on a still, a moving and a multi-shot film on local[2] (--quick: shorter films)",
            "  faults   cost of a lost executor on a 2-worker standalone cluster, and time saved by --resume after",
            "           the driver was killed at half a render, per strategy (about 17 min; --quick: about 5 min)",
            "  capacity the capacity planner's simulator against renders of the reference model and a 100 ms cost",
            "           model (a film and a library, local[2] and a 2-worker cluster), and the farm overhead of the",
            "           cost model on a 10-minute film against the raw loop (about 50 min; --quick: a 30-second film,",
            "           about 25 min)",
            "  library  libraries of 100 and 400 three-shot lessons streamed on local[2]: first film, heap, film rate",
            "           against all at once, resume after a kill at half the wall, sync round cost (--quick: 4 and 16)",
            "  storage  a 10-minute film with --out on local disk and on an S3 server (S3Mock, started here): storage's",
            "           share of the wall, upload MB/s against local disk, the model copy of --model s3a://",
            "           (--repeat rounds of both; --quick: a 2-minute film)",
            "  all      micro, then render, then ingest",
            "  --out DIR    where NAME.json, NAME.png and the work files go (required)",
            "  --quick      shorter JMH runs; no 10-minute film; shorter still and moving films in seams;",
            "               an 18-second film and one round in faults; a 30-second overhead film in capacity",
            "  --heap SIZE  driver -Xmx of the memory renders (default: " + DEFAULT_HEAP + ")",
            "  --repeat N   rounds of raw loop, local[1] and local[2] in render, of every fault in faults;",
            "               medians are reported (default: " + DEFAULT_REPEAT + "; faults --quick: " + FAULTS_QUICK_REPEAT + ")",
            "  --max-wait SECONDS  before each timed phase, wait at most this long for other processes",
            "               to leave the cores (default: " + DEFAULT_MAX_WAIT_SECONDS + "; 0 = do not wait)");

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]");

    /** The benchmarks by name. */
    enum Suite {
        MICRO, RENDER, INGEST, SEAMS, FAULTS, CAPACITY, LIBRARY, STORAGE, ALL;

        String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Suite parse(String text) {
            for (Suite suite : values()) {
                if (suite.cliName().equals(text)) {
                    return suite;
                }
            }
            throw new UsageException("unknown benchmark \"" + text + "\"; use micro, render, ingest, seams, faults, capacity, library, storage or all");
        }
    }

    /** Bad command line: the message says what to change. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    BenchOptions {
        if (!HEAP.matcher(heap).matches()) {
            throw new UsageException("--heap \"" + heap + "\" is not a heap size; use a number with k, m or g, e.g. "
                    + DEFAULT_HEAP);
        }
        if (maxWaitSeconds < 0) {
            throw new UsageException("--max-wait must be 0 or more seconds, got " + maxWaitSeconds);
        }
        if (repeat < 1) {
            throw new UsageException("--repeat must be at least 1, got " + repeat);
        }
    }

    /** Returns null when the user asked for help. */
    static BenchOptions parse(String... args) {
        Suite suite = null;
        Path out = null;
        boolean quick = false;
        String heap = DEFAULT_HEAP;
        int maxWait = DEFAULT_MAX_WAIT_SECONDS;
        Integer repeat = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--quick" -> quick = true;
                case "--out" -> {
                    value = value != null ? value : next(args, ++i, "--out", "DIR");
                    if (value.isBlank()) {
                        throw new UsageException("--out needs a directory, e.g. --out /tmp/bench");
                    }
                    out = Path.of(value);
                }
                case "--heap" -> heap = value != null ? value : next(args, ++i, "--heap", "SIZE");
                case "--max-wait" -> maxWait = number("--max-wait", value != null ? value : next(args, ++i, "--max-wait", "SECONDS"));
                case "--repeat" -> repeat = number("--repeat", value != null ? value : next(args, ++i, "--repeat", "N"));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option \"" + arg + "\"; use --out, --quick, --heap, --repeat or --max-wait");
                    }
                    if (suite != null) {
                        throw new UsageException("give one benchmark name, got \"" + suite.cliName() + "\" and \""
                                + arg + "\"");
                    }
                    suite = Suite.parse(arg);
                }
            }
        }
        if (suite == null) {
            throw new UsageException("name a benchmark: micro, render, ingest, seams, faults, capacity, library, storage or all");
        }
        if (out == null) {
            throw new UsageException("--out DIR is required, e.g. ./reelfarm bench " + suite.cliName() + " --out /tmp/bench");
        }
        return new BenchOptions(suite, out, quick, heap, maxWait, repeat != null ? repeat : defaultRepeat(suite, quick));
    }

    /** Rounds when --repeat is not given: a quick faults run does each fault once, to stay short. */
    static int defaultRepeat(Suite suite, boolean quick) {
        return suite == Suite.FAULTS && quick ? FAULTS_QUICK_REPEAT : DEFAULT_REPEAT;
    }

    private static int number(String option, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " \"" + text + "\" is not a whole number, e.g. " + option + " 3");
        }
    }

    private static String next(String[] args, int i, String option, String label) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value: " + option + " " + label);
        }
        return args[i];
    }
}
