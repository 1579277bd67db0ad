package org.reelfarm.blend;

import java.util.Locale;

/**
 * How much each frame of a window counts where windows overlap. Weights are positive everywhere,
 * so a frame covered by one window takes that window's value, and frames covered by several are
 * averaged with weights normalized to sum to 1 ({@link Blender}).
 *
 * <ul>
 *   <li>{@code flat}: every frame 1 (plain average of the overlap).
 *   <li>{@code linear}: ramps over the first and last {@code overlap} frames, 1 between: a linear
 *       crossfade.
 *   <li>{@code cosine}: the same ramps shaped as a raised cosine: a smooth crossfade.
 *   <li>{@code pyramid}: a tent over the whole window, highest in the middle.
 *   <li>{@code gaussian}: a Gaussian centred on the window, sigma = window / 4.
 * </ul>
 */
public enum BlendProfile {
    FLAT, LINEAR, COSINE, PYRAMID, GAUSSIAN;

    /** The weight of local frame {@code i} of a window of {@code length} frames with ramps of {@code overlap}. */
    public double weight(int i, int length, int overlap) {
        if (i < 0 || i >= length) {
            throw new IllegalArgumentException("frame " + i + " is outside a window of " + length);
        }
        return switch (this) {
            case FLAT -> 1.0;
            case LINEAR -> ramp(i, length, overlap);
            case COSINE -> {
                double r = ramp(i, length, overlap);
                yield 0.5 - 0.5 * StrictMath.cos(Math.PI * r);
            }
            case PYRAMID -> Math.min(i + 1, length - i) / Math.ceil(length / 2.0);
            case GAUSSIAN -> {
                double centre = (length - 1) / 2.0;
                double sigma = Math.max(1.0, length / 4.0);
                double d = (i - centre) / sigma;
                yield StrictMath.exp(-0.5 * d * d);
            }
        };
    }

    /** The weights of every frame of a window. */
    public float[] weights(int length, int overlap) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) weight(i, length, overlap);
        }
        return out;
    }

    /** 1 in the middle, rising from near 0 to 1 over {@code overlap} frames at each end; never 0. */
    private static double ramp(int i, int length, int overlap) {
        if (overlap <= 0) {
            return 1.0;
        }
        double fromEdge = Math.min(i, length - 1 - i) + 1; // 1 at the edge frames
        return Math.min(1.0, fromEdge / (overlap + 1.0));
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BlendProfile parse(String text) {
        for (BlendProfile profile : values()) {
            if (profile.cliName().equals(text.toLowerCase(Locale.ROOT))) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown blend profile \"" + text
                + "\"; use flat, linear, cosine, pyramid or gaussian");
    }
}
