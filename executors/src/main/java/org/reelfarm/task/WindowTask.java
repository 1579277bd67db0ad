package org.reelfarm.task;

/**
 * One window to denoise, as shipped to an executor.
 *
 * @param window film-global window index, also the blend order
 * @param start absolute latent frame of the window's first frame in the film
 * @param tokens the prompt of the window's shot as token ids
 * @param targets which segments need which of its frames
 */
public record WindowTask(int film, int shot, int window, long seed, long start, int length, int[] tokens,
        SegmentTarget[] targets) {}
