package org.reelfarm.render;

/** A command line or settings mistake: exit code 2 with the message, no stack trace. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
