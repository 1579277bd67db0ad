package org.reelfarm.model;

import org.reelfarm.errors.UserException;

/** The GPUs a user asked for are not there for TensorFlow: no such device, or CPU-only natives. */
public final class DeviceUnavailableException extends UserException {
    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
