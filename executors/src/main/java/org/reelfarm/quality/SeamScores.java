package org.reelfarm.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seam scores and drift of a film from its per-frame figures (see the README, "Seams").
 *
 * <p>Seam score of a window boundary: (largest mean absolute frame-to-frame difference over the
 * frame pairs of the boundary's overlap + c) / (median difference over the other frame pairs of
 * the shot + c), c = one grey level; 1.0 is seamless. The pairs of a boundary are those that end
 * in the overlap's frames or on the first frame after it. Frames of transitions (a crossfade or a
 * fade) are not scored: they change on purpose. Drift of a shot: how far the salient
 * centroid wanders from where it was on the shot's first frame, in latent pixels (largest
 * distance over the shot); for a shot meant to be still it is pure drift, for a moving subject
 * it includes the intended motion.
 */
public final class SeamScores {
    /** Added to both sides of the ratio: one grey level. */
    public static final double C = 1.0;

    /** A window boundary in output frames: the overlap covers frames [from, to). */
    public record Boundary(int shot, int from, int to) {}

    /** The score of one boundary. */
    public record BoundaryScore(int shot, int from, int to, double score, double largestDiff) {}

    /** The figures of one shot: frames [from, to), its boundaries, seam (worst boundary; 1 without boundaries) and drift. */
    public record ShotScore(int shot, int from, int to, double seam, double drift, double medianDiff,
            List<BoundaryScore> boundaries) {}

    private SeamScores() {}

    /**
     * @param diffs {@code diffs[f]} = difference between frames f - 1 and f ({@code diffs[0]} unused)
     * @param centroids {@code [2f]} x and {@code [2f + 1]} y of frame f, in pixels
     * @param shotFrom first output frame scored in each shot (after any transition into it)
     * @param shotTo end of the frames scored in each shot (before any transition out of it)
     * @param boundaries window boundaries, in shot order
     * @param spatialFactor output pixels per latent pixel
     */
    public static List<ShotScore> score(float[] diffs, float[] centroids, int[] shotFrom, int[] shotTo,
            List<Boundary> boundaries, int spatialFactor) {
        List<ShotScore> out = new ArrayList<>();
        for (int s = 0; s < shotFrom.length; s++) {
            int from = shotFrom[s];
            int to = Math.max(from, shotTo[s]);
            boolean[] atBoundary = new boolean[to - from];
            List<Boundary> mine = new ArrayList<>();
            for (Boundary b : boundaries) {
                if (b.shot() == s && b.to() > from && b.from() < to) {
                    mine.add(b);
                    for (int f = Math.max(from + 1, b.from()); f <= Math.min(to - 1, b.to()); f++) {
                        atBoundary[f - from] = true;
                    }
                }
            }
            double[] inside = new double[to - from];
            double[] all = new double[to - from];
            int nInside = 0;
            int nAll = 0;
            for (int f = from + 1; f < to; f++) {
                all[nAll++] = diffs[f];
                if (!atBoundary[f - from]) {
                    inside[nInside++] = diffs[f];
                }
            }
            double median = nInside > 0 ? median(inside, nInside) : nAll > 0 ? median(all, nAll) : 0;
            List<BoundaryScore> scores = new ArrayList<>();
            double seam = mine.isEmpty() ? 1.0 : 0.0;
            for (Boundary b : mine) {
                double largest = 0;
                for (int f = Math.max(from + 1, b.from()); f <= Math.min(to - 1, b.to()); f++) {
                    largest = Math.max(largest, diffs[f]);
                }
                double score = (largest + C) / (median + C);
                scores.add(new BoundaryScore(s, b.from(), b.to(), score, largest));
                seam = Math.max(seam, score);
            }
            double drift = 0;
            for (int f = from + 1; f < to; f++) { // to > from + 1 implies frame `from` exists
                double dx = centroids[2 * f] - centroids[2 * from];
                double dy = centroids[2 * f + 1] - centroids[2 * from + 1];
                drift = Math.max(drift, Math.hypot(dx, dy) / spatialFactor);
            }
            out.add(new ShotScore(s, from, to, seam, drift, median, scores));
        }
        return out;
    }

    private static double median(double[] values, int n) {
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
