package org.reelfarm.encode;

/**
 * What a video file holds, as found by decoding it ({@link Mp4Frames#probe}).
 *
 * @param frameCount video frames that actually decode, counted one by one (not the container's claim)
 * @param width      frame width in pixels
 * @param height     frame height in pixels
 * @param fps        frames per second of the video stream
 * @param codec      FFmpeg's short codec name, e.g. {@code "h264"}
 */
public record Mp4Info(long frameCount, int width, int height, double fps, String codec) {

    public Mp4Info {
        if (frameCount < 0) {
            throw new IllegalArgumentException("frameCount " + frameCount + " is negative");
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("size " + width + "x" + height + " is negative");
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps " + fps + " is not a positive number");
        }
        if (codec == null || codec.isBlank()) {
            throw new IllegalArgumentException("codec must be a non-empty name");
        }
    }
}
