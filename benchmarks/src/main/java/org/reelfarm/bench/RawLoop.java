package org.reelfarm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reelfarm.ingest.Shot;
import org.reelfarm.model.Model;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.plan.Batch;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.Window;
import org.reelfarm.sampler.Sampler;
import org.reelfarm.sampler.SamplerKind;
import org.reelfarm.sampler.WindowJob;

/**
 * The model work of a render and nothing else: in this JVM, on this thread, every batch of a
 * film plan gets its text context and is sampled, one batched {@code denoise} call per step,
 * exactly as an executor task does it (same tokens, seeds, windows, batches and sampler), without
 * Spark, blending, decoding, encoding or stitching. The floor that Reelfarm's overhead is measured
 * against.
 */
final class RawLoop {

    /**
     * @param loadSeconds loading the SavedModel (not part of {@code seconds})
     * @param seconds text encoding and sampling of every batch
     * @param modelCalls {@code denoise} calls made
     */
    record Result(double loadSeconds, double seconds, long modelCalls, int batches, int windows) {}

    private RawLoop() {}

    static Result run(Path modelDir, FilmPlan plan, List<Shot> shots, long filmSeed, int steps) {
        long t0 = System.nanoTime();
        try (Model model = Model.load(modelDir, RuntimeSettings.cpu())) {
            long t1 = System.nanoTime();
            Sampler sampler = new Sampler(model.spec(), SamplerKind.DDIM, steps);
            int maxTokens = model.spec().maxTokens();
            long calls = 0;
            for (Batch batch : plan.batches()) {
                int[][] tokens = new int[batch.size()][];
                List<Window> windows = new ArrayList<>(batch.size());
                for (int b = 0; b < batch.size(); b++) {
                    Window window = plan.windows().get(batch.windowIndices().get(b));
                    windows.add(window);
                    tokens[b] = model.vocabulary().encode(shots.get(window.shotIndex()).words(), maxTokens);
                }
                float[][] contexts = model.encodeText(tokens);
                List<WindowJob> jobs = new ArrayList<>(batch.size());
                for (int b = 0; b < batch.size(); b++) {
                    Window window = windows.get(b);
                    Shot shot = shots.get(window.shotIndex());
                    long seed = shot.seed() != null ? shot.seed() : filmSeed;
                    jobs.add(WindowJob.of(seed, window.start(), window.length(), contexts[b]));
                }
                float[][] x = sampler.initialLatents(jobs);
                for (int i = 0; i < sampler.steps(); i++) {
                    sampler.step(model, i, jobs, x); // one batched denoise call
                    calls++;
                }
            }
            long t2 = System.nanoTime();
            return new Result((t1 - t0) / 1e9, (t2 - t1) / 1e9, calls, plan.batches().size(), plan.windows().size());
        }
    }
}
