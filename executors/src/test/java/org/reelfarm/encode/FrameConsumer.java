package org.reelfarm.encode;

/** Receives decoded frames from {@link Mp4Frames#forEachFrame}, in presentation order. */
@FunctionalInterface
public interface FrameConsumer {

    /**
     * @param index the frame's position in the file, from 0
     * @param rgb24 {@code width * height * 3} bytes, rows top to bottom, each pixel R, G, B; a new
     *              array per frame that the consumer may keep
     */
    void accept(int index, byte[] rgb24);
}
