package org.reelfarm.export;

/**
 * Reads decoded RGB clips ([F][H][W][3] bytes) the way a viewer would: which colour dominates,
 * where a coloured blob is.
 */
final class Clips {
    private final byte[] rgb;
    private final int frames;
    private final int height;
    private final int width;

    Clips(byte[] rgb, int frames, int height, int width) {
        this.rgb = rgb;
        this.frames = frames;
        this.height = height;
        this.width = width;
    }

    int frames() {
        return frames;
    }

    int[] pixel(int f, int y, int x) {
        int i = ((f * height + y) * width + x) * 3;
        return new int[] {rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF};
    }

    /** Fraction of a frame's pixels within {@code tolerance} (per channel) of a colour. */
    double fraction(int f, int[] colour, int tolerance) {
        int n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (near(pixel(f, y, x), colour, tolerance)) {
                    n++;
                }
            }
        }
        return (double) n / (height * width);
    }

    /**
     * Circular centroid (y, x) of the pixels near a colour, so a blob that wraps around the frame
     * edge still has one position. NaN when no pixel matches.
     */
    double[] centroid(int f, int[] colour, int tolerance) {
        double sy = 0, cy = 0, sx = 0, cx = 0;
        int n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (near(pixel(f, y, x), colour, tolerance)) {
                    double ay = 2 * Math.PI * y / height;
                    double ax = 2 * Math.PI * x / width;
                    sy += Math.sin(ay);
                    cy += Math.cos(ay);
                    sx += Math.sin(ax);
                    cx += Math.cos(ax);
                    n++;
                }
            }
        }
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double y = Math.atan2(sy, cy) / (2 * Math.PI) * height;
        double x = Math.atan2(sx, cx) / (2 * Math.PI) * width;
        return new double[] {Math.floorMod(Math.round(y * 1000), height * 1000L) / 1000.0,
                Math.floorMod(Math.round(x * 1000), width * 1000L) / 1000.0};
    }

    /** Signed shortest displacement from a to b on a circle of length n. */
    static double circularDelta(double a, double b, int n) {
        double d = (b - a) % n;
        if (d > n / 2.0) {
            d -= n;
        } else if (d < -n / 2.0) {
            d += n;
        }
        return d;
    }

    static boolean near(int[] p, int[] colour, int tolerance) {
        return Math.abs(p[0] - colour[0]) <= tolerance && Math.abs(p[1] - colour[1]) <= tolerance
                && Math.abs(p[2] - colour[2]) <= tolerance;
    }
}
