package org.reelfarm.codenoise;

/**
 * What a window sends its right neighbour after a round: its current clean estimate of the
 * frames they share and its blend weights for them. The only data that moves between syncs.
 *
 * @param start first latent frame of the overlap (the receiver's first frame)
 * @param frames overlap length in latent frames
 * @param x0 clean latents, [frames][h][w][c]
 * @param weights the sender's blend weight per frame
 */
public record Overlap(long start, int frames, float[] x0, float[] weights) {}
