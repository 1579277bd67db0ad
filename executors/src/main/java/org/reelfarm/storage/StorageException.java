package org.reelfarm.storage;

/**
 * Storage failed: a path that cannot be written, a bucket that cannot be reached, credentials the
 * store refuses. The message names the URI and says how to fix it.
 */
public final class StorageException extends org.reelfarm.errors.UserException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
