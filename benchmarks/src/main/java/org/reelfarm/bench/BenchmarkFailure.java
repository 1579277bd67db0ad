package org.reelfarm.bench;

/**
 * A benchmark that could not give honest figures: a render failed, or the renders did not do the
 * work the raw loop did. The message says what differed and where the logs are.
 */
final class BenchmarkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchmarkFailure(String message) {
        super(message);
    }

    BenchmarkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
