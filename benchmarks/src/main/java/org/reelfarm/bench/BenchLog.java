package org.reelfarm.bench;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** What every benchmark writes to its log while it runs, and how it waits between polls. */
final class BenchLog {
    private BenchLog() {}

    /** "[bench NAME 02:14:05] message", flushed: a benchmark's progress while it runs. */
    static void line(PrintStream log, String bench, String format, Object... args) {
        log.printf("[bench %s %s] %s%n", bench, LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
        log.flush();
    }

    /** Sleeps between polls of a render; an interrupt ends the benchmark. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted", e);
        }
    }
}
