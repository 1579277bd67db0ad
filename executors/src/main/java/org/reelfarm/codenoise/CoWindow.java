package org.reelfarm.codenoise;

import org.reelfarm.task.WindowTask;

/**
 * A window of a co-denoised shot and its place in the shot's chain.
 *
 * @param task the window itself
 * @param position its index within its shot (0 for the first window), which sets its start round
 * @param left film-global index of the left neighbour in the same shot, or -1
 * @param right film-global index of the right neighbour in the same shot, or -1
 * @param rightStart first latent frame of the right neighbour (the start of their overlap), or -1
 * @param key job-wide key of this window (unique across the films of one job)
 * @param rightKey job-wide key of the right neighbour, or -1
 */
public record CoWindow(WindowTask task, int position, int left, int right, long rightStart, int key, int rightKey) {}
