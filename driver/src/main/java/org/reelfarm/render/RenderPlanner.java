package org.reelfarm.render;

import java.util.ArrayList;
import java.util.List;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.ingest.Shot;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.Vocabulary;
import org.reelfarm.output.ContactSheet;
import org.reelfarm.plan.Batch;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.ShotSpan;
import org.reelfarm.plan.Window;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.task.BatchTask;
import org.reelfarm.task.SegmentTarget;
import org.reelfarm.task.SegmentTask;
import org.reelfarm.task.WindowTask;

/**
 * Turns film plans into the tasks shipped to executors: segments (the encode units) and batches
 * of windows, each window knowing which segments need which of its frames.
 */
final class RenderPlanner {
    private final ModelSpec spec;
    private final Vocabulary vocabulary;
    private final int segmentLatentFrames;

    RenderPlanner(ModelSpec spec, Vocabulary vocabulary, double segmentSeconds) {
        this.spec = spec;
        this.vocabulary = vocabulary;
        this.segmentLatentFrames = Math.max(1, (int) Math.round(segmentSeconds * spec.latentFps()));
    }

    ModelSpec spec() {
        return spec;
    }

    int segmentLatentFrames() {
        return segmentLatentFrames;
    }

    /**
     * Splits every shot into segments of about {@link #segmentLatentFrames()} frames (nearly equal
     * lengths), numbering them from {@code firstId}.
     */
    List<SegmentTask> segments(int film, FilmPlan plan, String workDir, int firstId) {
        List<SegmentTask> out = new ArrayList<>();
        int id = firstId;
        int local = 0;
        List<ContactSheet.Frame> sheet = ContactSheet.frames(plan, spec.temporalStride());
        for (ShotSpan shot : plan.shots()) {
            int count = Math.max(1, (int) Math.ceil((double) shot.length() / segmentLatentFrames));
            for (int k = 0; k < count; k++) {
                long start = shot.start() + (long) shot.length() * k / count;
                long end = shot.start() + (long) shot.length() * (k + 1) / count;
                long contextStart = Math.max(shot.renderStart(), start - spec.decodeContext());
                long contextEnd = Math.min(shot.renderEnd(), end + spec.decodeContext());
                String file = FilmLayout.segment(workDir, local);
                out.add(new SegmentTask(id++, film, shot.shotIndex(), start, (int) (end - start), contextStart,
                        contextEnd, start * spec.temporalStride(), workDir, file, gains(shot, start, end),
                        ContactSheet.framesIn(sheet, start * spec.temporalStride(), end * spec.temporalStride())));
                local++;
            }
        }
        return out;
    }

    /**
     * The batches of one film as executor tasks, numbered from {@code firstIndex}. With {@code
     * sharedNoise} every window of a shot takes the shot's noise repeating with period W.
     */
    List<BatchTask> batches(FilmJob film, long seed, int firstIndex, boolean sharedNoise, int window) {
        FilmPlan plan = film.plan();
        List<BatchTask> out = new ArrayList<>();
        for (Batch batch : plan.batches()) {
            WindowTask[] windows = new WindowTask[batch.windowIndices().size()];
            for (int i = 0; i < windows.length; i++) {
                windows[i] = task(film, plan.windows().get(batch.windowIndices().get(i)), seed, sharedNoise, window);
            }
            out.add(new BatchTask(firstIndex + out.size(), windows,
                    FilmLayout.batch(film.workDir(), batch.index())));
        }
        return out;
    }

    /**
     * The windows of the given shots of one film chained shot by shot for co-denoising, with
     * job-wide keys from {@code firstKey} in film order.
     */
    List<CoWindow> chains(FilmJob film, long seed, int firstKey, java.util.Set<Integer> shots) {
        FilmPlan plan = film.plan();
        List<CoWindow> out = new ArrayList<>();
        List<WindowTask> shot = new ArrayList<>();
        for (Window window : plan.windows()) {
            if (!shots.contains(window.shotIndex())) {
                continue;
            }
            if (!shot.isEmpty() && shot.get(0).shot() != window.shotIndex()) {
                out.addAll(CoDenoising.chain(shot, firstKey + out.size()));
                shot.clear();
            }
            shot.add(task(film, window, seed, false, 0));
        }
        if (!shot.isEmpty()) {
            out.addAll(CoDenoising.chain(shot, firstKey + out.size()));
        }
        return out;
    }

    private WindowTask task(FilmJob film, Window window, long seed, boolean sharedNoise, int period) {
        Shot shot = film.script().shots().get(window.shotIndex());
        ShotSpan span = film.plan().shots().get(window.shotIndex());
        long shotSeed = shot.seed() != null ? shot.seed() : seed;
        int[] tokens = tokens(film, window.shotIndex());
        // Where the shot dissolves with a neighbour, blend weights ramp across the crossfade. A window
        // reaching into the next shot also takes that shot's prompt by its share of the window's
        // frames across the cut (the next shot's own windows keep their prompt: their chain starts
        // clean, where a mixed start would be corrected with a jump one window later).
        float[] weights = null;
        double nextShare = 0;
        if (span.crossIn() > 0 || span.crossOut() > 0) {
            weights = new float[window.length()];
            for (int f = 0; f < window.length(); f++) {
                long frame = window.start() + f;
                double in = span.crossIn() > 0 ? ramp(frame, span.start() - span.crossIn(), 2 * span.crossIn()) : 1;
                double out = span.crossOut() > 0 ? 1 - ramp(frame, span.end() - span.crossOut(), 2 * span.crossOut()) : 1;
                weights[f] = (float) (in * out);
                nextShare += (1 - out) / window.length();
            }
        }
        int[] mixTokens = nextShare > 0 ? tokens(film, window.shotIndex() + 1) : null;
        float mix = (float) nextShare;
        return new WindowTask(film.index(), window.shotIndex(), window.index(), shotSeed, window.start(),
                window.length(), tokens, targets(window, film.segments()), sharedNoise ? span.start() : 0,
                sharedNoise ? period : 0, weights, mixTokens, mix);
    }

    private int[] tokens(FilmJob film, int shot) {
        return vocabulary.encode(film.script().shots().get(shot).words(), spec.maxTokens());
    }

    /** 0 before {@code from}, rising through the middle of each of {@code length} frames to 1 after. */
    private static double ramp(long frame, long from, int length) {
        return Math.max(0, Math.min(1, (frame - from + 0.5) / length));
    }

    /** Brightness per output frame of a segment where its shot fades in from or out to black; null if none. */
    private float[] gains(ShotSpan shot, long start, long end) {
        if (shot.fadeIn() == 0 && shot.fadeOut() == 0) {
            return null;
        }
        int stride = spec.temporalStride();
        long shotFirst = (long) shot.start() * stride;
        long shotEnd = (long) shot.end() * stride;
        float[] gains = new float[(int) (end - start) * stride];
        for (int f = 0; f < gains.length; f++) {
            long frame = start * stride + f;
            double in = shot.fadeIn() > 0 ? ramp(frame, shotFirst, shot.fadeIn() * stride) : 1;
            double out = shot.fadeOut() > 0 ? 1 - ramp(frame, shotEnd - (long) shot.fadeOut() * stride,
                    shot.fadeOut() * stride) : 1;
            gains[f] = (float) (in * out);
        }
        return gains;
    }

    private static SegmentTarget[] targets(Window window, List<SegmentTask> segments) {
        List<SegmentTarget> out = new ArrayList<>();
        // Only a window that dissolves into a neighbouring shot reaches that shot's segments.
        for (SegmentTask segment : segments) {
            long from = Math.max(window.start(), segment.contextStart());
            long to = Math.min(window.end(), segment.contextEnd());
            if (from < to) {
                out.add(new SegmentTarget(segment.id(), from, to));
            }
        }
        return out.toArray(SegmentTarget[]::new);
    }
}
