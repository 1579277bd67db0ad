package org.reelfarm.render;

import java.util.ArrayList;
import java.util.List;
import org.reelfarm.ingest.Script;
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

    /** The batches of one film as executor tasks, numbered from {@code firstIndex}. */
    List<BatchTask> batches(FilmJob film, long seed, int firstIndex) {
        FilmPlan plan = film.plan();
        Script script = film.script();
        List<BatchTask> out = new ArrayList<>();
        for (Batch batch : plan.batches()) {
            WindowTask[] windows = new WindowTask[batch.windowIndices().size()];
            for (int i = 0; i < windows.length; i++) {
                Window window = plan.windows().get(batch.windowIndices().get(i));
                Shot shot = script.shots().get(window.shotIndex());
                long shotSeed = shot.seed() != null ? shot.seed() : seed;
                int[] tokens = vocabulary.encode(shot.words(), spec.maxTokens());
                windows[i] = new WindowTask(film.index(), window.shotIndex(), window.index(), shotSeed, window.start(),
                        window.length(), tokens, targets(window, film.segments()));
            }
            out.add(new BatchTask(firstIndex + out.size(), windows));
        }
        return out;
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
