package org.reelfarm.sampler;

import java.util.List;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.NoiseSchedule;
import org.reelfarm.model.PredictionType;
import org.reelfarm.noise.NoiseField;

/**
 * Samples clean latents for batches of windows with a model's {@code denoise} signature, over
 * the model's noise schedule and prediction type.
 *
 * <p>Every window of a batch is advanced by one batched {@code denoise} call per step. The noise
 * of each window comes from the film-wide {@link NoiseField}, so a window's result depends only
 * on its own job, never on which other windows share its batch or thread.
 *
 * <p>Stateless apart from its settings; thread-safe.
 */
public final class Sampler {
    private final ModelSpec spec;
    private final SamplerKind kind;
    private final double[] timesteps;

    public Sampler(ModelSpec spec, SamplerKind kind, int steps) {
        if (steps < 1 || steps > spec.schedule().trainSteps()) {
            throw new IllegalArgumentException("steps must be in [1, " + spec.schedule().trainSteps() + "], got " + steps);
        }
        this.spec = spec;
        this.kind = kind;
        this.timesteps = timesteps(spec.schedule().trainSteps(), steps);
    }

    /** Evenly spaced timesteps from the noisiest down: T-1, ..., T/N - 1. */
    static double[] timesteps(int trainSteps, int steps) {
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = (double) (steps - i) * trainSteps / steps - 1;
        }
        return out;
    }

    public int steps() {
        return timesteps.length;
    }

    /** Samples every window; all windows must have the same length. Returns clean latents per window. */
    public float[][] sample(Model model, List<WindowJob> jobs) {
        float[][] x = initialLatents(jobs);
        for (int i = 0; i < steps(); i++) {
            step(model, i, jobs, x);
        }
        return x;
    }

    /** The starting latents of each window: noise-field stream 0 (scaled for the sampler). */
    public float[][] initialLatents(List<WindowJob> jobs) {
        float[][] x = new float[jobs.size()][];
        for (int b = 0; b < jobs.size(); b++) {
            WindowJob job = jobs.get(b);
            x[b] = noise(job, 0);
            if (kind == SamplerKind.EULER_ANCESTRAL) {
                float scale = (float) Math.sqrt(1 + sigmaVe(timesteps[0]) * sigmaVe(timesteps[0]));
                for (int k = 0; k < x[b].length; k++) {
                    x[b][k] *= scale;
                }
            }
        }
        return x;
    }

    /**
     * Advances every window by step {@code i} with one batched {@code denoise} call, in place.
     * Returns the model's clean estimate of each window at this step (before the update).
     */
    public float[][] step(Model model, int i, List<WindowJob> jobs, float[][] x) {
        return step(model, i, jobs, x, null);
    }

    /**
     * Changes a window's clean estimate before the update, e.g. to fuse it with its neighbours'
     * estimates where they overlap. The sampler then proceeds as if the model had predicted it.
     */
    @FunctionalInterface
    public interface Fusion {
        void fuse(int window, float[] x0);
    }

    /** {@link #step(Model, int, List, float[][])} with the clean estimates passed through {@code fusion} (may be null). */
    public float[][] step(Model model, int i, List<WindowJob> jobs, float[][] x, Fusion fusion) {
        int[] stepOf = new int[jobs.size()];
        java.util.Arrays.fill(stepOf, i);
        return step(model, stepOf, jobs, x, fusion);
    }

    /**
     * Advances window {@code b} by its own step {@code stepOf[b]}, all in one batched {@code
     * denoise} call (the model takes a timestep per window): windows at different points of their
     * schedules share a call. Each window's result is the same as in a batch of its own.
     */
    public float[][] step(Model model, int[] stepOf, List<WindowJob> jobs, float[][] x, Fusion fusion) {
        int batch = jobs.size();
        int frames = jobs.get(0).frames();
        int size = frames * spec.latentFrameSize();
        float[] alpha = new float[batch];
        float[] sigma = new float[batch];
        float[] input = new float[batch * size];
        float[] steps = new float[batch];
        float[][] contexts = new float[batch][];
        float[] cond = null;
        float[] mask = null;
        for (int b = 0; b < batch; b++) {
            WindowJob job = jobs.get(b);
            if (job.frames() != frames) {
                throw new IllegalArgumentException("a batch holds windows of one length; got " + frames + " and " + job.frames());
            }
            double t = timesteps[stepOf[b]];
            double alphaBar = spec.schedule().alphaBar(t);
            alpha[b] = (float) Math.sqrt(alphaBar);
            sigma[b] = (float) Math.sqrt(1 - alphaBar);
            // The model sees variance-preserving latents; Euler keeps x / alpha.
            float inputScale = kind == SamplerKind.EULER_ANCESTRAL ? alpha[b] : 1f;
            for (int k = 0; k < size; k++) {
                input[b * size + k] = x[b][k] * inputScale;
            }
            steps[b] = (float) t;
            contexts[b] = job.context();
            if (job.condMask() != null) {
                if (cond == null) {
                    cond = new float[batch * size];
                    mask = new float[batch * frames];
                }
                System.arraycopy(job.condLatents(), 0, cond, b * size, size);
                System.arraycopy(job.condMask(), 0, mask, b * frames, frames);
            }
        }
        float[] prediction = model.denoise(input, batch, frames, steps, contexts, cond, mask);

        PredictionType type = spec.prediction();
        float[][] x0 = new float[batch][size];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < size; k++) {
                x0[b][k] = type.toX0(input[b * size + k], prediction[b * size + k], alpha[b], sigma[b]);
            }
            if (fusion != null) {
                fusion.fuse(b, x0[b]);
            }
            switch (kind) {
                case DDIM -> ddimUpdate(stepOf[b], x[b], x0[b], input, b * size, alpha[b], sigma[b]);
                case EULER_ANCESTRAL -> eulerUpdate(stepOf[b], jobs.get(b), x[b], x0[b]);
            }
        }
        return x0;
    }

    private void ddimUpdate(int i, float[] x, float[] x0, float[] input, int offset, float alpha, float sigma) {
        double nextAlphaBar = i + 1 < timesteps.length ? spec.schedule().alphaBar(timesteps[i + 1]) : 1.0;
        float nextAlpha = (float) Math.sqrt(nextAlphaBar);
        float nextSigma = (float) Math.sqrt(1 - nextAlphaBar);
        float invSigma = 1f / Math.max(sigma, 1e-6f);
        for (int k = 0; k < x.length; k++) {
            float eps = (input[offset + k] - alpha * x0[k]) * invSigma;
            x[k] = nextAlpha * x0[k] + nextSigma * eps;
        }
    }

    private void eulerUpdate(int i, WindowJob job, float[] x, float[] x0) {
        double s = sigmaVe(timesteps[i]);
        double next = i + 1 < timesteps.length ? sigmaVe(timesteps[i + 1]) : 0.0;
        double up = Math.min(next, Math.sqrt(next * next * (s * s - next * next) / (s * s)));
        double down = Math.sqrt(next * next - up * up);
        float[] fresh = up > 0 ? noise(job, i + 1) : null;
        for (int k = 0; k < x.length; k++) {
            double d = (x[k] - x0[k]) / s;
            double value = x[k] + d * (down - s);
            if (fresh != null) {
                value += fresh[k] * up;
            }
            x[k] = (float) value;
        }
    }

    /** sigma in the variance-exploding parameterisation: sqrt((1 - abar) / abar). */
    private double sigmaVe(double t) {
        NoiseSchedule schedule = spec.schedule();
        double ab = schedule.alphaBar(t);
        return Math.sqrt((1 - ab) / ab);
    }

    private float[] noise(WindowJob job, int stream) {
        NoiseField field = new NoiseField(job.seed(), spec.latentHeight(), spec.latentWidth(), spec.latentChannels());
        if (job.noisePeriod() == 0) {
            return field.span(stream, job.startFrame(), job.frames());
        }
        int frameSize = spec.latentFrameSize();
        float[] out = new float[job.frames() * frameSize];
        for (int f = 0; f < job.frames(); f++) {
            field.fill(stream, job.noiseFrame(job.startFrame() + f), 1, out, f * frameSize);
        }
        return out;
    }
}
