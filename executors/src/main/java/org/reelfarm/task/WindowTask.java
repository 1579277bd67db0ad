package org.reelfarm.task;

import org.reelfarm.sampler.WindowJob;

/**
 * One window to denoise, as shipped to an executor.
 *
 * @param window film-global window index, also the blend order
 * @param start absolute latent frame of the window's first frame in the film
 * @param tokens the prompt of the window's shot as token ids
 * @param targets which segments need which of its frames
 * @param noiseOrigin where the shot's repeating noise starts (with {@code noisePeriod > 0})
 * @param noisePeriod 0 for the film-wide noise; W for shared noise ({@code --strategy shared-noise})
 * @param transitionWeights per frame, a factor on the blend weight where the window dissolves
 *     into or out of a neighbouring shot (crossfade); null if none
 * @param mixTokens the prompt of the neighbouring shot it dissolves with, or null
 * @param mix how much of that prompt's text context the window takes (0..1), by its position
 */
public record WindowTask(int film, int shot, int window, long seed, long start, int length, int[] tokens,
        SegmentTarget[] targets, long noiseOrigin, int noisePeriod, float[] transitionWeights, int[] mixTokens,
        float mix) {

    /** A window inside its shot: no transition. */
    public WindowTask(int film, int shot, int window, long seed, long start, int length, int[] tokens,
            SegmentTarget[] targets, long noiseOrigin, int noisePeriod) {
        this(film, shot, window, seed, start, length, tokens, targets, noiseOrigin, noisePeriod, null, null, 0f);
    }

    /** The sampler's job for this window, given its text context. */
    public WindowJob job(float[] context) {
        return WindowJob.of(seed, start, length, context).sharedNoise(noiseOrigin, noisePeriod);
    }

    public long end() {
        return start + length;
    }
}
