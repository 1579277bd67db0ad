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
 */
public record WindowJob(long seed, long startFrame, int frames, float[] context, float[] condLatents,
        float[] condMask) {

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
    }

    /** An unconditioned window. */
    public static WindowJob of(long seed, long startFrame, int frames, float[] context) {
        return new WindowJob(seed, startFrame, frames, context, null, null);
    }
}
