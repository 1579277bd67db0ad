package org.reelfarm.encode;

/**
 * Writing or reading a video or image file failed. The message names the file, the step that
 * failed and, where FFmpeg reported one, its error text; the cause is kept when there is one.
 */
public final class EncodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EncodeException(String message) {
        super(message);
    }

    public EncodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
