package org.reelfarm.encode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** RGB24 test pictures, and decoding a whole video into a list. */
final class TestFrames {

    private TestFrames() {}

    /** A frame of one colour. */
    static byte[] solid(int width, int height, int r, int g, int b) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return rgb;
    }

    /**
     * A frame with detail and motion: diagonal gradients that drift with {@code index}, so the
     * encoder produces real motion-compensated frames rather than copies.
     */
    static byte[] moving(int width, int height, int index) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = (y * width + x) * 3;
                rgb[p] = (byte) (x + 3 * index);
                rgb[p + 1] = (byte) (y * 2 + 5 * index);
                rgb[p + 2] = (byte) ((x ^ y) + 7 * index);
            }
        }
        return rgb;
    }

    /** Every frame of a video, decoded to RGB24. */
    static List<byte[]> decodeAll(Path file) {
        List<byte[]> frames = new ArrayList<>();
        Mp4Frames.forEachFrame(file, (index, rgb) -> {
            if (index != frames.size()) {
                throw new AssertionError("frame index " + index + " after " + frames.size() + " frames");
            }
            frames.add(rgb);
        });
        return frames;
    }
}
