package org.reelfarm.render;

import org.reelfarm.errors.UserException;

/** A command line or settings mistake: exit code 2 with the message, no stack trace. */
public final class UsageException extends UserException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
