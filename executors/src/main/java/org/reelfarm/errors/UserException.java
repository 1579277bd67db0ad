package org.reelfarm.errors;

import java.util.Optional;

/**
 * A failure the user caused and can fix: bad input, a bad model, settings that cannot work, a
 * storage location that cannot be used. The message names the file, option or value and says
 * what to do; the command line prints it on one {@code error:} line, without a stack trace, and
 * exits 2. Anything else is an internal failure.
 *
 * <p>Found anywhere in a cause chain: Spark wraps an exception thrown on an executor, and the
 * driver looks through the wrapping for this type, never at message text.
 */
public abstract class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected UserException(String message) {
        super(message);
    }

    protected UserException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first user-caused failure in {@code failure}'s cause chain (itself included), if any. */
    public static Optional<UserException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UserException user) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }
}
