package org.reelfarm.plan;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A film cut into shots, windows and batches, all positions in latent frames from the start of
 * the film. Shots are contiguous and in order; windows are ordered by shot and start, never span
 * a shot boundary, and cover every frame of their shot; batches hold windows of one length.
 *
 * <p>Immutable; made by {@link FilmPlanner}.
 */
public record FilmPlan(
        String name,
        List<ShotSpan> shots,
        List<Window> windows,
        List<Batch> batches,
        int latentFrames,
        int outputFrames)
        implements Serializable {

    public FilmPlan {
        Objects.requireNonNull(name, "name");
        shots = List.copyOf(shots);
        windows = List.copyOf(windows);
        batches = List.copyOf(batches);
        int end = 0;
        for (int i = 0; i < shots.size(); i++) {
            ShotSpan s = shots.get(i);
            require(s.shotIndex() == i && s.start() == end, "shot " + i + " is out of order: " + s);
            end = s.end();
        }
        require(latentFrames == end, "latentFrames " + latentFrames + " is not the sum of the shots, " + end);
        require(outputFrames >= latentFrames, "outputFrames " + outputFrames + " < latentFrames " + latentFrames);
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            require(w.index() == i && w.shotIndex() < shots.size(), "window " + i + " is out of order: " + w);
            ShotSpan s = shots.get(w.shotIndex());
            require(w.start() >= s.renderStart() && w.end() <= s.renderEnd(), "window " + w + " leaves its shot " + s);
            require(i == 0 || windows.get(i - 1).shotIndex() <= w.shotIndex(), "window " + i + " is out of order");
        }
        for (int i = 0; i < batches.size(); i++) {
            Batch b = batches.get(i);
            require(b.index() == i, "batch " + i + " is out of order: " + b);
            for (int w : b.windowIndices()) {
                require(w >= 0 && w < windows.size() && windows.get(w).length() == b.length(),
                        "batch " + i + " holds window " + w + " of another length");
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The windows of one shot, in order (a view; windows of a shot are consecutive). */
    public List<Window> windowsOf(int shotIndex) {
        Objects.checkIndex(shotIndex, shots.size());
        int from = firstWindowAtOrAfter(shotIndex);
        int to = firstWindowAtOrAfter(shotIndex + 1);
        return windows.subList(from, to);
    }

    private int firstWindowAtOrAfter(int shotIndex) {
        int lo = 0;
        int hi = windows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (windows.get(mid).shotIndex() < shotIndex) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Batched {@code denoise} calls to render the film: one per batch per sampler step. */
    public long modelCalls(int steps) {
        return (long) batches.size() * requirePositive(steps);
    }

    /** Window-steps to render the film (the work, whatever the batching): windows × steps. */
    public long windowSteps(int steps) {
        return (long) windows.size() * requirePositive(steps);
    }

    private static int requirePositive(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        return steps;
    }
}
