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
 * @param firstRound the shot's sync round at which this job takes the window up: 0 from the
 *     start, R when it resumes from the window's state after R rounds (a checkpoint)
 */
public record CoWindow(WindowTask task, int position, int left, int right, long rightStart, int key, int rightKey,
        int firstRound) {

    public CoWindow {
        if (firstRound < 0) {
            throw new IllegalArgumentException("firstRound must be >= 0, got " + firstRound);
        }
    }

    /** This window, taken up at its shot's sync round {@code round}. */
    public CoWindow resumedAt(int round) {
        return new CoWindow(task, position, left, right, rightStart, key, rightKey, round);
    }

    /** The shot's sync round that is round {@code jobRound} of this job. */
    public int shotRound(int jobRound) {
        return firstRound + jobRound;
    }
}
