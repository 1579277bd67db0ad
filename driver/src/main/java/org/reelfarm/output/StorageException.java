package org.reelfarm.output;

/** The output storage failed: a path that cannot be written, a bucket that cannot be reached. */
public final class StorageException extends org.reelfarm.errors.UserException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
