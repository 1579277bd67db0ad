package org.reelfarm.quality;

/**
 * The per-frame figures seam scores and drift are computed from, taken on executors from decoded
 * RGB frames (rows of {@code width * 3} bytes) so that frames never travel to the driver.
 */
public final class FrameStats {
    private FrameStats() {}

    /** Mean absolute difference of two frames over every byte, in grey levels (0..255). */
    public static float meanAbsDiff(byte[] a, int aOffset, byte[] b, int bOffset, int bytes) {
        long sum = 0;
        for (int i = 0; i < bytes; i++) {
            sum += Math.abs((a[aOffset + i] & 0xff) - (b[bOffset + i] & 0xff));
        }
        return (float) ((double) sum / bytes);
    }

    /**
     * The centre of what stands out of a frame: the centroid of its pixels weighted by their
     * distance from the frame's per-channel median colour (the background, for a subject on a
     * plain ground). Returns {x, y} in pixels; the frame centre for a uniform frame.
     */
    public static float[] salientCentroid(byte[] rgb, int offset, int width, int height) {
        int pixels = width * height;
        int[] median = new int[3];
        for (int c = 0; c < 3; c++) {
            int[] histogram = new int[256];
            for (int p = 0; p < pixels; p++) {
                histogram[rgb[offset + p * 3 + c] & 0xff]++;
            }
            int seen = 0;
            int v = 0;
            while (seen + histogram[v] <= pixels / 2) {
                seen += histogram[v++];
            }
            median[c] = v;
        }
        double total = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int base = offset + (y * width + x) * 3;
                int w = Math.abs((rgb[base] & 0xff) - median[0]) + Math.abs((rgb[base + 1] & 0xff) - median[1])
                        + Math.abs((rgb[base + 2] & 0xff) - median[2]);
                total += w;
                sx += (double) w * x;
                sy += (double) w * y;
            }
        }
        if (total == 0) {
            return new float[] {(width - 1) / 2f, (height - 1) / 2f};
        }
        return new float[] {(float) (sx / total), (float) (sy / total)};
    }
}
