package org.reelfarm.export;

import java.util.List;
import java.util.SplittableRandom;
import org.reelfarm.model.ModelSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The work a cost model does on top of the reference denoiser: a video diffusion transformer's
 * shape, with fixed pseudo-random weights (a cost model, not a trained model, and it says so in
 * its metadata). The latent window is cut into {@value #PATCH}x{@value #PATCH} patches, one token
 * per patch and latent frame; a timestep embedding is added; then {@code depth} blocks of full
 * space-time self-attention over all the window's tokens, cross-attention to the text context and
 * an MLP ({@value #MLP_RATIO}x wide), each pre-normed with a residual.
 *
 * <p>Its result must not change any frame, and must not be optimised away either. {@link #gate}
 * returns the reference prediction through a {@code SelectV2} whose condition is the transformer's
 * output compared with a bound it cannot reach (the mean of a {@code tanh} is at most 1, the bound
 * is 2): the prediction is the reference's bit for bit, yet TensorFlow must compute the
 * transformer to evaluate the condition, since grappler folds only conditions it can compute from
 * constants. {@code CostModelTest} checks both: identical predictions, and time growing with depth.
 */
final class CostGraph {
    /** Latent pixels per patch side: 24x32 latents give 6x8 = 48 tokens per latent frame. */
    static final int PATCH = 4;
    static final int MLP_RATIO = 4;
    /** Above anything {@code mean(tanh(.))} can reach. */
    static final float UNREACHABLE = 2f;

    private final Ops tf;
    private final ModelSpec spec;
    private final int depth;
    private final int width;
    private final SplittableRandom random;

    /**
     * @param depth transformer blocks, at least 1
     * @param width token width, a multiple of 2
     * @param seed seed of the fixed weights
     */
    CostGraph(Ops tf, ModelSpec spec, int depth, int width, long seed) {
        if (depth < 1 || width < 2 || width % 2 != 0) {
            throw new IllegalArgumentException("a cost model needs depth >= 1 and an even width >= 2, got depth "
                    + depth + ", width " + width);
        }
        if (spec.latentHeight() % PATCH != 0 || spec.latentWidth() % PATCH != 0) {
            throw new IllegalArgumentException("latent size " + spec.latentHeight() + "x" + spec.latentWidth()
                    + " is not a multiple of the patch size " + PATCH);
        }
        this.tf = tf;
        this.spec = spec;
        this.depth = depth;
        this.width = width;
        this.random = new SplittableRandom(seed);
    }

    /** Tokens of a window of {@code frames} latent frames. */
    static int tokens(ModelSpec spec, int frames) {
        return frames * (spec.latentHeight() / PATCH) * (spec.latentWidth() / PATCH);
    }

    /**
     * {@code reference} (the reference prediction [B,F,h,w,C]) returned unchanged, gated on the
     * transformer run over {@code latents}, {@code timestep} and {@code context}.
     */
    Operand<TFloat32> gate(Operand<TFloat32> latents, Operand<TFloat32> timestep, Operand<TFloat32> context,
            Operand<TFloat32> reference) {
        Operand<TFloat32> out = transformer(latents, timestep, context);
        Operand<TFloat32> score = tf.math.mean(tf.math.tanh(out), tf.constant(new int[] {0, 1, 2}));
        Operand<TBool> never = tf.math.greater(score, tf.constant(UNREACHABLE));
        return tf.select(never, tf.math.mul(reference, score), reference);
    }

    /** The transformer's output tokens [B, N, width]. */
    Operand<TFloat32> transformer(Operand<TFloat32> latents, Operand<TFloat32> timestep, Operand<TFloat32> context) {
        int c = spec.latentChannels();
        int ph = spec.latentHeight() / PATCH;
        int pw = spec.latentWidth() / PATCH;
        int patchDim = PATCH * PATCH * c;
        Operand<TInt32> batch = tf.gather(tf.shape(latents), tf.constant(0), tf.constant(0));
        // Patchify: [B,F,h,w,C] -> [B*F, ph, P, pw, P, C] -> [B*F, ph, pw, P, P, C] -> [B, F*ph*pw, P*P*C].
        Operand<TFloat32> patches = tf.linalg.transpose(
                tf.reshape(latents, tf.constant(new int[] {-1, ph, PATCH, pw, PATCH, c})),
                tf.constant(new int[] {0, 1, 3, 2, 4, 5}));
        Operand<TFloat32> x = linear(tf.reshape(patches, tf.stack(List.of(batch, tf.constant(-1), tf.constant(patchDim)))),
                patchDim, width);
        x = tf.math.add(x, tf.expandDims(timeEmbedding(timestep), tf.constant(1)));
        Operand<TFloat32> text = linear(context, spec.contextDim(), width); // [B,T,width]
        for (int i = 0; i < depth; i++) {
            x = tf.math.add(x, attention(norm(x), norm(x)));
            x = tf.math.add(x, attention(norm(x), text));
            x = tf.math.add(x, mlp(norm(x)));
        }
        return norm(x);
    }

    /** Sinusoidal embedding of the timestep, [B, width]. */
    private Operand<TFloat32> timeEmbedding(Operand<TFloat32> timestep) {
        int half = width / 2;
        float[] freqs = new float[half];
        for (int i = 0; i < half; i++) {
            freqs[i] = (float) StrictMath.exp(-StrictMath.log(10_000) * i / half);
        }
        Operand<TFloat32> angles = tf.math.mul(tf.expandDims(timestep, tf.constant(1)), tf.constant(new float[][] {freqs}));
        return tf.concat(List.of(tf.math.sin(angles), tf.math.cos(angles)), tf.constant(1));
    }

    /** Single-head scaled dot-product attention of {@code queries} [B,N,D] over {@code keys} [B,M,D]. */
    private Operand<TFloat32> attention(Operand<TFloat32> queries, Operand<TFloat32> keys) {
        Operand<TFloat32> q = linear(queries, width, width);
        Operand<TFloat32> k = linear(keys, width, width);
        Operand<TFloat32> v = linear(keys, width, width);
        Operand<TFloat32> logits = tf.math.mul(tf.linalg.einsum(List.of(q, k), "bnd,bmd->bnm"),
                tf.constant((float) (1 / Math.sqrt(width))));
        Operand<TFloat32> mixed = tf.linalg.einsum(List.of(tf.nn.softmax(logits), v), "bnm,bmd->bnd");
        return linear(mixed, width, width);
    }

    private Operand<TFloat32> mlp(Operand<TFloat32> x) {
        Operand<TFloat32> hidden = linear(x, width, width * MLP_RATIO);
        // GELU, in its sigmoid form.
        Operand<TFloat32> gelu = tf.math.mul(hidden, tf.math.sigmoid(tf.math.mul(hidden, tf.constant(1.702f))));
        return linear(gelu, width * MLP_RATIO, width);
    }

    /** Layer norm over the last axis, without learned scale. */
    private Operand<TFloat32> norm(Operand<TFloat32> x) {
        Operand<TInt32> last = tf.constant(new int[] {-1});
        Operand<TFloat32> mean = tf.math.mean(x, last, Mean.keepDims(true));
        Operand<TFloat32> centred = tf.math.sub(x, mean);
        Operand<TFloat32> var = tf.math.mean(tf.math.square(centred), last, Mean.keepDims(true));
        return tf.math.mul(centred, tf.math.rsqrt(tf.math.add(var, tf.constant(1e-5f))));
    }

    /** x [B,N,in] times a fixed weight [in,out], as one 2-D matmul. */
    private Operand<TFloat32> linear(Operand<TFloat32> x, int in, int out) {
        Operand<TInt32> shape = tf.shape(x);
        Operand<TFloat32> flat = tf.linalg.matMul(tf.reshape(x, tf.constant(new int[] {-1, in})), weight(in, out));
        Operand<TInt32> outShape = tf.concat(List.of(
                tf.slice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {2})), tf.constant(new int[] {out})),
                tf.constant(0));
        return tf.reshape(flat, outShape);
    }

    private Operand<TFloat32> weight(int in, int out) {
        float[][] w = new float[in][out];
        double scale = Math.sqrt(3.0 / in); // uniform with variance 1/in
        for (float[] row : w) {
            for (int j = 0; j < out; j++) {
                row[j] = (float) ((random.nextDouble() * 2 - 1) * scale);
            }
        }
        return tf.constant(w);
    }
}
