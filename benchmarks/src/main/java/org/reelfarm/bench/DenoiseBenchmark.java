package org.reelfarm.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.model.Vocabulary;
import org.reelfarm.sampler.Sampler;
import org.reelfarm.sampler.SamplerKind;
import org.reelfarm.sampler.WindowJob;

/**
 * The model's hot path on one CPU thread (issue 3): one batched {@code denoise} call, and a whole
 * DDIM sample of one window; and the batched call from two threads sharing the model, as in a
 * {@code local[2]} executor. The reference model is exported once per trial into a temporary
 * directory (by a child JVM, {@link ReferenceModelExport}) and loaded with
 * {@link RuntimeSettings#cpu()} (one intra-op, one inter-op thread), as every render task runs it.
 *
 * <p>Run through {@link MicroBenchmark} ({@code ./reelfarm bench micro --out DIR}); the
 * annotations give the default, short run (about two minutes on two cores).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DenoiseBenchmark {
    static final String PROMPT = "A yellow circle moves up on a blue background.";
    /** Sampling steps of the preview profile with the reference model. */
    static final int STEPS = 20;
    /** A mid-schedule timestep: the reference denoiser's cost does not depend on it. */
    static final float TIMESTEP = 500f;

    /** The exported and loaded reference model, shared by every benchmark thread of a trial. */
    @State(Scope.Benchmark)
    public static class LoadedModel {
        Path dir;
        Model model;
        float[] context;

        @Setup
        public void load() throws IOException {
            dir = TempDirs.create("reelfarm-jmh-");
            Path modelDir = dir.resolve("model");
            // Not ReferenceModel.export(modelDir) here: see ReferenceModelExport for why.
            ReferenceModelExport.inChildJvm(modelDir);
            model = Model.load(modelDir, RuntimeSettings.cpu());
            ModelSpec spec = model.spec();
            int[] tokens = model.vocabulary().encode(Vocabulary.words(PROMPT), spec.maxTokens());
            context = model.encodeText(new int[][] {tokens})[0];
        }

        @TearDown
        public void close() throws IOException {
            model.close();
            TempDirs.delete(dir);
        }
    }

    /** Inputs of one batched denoise call: {@code batch} noisy windows of the model's window length. */
    @State(Scope.Benchmark)
    public static class DenoiseInput {
        @Param({"1", "4"})
        public int batch;

        int frames;
        float[] latents;
        float[] timesteps;
        float[][] contexts;

        @Setup
        public void build(LoadedModel loaded) {
            ModelSpec spec = loaded.model.spec();
            frames = spec.window();
            latents = new float[batch * frames * spec.latentFrameSize()];
            Random random = new Random(42);
            for (int i = 0; i < latents.length; i++) {
                latents[i] = (float) random.nextGaussian();
            }
            timesteps = new float[batch];
            contexts = new float[batch][];
            for (int b = 0; b < batch; b++) {
                timesteps[b] = TIMESTEP;
                contexts[b] = loaded.context;
            }
        }
    }

    /** One window at the start of a film, sampled with the preview profile's DDIM steps. */
    @State(Scope.Benchmark)
    public static class OneWindow {
        Sampler sampler;
        List<WindowJob> jobs;

        @Setup
        public void build(LoadedModel loaded) {
            ModelSpec spec = loaded.model.spec();
            sampler = new Sampler(spec, SamplerKind.DDIM, STEPS);
            jobs = List.of(WindowJob.of(7L, 0L, spec.window(), loaded.context));
        }
    }

    /** One {@code denoise} call for {@code batch} windows (no conditioning, as independent windows). */
    @Benchmark
    public float[] denoiseBatch(LoadedModel loaded, DenoiseInput input) {
        return loaded.model.denoise(input.latents, input.batch, input.frames, input.timesteps, input.contexts,
                null, null);
    }

    /**
     * The same call from two threads at once on the one shared model, as the two task threads of a
     * {@code local[2]} executor make it: the time is per call and thread, so perfect scaling keeps it
     * equal to {@link #denoiseBatch}'s and full serialization doubles it.
     */
    @Benchmark
    @Threads(2)
    public float[] denoiseBatchTwoThreads(LoadedModel loaded, DenoiseInput input) {
        return denoiseBatch(loaded, input);
    }

    /** A whole {@value #STEPS}-step DDIM sample of one window: noise, the model calls and the updates. */
    @Benchmark
    public float[][] sampleOneWindow(LoadedModel loaded, OneWindow window) {
        return window.sampler.sample(loaded.model, window.jobs);
    }
}
