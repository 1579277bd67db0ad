package org.reelfarm.bench;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Waits, for a bounded time, until other processes leave the cores alone, so that a timed phase
 * does not share them with someone's build or tests. A phase that still runs disturbed is flagged
 * in the results from its own CPU figures ({@link CpuSample}).
 */
final class QuietMachine {
    /** Other processes may use this many cores on average and the machine still counts as quiet. */
    static final double QUIET_CORES = 0.15;
    static final long SAMPLE_MILLIS = 3_000;

    private final long maxWaitMillis;
    private final PrintStream log;
    private final DoubleSupplier ownCpuSeconds;

    QuietMachine(long maxWaitMillis, PrintStream log) {
        this(maxWaitMillis, log, () -> 0);
    }

    /**
     * @param ownCpuSeconds CPU seconds used so far by processes of the benchmark that are not
     *     this JVM's children (e.g. a {@link LocalCluster}'s), which do not count as others
     */
    QuietMachine(long maxWaitMillis, PrintStream log, DoubleSupplier ownCpuSeconds) {
        this.maxWaitMillis = maxWaitMillis;
        this.log = log;
        this.ownCpuSeconds = ownCpuSeconds;
    }

    /** Returns once a sample finds the machine quiet, or after the maximum wait. */
    void await(String phase) {
        long deadline = System.currentTimeMillis() + maxWaitMillis;
        boolean told = false;
        while (true) {
            Optional<Double> busy = otherCores();
            if (busy.isEmpty() || busy.get() <= QUIET_CORES) {
                return;
            }
            if (System.currentTimeMillis() >= deadline) {
                log.printf("[bench] %s: other processes still use %.1f cores after %d s; running anyway (the results"
                        + " flag it)%n", phase, busy.get(), maxWaitMillis / 1000);
                return;
            }
            if (!told) {
                log.printf("[bench] %s: waiting up to %d s for other processes to leave the cores (%.1f cores busy)%n",
                        phase, maxWaitMillis / 1000, busy.get());
                told = true;
            }
        }
    }

    /** Cores other processes used on average over one sample; empty where /proc is missing. */
    private Optional<Double> otherCores() {
        Optional<CpuSample> start = CpuSample.now();
        double ownStart = ownCpuSeconds.getAsDouble();
        try {
            Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        double own = ownCpuSeconds.getAsDouble() - ownStart;
        return start.flatMap(s -> CpuSample.now().map(
                e -> Math.max(0, e.since(s).otherSeconds() - own) / (SAMPLE_MILLIS / 1000.0)));
    }
}
