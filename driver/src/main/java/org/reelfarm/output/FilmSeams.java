package org.reelfarm.output;

import java.util.ArrayList;
import java.util.List;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.ShotSpan;
import org.reelfarm.plan.Window;
import org.reelfarm.quality.SeamScores;
import org.reelfarm.task.SegmentResult;

/**
 * Seam scores and drift of a film (see {@link SeamScores}), assembled on the driver from the
 * per-frame figures its segments computed on executors: a few floats per frame, never frames.
 */
public final class FilmSeams {

    private FilmSeams() {}

    /**
     * The seam scores of every shot of the film, in shot order.
     *
     * @param segments the film's segments in film order
     */
    public static List<SeamScores.ShotScore> score(FilmPlan plan, List<SegmentResult> segments, ModelSpec spec) {
        int stride = spec.temporalStride();
        int frames = plan.outputFrames();
        float[] diffs = new float[frames];
        float[] centroids = new float[2 * frames];
        int at = 0;
        for (SegmentResult s : segments) {
            System.arraycopy(s.diffs(), 0, diffs, at, s.frames());
            System.arraycopy(s.centroids(), 0, centroids, 2 * at, 2 * s.frames());
            at += s.frames();
        }
        if (at != frames) {
            throw new IllegalStateException("segments hold " + at + " frames, the plan " + frames);
        }
        // Transitions change the picture on purpose: only the frames between them are scored.
        int[] shotFrom = new int[plan.shots().size()];
        int[] shotTo = new int[plan.shots().size()];
        for (int i = 0; i < plan.shots().size(); i++) {
            ShotSpan shot = plan.shots().get(i);
            shotFrom[i] = (shot.start() + shot.crossIn() + shot.fadeIn()) * stride;
            shotTo[i] = (shot.end() - shot.crossOut() - shot.fadeOut()) * stride;
        }
        List<SeamScores.Boundary> boundaries = new ArrayList<>();
        List<Window> windows = plan.windows();
        for (int i = 1; i < windows.size(); i++) {
            Window left = windows.get(i - 1);
            Window right = windows.get(i);
            if (left.shotIndex() == right.shotIndex()) {
                boundaries.add(new SeamScores.Boundary(right.shotIndex(), right.start() * stride, left.end() * stride));
            }
        }
        return SeamScores.score(diffs, centroids, shotFrom, shotTo, boundaries, spec.spatialFactor());
    }
}
