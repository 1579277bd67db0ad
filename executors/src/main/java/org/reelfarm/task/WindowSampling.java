package org.reelfarm.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reelfarm.model.Model;
import org.reelfarm.sampler.Sampler;
import org.reelfarm.sampler.WindowJob;
import org.reelfarm.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The denoise stage on an executor: samples each batch of windows with the cached model and
 * cuts every window into the pieces its segments need, keyed by segment id. The pieces of each
 * batch are kept in the work area ({@link Checkpoints}); a resumed run takes them from there.
 */
public final class WindowSampling {
    private static final Logger LOG = LoggerFactory.getLogger(WindowSampling.class);

    private WindowSampling() {}

    /**
     * One partition of batches; the model is fetched from the per-JVM cache once.
     *
     * @param films the job's film names by film index
     */
    public static Iterator<Tuple2<Integer, WindowPiece>> run(Iterator<BatchTask> batches, Map<Integer, String> films,
            TaskSettings settings, TaskCounters counters) {
        if (!batches.hasNext()) {
            return Collections.emptyIterator();
        }
        Model model = TaskModels.forCurrentTask(settings);
        TaskHook hook = TaskHook.installed();
        Sampler sampler = new Sampler(model.spec(), settings.sampler(), settings.steps());
        Storage area = Storage.open(settings.workDir());
        List<Tuple2<Integer, WindowPiece>> out = new ArrayList<>();
        while (batches.hasNext()) {
            BatchTask batch = batches.next();
            if (settings.resume()) {
                List<Tuple2<Integer, WindowPiece>> kept = Checkpoints.readPieces(area, batch.checkpoint());
                if (kept != null) {
                    out.addAll(renumbered(kept, batch));
                    counters.reusedWindows().add(batch.windows().length);
                    continue;
                }
            }
            List<Tuple2<Integer, WindowPiece>> batchPieces;
            WindowTask[] w = batch.windows();
            try {
                hook.beforeBatch(batch.index(), w[0].film(), films.get(w[0].film()));
                batchPieces = sample(batch, model, sampler, settings, counters);
            } catch (RuntimeException e) {
                throw new FilmTaskFailure(Set.of(w[0].film()), "batch " + batch.index() + " (windows "
                        + w[0].window() + ".." + w[w.length - 1].window() + ")", e);
            }
            long begin = System.nanoTime();
            Checkpoints.writePieces(area, batch.checkpoint(), batchPieces);
            counters.checkpointNanos().add(System.nanoTime() - begin);
            out.addAll(batchPieces);
        }
        return out.iterator();
    }

    /**
     * Kept pieces keyed by this job's segment ids, since a resumed library numbers only the films
     * it still renders. A batch's pieces were written window by window, target by target (see
     * {@link #pieces}), so the i-th kept piece is the i-th target of the batch now. (Two targets
     * of one window can cover the same frames, so a piece cannot be matched by its frames.)
     */
    private static List<Tuple2<Integer, WindowPiece>> renumbered(List<Tuple2<Integer, WindowPiece>> kept,
            BatchTask batch) {
        List<Integer> segments = new ArrayList<>();
        for (WindowTask w : batch.windows()) {
            for (SegmentTarget t : w.targets()) {
                segments.add(t.segment());
            }
        }
        if (segments.size() != kept.size()) {
            return kept;
        }
        List<Tuple2<Integer, WindowPiece>> out = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            out.add(new Tuple2<>(segments.get(i), kept.get(i)._2()));
        }
        return out;
    }

    private static List<Tuple2<Integer, WindowPiece>> sample(BatchTask batch, Model model, Sampler sampler,
            TaskSettings settings, TaskCounters counters) {
        long begin = System.nanoTime();
        WindowTask[] windows = batch.windows();
        float[][] contexts = contexts(model, List.of(windows));
        List<WindowJob> jobs = new ArrayList<>();
        for (int b = 0; b < windows.length; b++) {
            jobs.add(windows[b].job(contexts[b]));
        }
        float[][] latents = sampler.sample(model, jobs);
        long took = System.nanoTime() - begin;
        counters.denoiseNanos().add(took);
        counters.modelCalls().add(sampler.steps());
        counters.windowSteps().add((long) sampler.steps() * windows.length);
        LOG.info("batch {} ({} windows, film {} windows {}..{}) denoised in {} ms", batch.index(), windows.length,
                windows[0].film(), windows[0].window(), windows[windows.length - 1].window(), took / 1_000_000);
        int frameSize = model.spec().latentFrameSize();
        List<Tuple2<Integer, WindowPiece>> batchPieces = new ArrayList<>();
        for (int b = 0; b < windows.length; b++) {
            batchPieces.addAll(pieces(windows[b], latents[b], frameSize, settings));
        }
        return batchPieces;
    }

    /**
     * The text context of each window from one {@code encode_text} call; a window that dissolves
     * into a neighbouring shot takes {@code mix} of that shot's context.
     */
    public static float[][] contexts(Model model, List<WindowTask> windows) {
        List<int[]> tokens = new ArrayList<>();
        for (WindowTask w : windows) {
            tokens.add(w.tokens());
            if (w.mixTokens() != null) {
                tokens.add(w.mixTokens());
            }
        }
        float[][] encoded = model.encodeText(tokens.toArray(int[][]::new));
        float[][] out = new float[windows.size()][];
        int at = 0;
        for (int b = 0; b < windows.size(); b++) {
            WindowTask w = windows.get(b);
            out[b] = encoded[at++];
            if (w.mixTokens() != null) {
                float[] other = encoded[at++];
                for (int k = 0; k < out[b].length; k++) {
                    out[b][k] = (1 - w.mix()) * out[b][k] + w.mix() * other[k];
                }
            }
        }
        return out;
    }

    /** Cuts a window's clean latents into the pieces its segments need, keyed by segment id. */
    public static List<Tuple2<Integer, WindowPiece>> pieces(WindowTask window, float[] latents, int frameSize,
            TaskSettings settings) {
        List<Tuple2<Integer, WindowPiece>> out = new ArrayList<>();
        float[] weights = settings.blend().weights(window.length(), settings.overlap());
        if (window.transitionWeights() != null) {
            for (int f = 0; f < weights.length; f++) {
                weights[f] *= window.transitionWeights()[f];
            }
        }
        for (SegmentTarget target : window.targets()) {
            int from = (int) (target.from() - window.start());
            int to = (int) (target.to() - window.start());
            WindowPiece piece = new WindowPiece(window.window(), target.from(), to - from,
                    Arrays.copyOfRange(latents, from * frameSize, to * frameSize),
                    Arrays.copyOfRange(weights, from, to));
            out.add(new Tuple2<>(target.segment(), piece));
        }
        return out;
    }
}
