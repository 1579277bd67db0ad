package org.reelfarm.noise;

/**
 * A film-wide field of standard Gaussian noise, addressed by coordinates instead of drawn from a
 * stream: the value at (seed, stream, absolute latent frame, channel, y, x) is a pure function of
 * those numbers. Any window can ask for any span of frames and gets the same numbers, whatever
 * the windowing, batching, partitioning or executor; this is what makes renders reproducible.
 *
 * <p>{@code stream} separates independent uses of the same seed: 0 is the initial noise of a
 * sample, k &gt; 0 the fresh noise of an ancestral sampler's k-th step.
 *
 * <p>Counter-based: two rounds of the SplitMix64 finaliser over the key give 64 random bits,
 * which Box-Muller turns into one Gaussian. Stateless and thread-safe.
 */
public final class NoiseField {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final double TWO_PI = 2 * Math.PI;
    private static final double INV_2_POW_32 = 1.0 / 4294967296.0;

    private final long seed;
    private final int height;
    private final int width;
    private final int channels;

    /** A field for latents of {@code height x width x channels} per frame. */
    public NoiseField(long seed, int height, int width, int channels) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("latent size must be positive");
        }
        this.seed = seed;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** One value of the field. */
    public float at(int stream, long frame, int channel, int y, int x) {
        long frameKey = frameKey(stream, frame);
        return gaussian(frameKey, ((long) (y * width + x)) * channels + channel);
    }

    /**
     * Fills {@code out} (layout [frame][y][x][channel], starting at {@code offset}) with the field's
     * values for latent frames {@code firstFrame .. firstFrame + frames - 1}.
     */
    public void fill(int stream, long firstFrame, int frames, float[] out, int offset) {
        int perFrame = height * width * channels;
        for (int f = 0; f < frames; f++) {
            long frameKey = frameKey(stream, firstFrame + f);
            int base = offset + f * perFrame;
            for (int i = 0; i < perFrame; i++) {
                out[base + i] = gaussian(frameKey, i);
            }
        }
    }

    /** The field's values for a span of frames, as a new array. */
    public float[] span(int stream, long firstFrame, int frames) {
        float[] out = new float[frames * height * width * channels];
        fill(stream, firstFrame, frames, out, 0);
        return out;
    }

    private long frameKey(int stream, long frame) {
        return mix(mix(seed ^ (GOLDEN * (stream + 1L))) + frame * GOLDEN);
    }

    private static float gaussian(long frameKey, long index) {
        long bits = mix(frameKey ^ mix(index * GOLDEN + 0x632BE59BD9B4E019L));
        // Upper and lower 32 bits as two uniforms; u1 in (0, 1] so the log is finite.
        double u1 = ((bits >>> 32) + 1.0) * INV_2_POW_32;
        double u2 = (bits & 0xFFFFFFFFL) * INV_2_POW_32;
        return (float) (Math.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2));
    }

    /** SplitMix64's finaliser: a bijective, well-avalanched 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
