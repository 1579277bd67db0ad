package org.reelfarm.render;

import java.util.ArrayList;
import java.util.List;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.ingest.Shot;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.Vocabulary;
import org.reelfarm.plan.Batch;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.ShotSpan;
import org.reelfarm.plan.Window;
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
        for (ShotSpan shot : plan.shots()) {
            int count = Math.max(1, (int) Math.ceil((double) shot.length() / segmentLatentFrames));
            for (int k = 0; k < count; k++) {
                long start = shot.start() + (long) shot.length() * k / count;
                long end = shot.start() + (long) shot.length() * (k + 1) / count;
                long contextStart = Math.max(shot.start(), start - spec.decodeContext());
                long contextEnd = Math.min(shot.end(), end + spec.decodeContext());
                String file = String.format("%s/segments/%05d.mp4", workDir, local);
                out.add(new SegmentTask(id++, film, shot.shotIndex(), start, (int) (end - start), contextStart,
                        contextEnd, start * spec.temporalStride(), workDir, file));
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
            out.add(new BatchTask(firstIndex + out.size(), windows));
        }
        return out;
    }

    /**
     * The windows of one film chained shot by shot for co-denoising, with job-wide keys from
     * {@code firstKey} in film order.
     */
    List<CoWindow> chains(FilmJob film, long seed, int firstKey) {
        FilmPlan plan = film.plan();
        List<CoWindow> out = new ArrayList<>();
        List<WindowTask> shot = new ArrayList<>();
        for (Window window : plan.windows()) {
            if (!shot.isEmpty() && shot.get(0).shot() != window.shotIndex()) {
                out.addAll(CoDenoising.chain(shot, firstKey + out.size()));
                shot.clear();
            }
            shot.add(task(film, window, seed, false, 0));
        }
        out.addAll(CoDenoising.chain(shot, firstKey + out.size()));
        return out;
    }

    private WindowTask task(FilmJob film, Window window, long seed, boolean sharedNoise, int period) {
        Shot shot = film.script().shots().get(window.shotIndex());
        ShotSpan span = film.plan().shots().get(window.shotIndex());
        long shotSeed = shot.seed() != null ? shot.seed() : seed;
        int[] tokens = vocabulary.encode(shot.words(), spec.maxTokens());
        return new WindowTask(film.index(), window.shotIndex(), window.index(), shotSeed, window.start(),
                window.length(), tokens, targets(window, film.segments()), sharedNoise ? span.start() : 0,
                sharedNoise ? period : 0);
    }

    private static SegmentTarget[] targets(Window window, List<SegmentTask> segments) {
        List<SegmentTarget> out = new ArrayList<>();
        for (SegmentTask segment : segments) {
            if (segment.shot() != window.shotIndex()) {
                continue;
            }
            long from = Math.max(window.start(), segment.contextStart());
            long to = Math.min(window.end(), segment.contextEnd());
            if (from < to) {
                out.add(new SegmentTarget(segment.id(), from, to));
            }
        }
        return out.toArray(SegmentTarget[]::new);
    }
}
