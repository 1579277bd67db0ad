package org.reelfarm.capacity;

import org.reelfarm.errors.UserException;

/** A capacity question that cannot be answered as asked: unknown profile, impossible deadline, bad numbers. */
public final class CapacityException extends UserException {
    private static final long serialVersionUID = 1L;

    public CapacityException(String message) {
        super(message);
    }

    public CapacityException(String message, Throwable cause) {
        super(message, cause);
    }
}
