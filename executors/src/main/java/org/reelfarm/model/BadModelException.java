package org.reelfarm.model;

/**
 * A model directory that does not follow the Reelfarm model contract. The message names the
 * directory, what is wrong, and how to fix it.
 */
public final class BadModelException extends org.reelfarm.errors.UserException {
    private static final long serialVersionUID = 1L;

    public BadModelException(String message) {
        super(message);
    }

    public BadModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
