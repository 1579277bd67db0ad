package org.reelfarm.sampler;

/**
 * One window to sample: where it sits in the film's latent timeline, its seed and its text
 * context, and optionally frames given clean (conditioning).
 *
 * @param seed noise seed of the window's shot; the noise of a frame depends only on (seed,
 *     absolute latent frame), so windows that share frames share their noise
 * @param startFrame absolute latent frame of the window's first frame
 * @param frames window length in latent frames
 * @param context the text context from {@code encode_text}, [T*D]
 * @param condLatents clean latents for the conditioned frames ([F][h][w][C]), or null
 * @param condMask 1 for each frame given clean in condLatents ([F]), or null
 * @param noiseOrigin with {@code noisePeriod > 0}, the frame where the noise pattern starts
 * @param noisePeriod 0 for the film-wide noise of each frame; otherwise frame {@code f} takes the
 *     noise of frame {@code noiseOrigin + floorMod(f - noiseOrigin, noisePeriod)} (FreeNoise-style
 *     shared noise: every window of a shot sees the same noise frames)
 */
public record WindowJob(long seed, long startFrame, int frames, float[] context, float[] condLatents,
        float[] condMask, long noiseOrigin, int noisePeriod) {

    public WindowJob {
        if (frames < 1) {
            throw new IllegalArgumentException("a window needs at least one frame");
        }
        if (startFrame < 0) {
            throw new IllegalArgumentException("startFrame must be >= 0");
        }
        if ((condLatents == null) != (condMask == null)) {
            throw new IllegalArgumentException("condLatents and condMask go together");
        }
        if (condMask != null && condMask.length != frames) {
            throw new IllegalArgumentException("condMask needs one value per frame");
        }
        if (noisePeriod < 0) {
            throw new IllegalArgumentException("noisePeriod must be >= 0");
        }
    }

    /** An unconditioned window with the film-wide noise. */
    public static WindowJob of(long seed, long startFrame, int frames, float[] context) {
        return new WindowJob(seed, startFrame, frames, context, null, null, 0, 0);
    }

    /** This window with frames given clean ({@code condMask} 1) from {@code condLatents}. */
    public WindowJob conditioned(float[] condLatents, float[] condMask) {
        return new WindowJob(seed, startFrame, frames, context, condLatents, condMask, noiseOrigin, noisePeriod);
    }

    /** This window with noise repeating every {@code period} frames from {@code origin}. */
    public WindowJob sharedNoise(long origin, int period) {
        return new WindowJob(seed, startFrame, frames, context, condLatents, condMask, origin, period);
    }

    /** The frame whose noise latent frame {@code frame} takes. */
    public long noiseFrame(long frame) {
        return noisePeriod == 0 ? frame : noiseOrigin + Math.floorMod(frame - noiseOrigin, noisePeriod);
    }
}
