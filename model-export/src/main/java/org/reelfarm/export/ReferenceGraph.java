package org.reelfarm.export;

import java.util.List;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.NoiseSchedule;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * The reference model's three signatures, written as TensorFlow ops.
 *
 * <p>The model is a closed-form, Bayes-optimal denoiser over a procedural prior of captioned
 * clips: a shape of the prompt's colour moving with the prompt's motion over the prompt's
 * background, wrapping around the frame so the prior is stationary in time and space. The random
 * parts of a clip are its position (every latent pixel) and, for bouncing prompts, its phase.
 * For a noisy window the denoiser returns the exact posterior mean over all those candidate
 * clips, converted to an epsilon prediction. The cross term of the posterior for every position
 * of one shape is a circular correlation, done as one depthwise convolution with the shape.
 *
 * <p>Latent channels: RGB in [-1, 1] and an occupancy channel (+1 inside the shape, -1 outside).
 */
final class ReferenceGraph {
    /** Motion phases considered for bouncing prompts; also the bounce period in latent frames. */
    static final int PHASES = 8;
    /** Bounce height in latent pixels. */
    static final int BOUNCE_HEIGHT = 4;
    /** Observation noise of frames given clean through {@code cond_latents}. */
    static final float COND_SIGMA = 0.05f;
    /** Minimum sigma, so the epsilon conversion stays finite at t = 0. */
    static final float MIN_SIGMA = 1e-4f;
    static final float SHAPE_RADIUS = 3.5f;

    private final Ops tf;
    private final ModelSpec spec;
    private final int h;
    private final int w;
    private final int hw;

    ReferenceGraph(Ops tf, ModelSpec spec) {
        this.tf = tf;
        this.spec = spec;
        this.h = spec.latentHeight();
        this.w = spec.latentWidth();
        this.hw = h * w;
    }

    // ---------------------------------------------------------------- encode_text

    /** Inputs and output of {@code encode_text}. */
    record TextEncoder(Operand<TInt32> tokens, Operand<TFloat32> context) {}

    TextEncoder encodeText(float[][] table) {
        Operand<TInt32> tokens = tf.withName("tokens").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        Operand<TFloat32> raw = tf.gather(tf.constant(table), tokens, tf.constant(0)); // [B,T,F]
        Operand<TFloat32> isColour = columns(raw, 2, ReferenceVocabulary.IS_COLOUR);
        Operand<TFloat32> bgWord = columns(raw, 2, ReferenceVocabulary.IS_BACKGROUND);
        // "blue background": a colour directly before a background word is the background.
        Operand<TFloat32> nextBg = tf.pad(
                tf.slice(bgWord, tf.constant(new int[] {0, 1, 0}), tf.constant(new int[] {-1, -1, -1})),
                tf.constant(new int[][] {{0, 0}, {0, 1}, {0, 0}}), tf.constant(0f));
        Operand<TFloat32> fgFlag = tf.math.mul(isColour, tf.math.sub(tf.constant(1f), nextBg));
        Operand<TFloat32> bgFlag = tf.math.mul(isColour, nextBg);
        Operand<TFloat32> rgb = columns(raw, 2, 0, 1, 2);
        Operand<TFloat32> rest = columns(raw, 2,
                ReferenceVocabulary.SHAPE, ReferenceVocabulary.SHAPE + 1, ReferenceVocabulary.SHAPE + 2,
                ReferenceVocabulary.VX, ReferenceVocabulary.VY, ReferenceVocabulary.BOUNCE,
                ReferenceVocabulary.STILL);
        Operand<TFloat32> context = tf.withName("context").concat(List.of(
                tf.math.mul(rgb, fgFlag), fgFlag,
                tf.math.mul(rgb, bgFlag), bgFlag,
                rest, tf.zerosLike(fgFlag)), tf.constant(2)); // [B,T,16]
        return new TextEncoder(tokens, context);
    }

    /** Width of the context vectors {@link #encodeText} produces. */
    static final int CONTEXT_DIM = 16;

    // ---------------------------------------------------------------- denoise

    /** Inputs and output of {@code denoise}. */
    record Denoiser(Operand<TFloat32> latents, Operand<TFloat32> timestep, Operand<TFloat32> context,
            Operand<TFloat32> condLatents, Operand<TFloat32> condMask, Operand<TFloat32> prediction) {}

    Denoiser denoise() {
        int c = spec.latentChannels();
        Operand<TFloat32> x = tf.withName("latents").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, h, w, c)));
        Operand<TFloat32> t = tf.withName("timestep").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> ctx = tf.withName("context").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, CONTEXT_DIM)));
        Operand<TFloat32> cond = tf.withName("cond_latents").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, h, w, c)));
        Operand<TFloat32> mask = tf.withName("cond_mask").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));

        Operand<TInt32> xShape = tf.shape(x);
        Operand<TInt32> batch = tf.gather(xShape, tf.constant(0), tf.constant(0));
        Operand<TInt32> frames = tf.gather(xShape, tf.constant(1), tf.constant(0));

        // What the prompt asks for: pooled context -> colours, shape, motion.
        Operand<TFloat32> pooled = tf.reduceSum(ctx, tf.constant(1)); // [B,16]
        Operand<TFloat32> fg = average(columns(pooled, 1, 0, 1, 2), columns(pooled, 1, 3), new float[] {1, 1, 1});
        Operand<TFloat32> bg = average(columns(pooled, 1, 4, 5, 6), columns(pooled, 1, 7), new float[] {-1, -1, -1});
        Operand<TFloat32> ones = tf.onesLike(columns(pooled, 1, 3));
        Operand<TFloat32> fg4 = tf.concat(List.of(fg, ones), tf.constant(1));
        Operand<TFloat32> bg4 = tf.concat(List.of(bg, tf.math.neg(ones)), tf.constant(1));
        Operand<TFloat32> diff = tf.math.sub(fg4, bg4); // [B,C]
        Operand<TFloat32> shapeRaw = columns(pooled, 1, 8, 9, 10);
        Operand<TFloat32> shapeN = tf.reduceSum(shapeRaw, tf.constant(1), ReduceSum.keepDims(true));
        Operand<TFloat32> shapeWeights = average(shapeRaw, shapeN, new float[] {1, 0, 0});
        Operand<TFloat32> vx = tf.clipByValue(columns(pooled, 1, 11), tf.constant(-1f), tf.constant(1f));
        Operand<TFloat32> vy = tf.clipByValue(columns(pooled, 1, 12), tf.constant(-1f), tf.constant(1f));
        Operand<TFloat32> bounce = tf.math.minimum(columns(pooled, 1, 13), tf.constant(1f));

        // Noise level of each window.
        Operand<TFloat32> alphaBar = alphaBar(t);
        Operand<TFloat32> alpha = tf.math.sqrt(alphaBar);
        Operand<TFloat32> sigma = tf.math.maximum(tf.math.sqrt(tf.math.sub(tf.constant(1f), alphaBar)), tf.constant(MIN_SIGMA));

        // Evidence per frame: noisy frames weigh alpha/sigma^2, clean conditioning frames 1/obs^2.
        Operand<TFloat32> m5 = expand(mask, 3); // [B,F,1,1,1]
        Operand<TFloat32> noisyWeight = expand(tf.math.div(alpha, tf.math.square(sigma)), 4); // [B,1,1,1,1]
        Operand<TFloat32> evidence = tf.math.add(
                tf.math.mul(tf.math.mul(x, noisyWeight), tf.math.sub(tf.constant(1f), m5)),
                tf.math.mul(cond, tf.math.mul(m5, tf.constant(1f / (COND_SIGMA * COND_SIGMA)))));
        Operand<TFloat32> projected = tf.linalg.einsum(List.of(evidence, diff), "bfhwc,bc->bfhw");
        Operand<TFloat32> flatEvidence = tf.reshape(projected, tf.constant(new int[] {-1}));

        // Per-frame offsets of every phase's motion: [B,P,F] integers.
        Operand<TFloat32> frameIdx = tf.dtypes.cast(tf.range(tf.constant(0), frames, tf.constant(1)), TFloat32.class);
        Operand<TFloat32> f3 = tf.reshape(frameIdx, tf.constant(new int[] {1, 1, -1}));
        float[] phases = new float[PHASES];
        for (int i = 0; i < PHASES; i++) {
            phases[i] = i;
        }
        Operand<TFloat32> phase3 = tf.reshape(tf.constant(phases), tf.constant(new int[] {1, PHASES, 1}));
        float half = PHASES / 2f;
        Operand<TFloat32> tri = tf.math.mul(
                tf.math.sub(tf.constant(half), tf.math.abs(tf.math.sub(
                        tf.math.floorMod(tf.math.add(f3, phase3), tf.constant((float) PHASES)), tf.constant(half)))),
                tf.constant(BOUNCE_HEIGHT / half)); // [1,P,F], 0..BOUNCE_HEIGHT
        Operand<TInt32> offY = tf.dtypes.cast(tf.math.round(tf.math.sub(
                tf.math.mul(expand(vy, 1), f3), tf.math.mul(expand(bounce, 1), tri))), TInt32.class);
        Operand<TInt32> offX = tf.dtypes.cast(tf.math.round(tf.math.add(
                tf.math.mul(expand(vx, 1), f3), tf.math.mul(tf.zerosLike(expand(vx, 1)), phase3))), TInt32.class);
        offY = tf.math.add(offY, tf.zerosLike(offX)); // broadcast both to [B,P,F]

        // Align every frame with its phase's motion and sum over frames: A[b,p,u] = sum_f z[b,f,u+off(p,f)].
        Operand<TInt32> gatherAligned = shiftedIndex(offY, offX, batch, frames, true);
        Operand<TFloat32> aligned = tf.reduceSum(tf.gather(flatEvidence, gatherAligned, tf.constant(0)), tf.constant(2)); // [B,P,HW]

        // Circular cross-correlation of the aligned evidence with each prompt's shape gives the
        // log-likelihood of every position: logits[b,p,q] = sum_d A[b,p,q+d] * mask_b(d).
        Operand<TFloat32> kernel = tf.linalg.matMul(shapeWeights, tf.constant(shapeKernels(false))); // [B,K*K]
        Operand<TFloat32> flipped = tf.linalg.matMul(shapeWeights, tf.constant(shapeKernels(true)));
        Operand<TFloat32> logits = correlate(aligned, kernel, batch);
        Operand<TFloat32> posterior = tf.reshape(
                tf.nn.softmax(tf.reshape(logits, tf.stack(List.of(batch, tf.constant(PHASES * hw))))),
                tf.stack(List.of(batch, tf.constant(PHASES), tf.constant(hw))));
        // Posterior mean of the shape in aligned coordinates: M[b,p,u] = sum_q post[b,p,q] * mask_b(u - q).
        Operand<TFloat32> occupancyAligned = correlate(posterior, flipped, batch);

        // Undo the alignment: occ[b,f,q] = sum_p M[b,p,q-off(p,f)].
        Operand<TInt32> gatherFrames = shiftedIndex(tf.math.neg(offY), tf.math.neg(offX), batch, frames, false);
        Operand<TFloat32> occupancy = tf.reduceSum(tf.gather(
                tf.reshape(occupancyAligned, tf.constant(new int[] {-1})), gatherFrames, tf.constant(0)), tf.constant(1)); // [B,F,HW]

        Operand<TFloat32> x0 = tf.math.add(perPixel(bg4),
                tf.math.mul(tf.expandDims(occupancy, tf.constant(-1)), perPixel(diff))); // [B,F,HW,C]
        x0 = tf.reshape(x0, xShape);
        Operand<TFloat32> eps = tf.math.div(tf.math.sub(x, tf.math.mul(expand(alpha, 4), x0)), expand(sigma, 4));
        Operand<TFloat32> prediction = tf.withName("prediction").identity(eps);
        return new Denoiser(x, t, ctx, cond, mask, prediction);
    }

    /**
     * Flat gather indices [B,P,F,HW] into a [B,X,HW] tensor (X = F frames when {@code byFrame},
     * else P phases): the element at q shifted by (offY, offX) with wrap-around.
     */
    private Operand<TInt32> shiftedIndex(Operand<TInt32> offY, Operand<TInt32> offX,
            Operand<TInt32> batch, Operand<TInt32> frames, boolean byFrame) {
        int[] qy = new int[hw];
        int[] qx = new int[hw];
        for (int i = 0; i < hw; i++) {
            qy[i] = i / w;
            qx[i] = i % w;
        }
        Operand<TInt32> qy4 = tf.reshape(tf.constant(qy), tf.constant(new int[] {1, 1, 1, hw}));
        Operand<TInt32> qx4 = tf.reshape(tf.constant(qx), tf.constant(new int[] {1, 1, 1, hw}));
        Operand<TInt32> sy = tf.math.floorMod(tf.math.add(qy4, tf.expandDims(offY, tf.constant(-1))), tf.constant(h));
        Operand<TInt32> sx = tf.math.floorMod(tf.math.add(qx4, tf.expandDims(offX, tf.constant(-1))), tf.constant(w));
        Operand<TInt32> spatial = tf.math.add(tf.math.mul(sy, tf.constant(w)), sx); // [B,P,F,HW]
        Operand<TInt32> b4 = tf.reshape(tf.range(tf.constant(0), batch, tf.constant(1)), tf.constant(new int[] {-1, 1, 1, 1}));
        Operand<TInt32> f4 = tf.reshape(tf.range(tf.constant(0), frames, tf.constant(1)), tf.constant(new int[] {1, 1, -1, 1}));
        Operand<TInt32> p4 = tf.reshape(tf.range(tf.constant(0), tf.constant(PHASES), tf.constant(1)), tf.constant(new int[] {1, -1, 1, 1}));
        Operand<TInt32> inner = byFrame ? frames : tf.constant(PHASES);
        Operand<TInt32> slot = byFrame ? f4 : p4;
        Operand<TInt32> base = tf.math.mul(tf.math.add(tf.math.mul(b4, inner), slot), tf.constant(hw));
        return tf.math.add(base, spatial);
    }

    /** alpha-bar(t) of the model's noise schedule, the same closed form as {@link NoiseSchedule}. */
    private Operand<TFloat32> alphaBar(Operand<TFloat32> t) {
        NoiseSchedule schedule = spec.schedule();
        if (schedule.kind() != NoiseSchedule.Kind.COSINE) {
            throw new IllegalArgumentException("the reference model uses the cosine schedule");
        }
        double s = NoiseSchedule.COSINE_OFFSET;
        double f0 = StrictMath.cos(s / (1 + s) * Math.PI / 2);
        Operand<TFloat32> angle = tf.math.mul(
                tf.math.add(tf.math.div(t, tf.constant((float) schedule.trainSteps())), tf.constant((float) s)),
                tf.constant((float) (Math.PI / 2 / (1 + s))));
        Operand<TFloat32> ab = tf.math.div(tf.math.square(tf.math.cos(angle)), tf.constant((float) (f0 * f0)));
        return tf.clipByValue(ab, tf.constant((float) NoiseSchedule.MIN_ALPHA_BAR), tf.constant(1f));
    }

    /** Half-width of the shape kernels: every shape lies within [-KERNEL_RADIUS, KERNEL_RADIUS]^2. */
    static final int KERNEL_RADIUS = 4;
    private static final int KERNEL = 2 * KERNEL_RADIUS + 1;

    /** Soft mask of shape {@code s} (circle, square, upward triangle) at offset (dy, dx) from its centre. */
    static float mask(int s, float dy, float dx) {
        float r = SHAPE_RADIUS;
        return switch (s) {
            case 0 -> clamp01(r + 0.5f - (float) Math.hypot(dx, dy));
            case 1 -> clamp01(r - 0.2f + 0.5f - Math.max(Math.abs(dx), Math.abs(dy)));
            default -> {
                // Apex at -r, base at +r, half-width at the base r * 1.15.
                float base = clamp01(r + 0.5f - dy);
                float apex = clamp01(dy + r + 0.5f);
                float sides = clamp01(((dy + r) * 1.15f / 2f - Math.abs(dx)) * 0.9f + 0.5f);
                yield base * apex * sides;
            }
        };
    }

    /**
     * The three shapes as [3, K*K] kernels over offsets (dy, dx) in [-R, R]^2, row-major; flipped
     * ones hold mask(-dy, -dx). Checks that no shape reaches beyond the kernel.
     */
    static float[][] shapeKernels(boolean flip) {
        for (int s = 0; s < 3; s++) {
            for (int dy = -2 * KERNEL_RADIUS; dy <= 2 * KERNEL_RADIUS; dy++) {
                for (int dx = -2 * KERNEL_RADIUS; dx <= 2 * KERNEL_RADIUS; dx++) {
                    boolean outside = Math.abs(dy) > KERNEL_RADIUS || Math.abs(dx) > KERNEL_RADIUS;
                    if (outside && mask(s, dy, dx) != 0f) {
                        throw new IllegalStateException("shape " + s + " reaches beyond the kernel at " + dy + "," + dx);
                    }
                }
            }
        }
        float[][] kernels = new float[3][KERNEL * KERNEL];
        for (int s = 0; s < 3; s++) {
            for (int k = 0; k < KERNEL * KERNEL; k++) {
                int dy = k / KERNEL - KERNEL_RADIUS;
                int dx = k % KERNEL - KERNEL_RADIUS;
                kernels[s][k] = flip ? mask(s, -dy, -dx) : mask(s, dy, dx);
            }
        }
        return kernels;
    }

    /**
     * Circular cross-correlation of maps [B,P,HW] with one kernel per batch element [B,K*K]:
     * out[b,p,q] = sum_d x[b,p,q+d] * kernel_b(d), wrapping at the frame edges. One depthwise
     * convolution with a channel per (b, p).
     */
    private Operand<TFloat32> correlate(Operand<TFloat32> maps, Operand<TFloat32> kernel, Operand<TInt32> batch) {
        int r = KERNEL_RADIUS;
        Operand<TFloat32> images = tf.linalg.transpose(tf.reshape(maps, tf.constant(new int[] {-1, h, w})),
                tf.constant(new int[] {1, 2, 0})); // [h,w,B*P]
        Operand<TFloat32> rows = tf.concat(List.of(
                tf.slice(images, tf.constant(new int[] {h - r, 0, 0}), tf.constant(new int[] {r, -1, -1})),
                images,
                tf.slice(images, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {r, -1, -1}))), tf.constant(0));
        Operand<TFloat32> padded = tf.concat(List.of(
                tf.slice(rows, tf.constant(new int[] {0, w - r, 0}), tf.constant(new int[] {-1, r, -1})),
                rows,
                tf.slice(rows, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {-1, r, -1}))), tf.constant(1));
        Operand<TFloat32> perChannel = tf.reshape(
                tf.math.mul(tf.expandDims(kernel, tf.constant(1)), tf.constant(ones(PHASES))), // [B,P,K*K]
                tf.constant(new int[] {-1, KERNEL * KERNEL}));
        Operand<TFloat32> filter = tf.reshape(tf.linalg.transpose(perChannel, tf.constant(new int[] {1, 0})),
                tf.constant(new int[] {KERNEL, KERNEL, -1, 1}));
        Operand<TFloat32> out = tf.nn.depthwiseConv2dNative(tf.expandDims(padded, tf.constant(0)), filter,
                List.of(1L, 1L, 1L, 1L), "VALID"); // [1,h,w,B*P]
        Operand<TFloat32> back = tf.linalg.transpose(tf.reshape(out, tf.constant(new int[] {h, w, -1})),
                tf.constant(new int[] {2, 0, 1}));
        return tf.reshape(back, tf.stack(List.of(batch, tf.constant(PHASES), tf.constant(hw))));
    }

    private static float[][][] ones(int phases) {
        float[][][] out = new float[1][phases][1];
        for (float[][] a : out) {
            for (float[] b : a) {
                java.util.Arrays.fill(b, 1f);
            }
        }
        return out;
    }


    private static float clamp01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    // ---------------------------------------------------------------- decode

    /** Inputs and output of {@code decode}. */
    record Decoder(Operand<TFloat32> latents, Operand<TUint8> frames) {}

    /**
     * Latents to RGB frames: upsampled in space (bilinear) and interpolated in time. The frame
     * after a span's last latent frame needs the next latent frame, hence decode_context = 1.
     */
    Decoder decode() {
        int c = spec.latentChannels();
        int stride = spec.temporalStride();
        Operand<TFloat32> latents = tf.withName("latents").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, h, w, c)));
        Operand<TInt32> shape = tf.shape(latents);
        Operand<TInt32> batch = tf.gather(shape, tf.constant(0), tf.constant(0));
        Operand<TInt32> frames = tf.gather(shape, tf.constant(1), tf.constant(0));
        Operand<TFloat32> rgb = columns(latents, 4, 0, 1, 2); // [B,F,h,w,3]
        Operand<TInt32> lastBegin = tf.stack(List.of(tf.constant(0), tf.math.sub(frames, tf.constant(1)),
                tf.constant(0), tf.constant(0), tf.constant(0)));
        Operand<TFloat32> next = tf.concat(List.of(
                tf.slice(rgb, tf.constant(new int[] {0, 1, 0, 0, 0}), tf.constant(new int[] {-1, -1, -1, -1, -1})),
                tf.slice(rgb, lastBegin, tf.constant(new int[] {-1, 1, -1, -1, -1}))), tf.constant(1));
        java.util.List<Operand<TFloat32>> phases = new java.util.ArrayList<>();
        for (int k = 0; k < stride; k++) {
            float a = (float) k / stride;
            phases.add(tf.math.add(tf.math.mul(rgb, tf.constant(1 - a)), tf.math.mul(next, tf.constant(a))));
        }
        Operand<TFloat32> interleaved = tf.stack(phases, Stack.axis(2L)); // [B,F,stride,h,w,3]
        Operand<TFloat32> images = tf.reshape(interleaved, tf.constant(new int[] {-1, h, w, 3}));
        int outH = h * spec.spatialFactor();
        int outW = w * spec.spatialFactor();
        Operand<TFloat32> up = tf.image.resizeBilinear(images, tf.constant(new int[] {outH, outW}),
                ResizeBilinear.halfPixelCenters(true));
        Operand<TFloat32> scaled = tf.clipByValue(tf.math.add(tf.math.mul(up, tf.constant(127.5f)), tf.constant(128f)),
                tf.constant(0f), tf.constant(255f));
        Operand<TUint8> bytes = tf.dtypes.cast(scaled, TUint8.class);
        Operand<TUint8> out = tf.withName("frames").reshape(bytes, tf.stack(List.of(batch,
                tf.math.mul(frames, tf.constant(stride)), tf.constant(outH), tf.constant(outW), tf.constant(3))));
        return new Decoder(latents, out);
    }

    // ---------------------------------------------------------------- helpers

    /** The given positions of one axis. */
    private Operand<TFloat32> columns(Operand<TFloat32> x, int axis, int... index) {
        return tf.gather(x, tf.constant(index), tf.constant(axis), Gather.batchDims(0L));
    }

    /** sum / count where count &gt; 0, else the default: [B,k]. */
    private Operand<TFloat32> average(Operand<TFloat32> sum, Operand<TFloat32> count, float[] fallback) {
        Operand<TFloat32> missing = tf.math.sub(tf.constant(1f), tf.math.minimum(count, tf.constant(1f)));
        return tf.math.div(tf.math.add(sum, tf.math.mul(missing, tf.constant(new float[][] {fallback}))),
                tf.math.maximum(count, tf.constant(1f)));
    }

    /** [B,C] as [B,1,1,C], to broadcast over frames and pixels. */
    private Operand<TFloat32> perPixel(Operand<TFloat32> x) {
        return tf.expandDims(tf.expandDims(x, tf.constant(1)), tf.constant(1));
    }

    /** Appends {@code n} unit axes. */
    private Operand<TFloat32> expand(Operand<TFloat32> x, int n) {
        Operand<TFloat32> out = x;
        for (int i = 0; i < n; i++) {
            out = tf.expandDims(out, tf.constant(-1));
        }
        return out;
    }
}
