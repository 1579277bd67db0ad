package org.reelfarm.ingest;

/** Shot durations: estimated from the narration pace, or checked when the user gives them. */
final class Durations {
    /** Narration pace used to estimate a shot's length from its words. */
    static final double WORDS_PER_SECOND = 2.5;
    static final double MIN_ESTIMATE_SECONDS = 2.0;
    static final String ALLOWED = "greater than 0 and at most 86400 (24 h)";

    private Durations() {}

    /** Seconds to narrate {@code words} words, at least {@link #MIN_ESTIMATE_SECONDS}. */
    static double estimate(int words) {
        return Math.max(MIN_ESTIMATE_SECONDS, words / WORDS_PER_SECOND);
    }

    static boolean allowed(double seconds) {
        return seconds > 0 && seconds <= Shot.MAX_DURATION_SECONDS; // false for NaN
    }
}
