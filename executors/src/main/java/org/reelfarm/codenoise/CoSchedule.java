package org.reelfarm.codenoise;

import java.io.Serializable;

/**
 * The pipeline schedule of co-denoising: a shot's window {@code j} (counted from the shot's start)
 * takes its step {@code i} at clock tick {@code j * stagger + i}, and windows exchange their
 * overlaps every {@code syncEvery} ticks (one sync round). A decision made at the start of a shot
 * thus reaches its last window however many windows it has, with the model calls of independent
 * windows; only the number of rounds grows: {@code ceil(((n - 1) * stagger + steps) / syncEvery)}.
 *
 * @param steps sampling steps of every window
 * @param syncEvery steps a window takes between two syncs (ticks per round)
 * @param stagger ticks between the starts of neighbouring windows
 */
public record CoSchedule(int steps, int syncEvery, int stagger) implements Serializable {

    /**
     * Guards the schedule's invariants; the user's {@code --sync-every} and {@code --stagger} are
     * checked, with messages that name them, where the driver resolves the render's settings.
     */
    public CoSchedule {
        if (steps < 1 || syncEvery < 1 || syncEvery > steps || stagger < 0 || stagger > steps) {
            throw new IllegalArgumentException("a co-denoising schedule needs steps >= 1, 1 <= syncEvery <= steps and"
                    + " 0 <= stagger <= steps, got steps " + steps + ", syncEvery " + syncEvery + ", stagger " + stagger);
        }
    }

    /** First step (inclusive) window {@code j} of its shot takes in round {@code round}. */
    public int firstStep(int j, int round) {
        return clamp(round * syncEvery - j * stagger);
    }

    /** End (exclusive) of the steps window {@code j} takes in round {@code round}; equal to firstStep if none. */
    public int endStep(int j, int round) {
        return clamp((round + 1) * syncEvery - j * stagger);
    }

    /** Sync rounds needed for a shot of {@code windows} windows. */
    public int rounds(int windows) {
        int ticks = (Math.max(1, windows) - 1) * stagger + steps;
        return (ticks + syncEvery - 1) / syncEvery;
    }

    private int clamp(int step) {
        return Math.max(0, Math.min(steps, step));
    }
}
