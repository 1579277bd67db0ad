package org.reelfarm.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * A loaded Reelfarm model: the SavedModel with its metadata and vocabulary, callable with plain
 * Java arrays. Latents are flat float arrays in [batch][frame][y][x][channel] order.
 *
 * <p>Owns its {@link SavedModelBundle}: {@link #close()} releases it; closing twice is harmless.
 * Thread-safe: TensorFlow sessions accept concurrent calls, so one instance serves every task
 * thread of an executor (see {@link ModelCache}).
 */
public final class Model implements AutoCloseable {
    private final Path dir;
    private final ModelSpec spec;
    private final Vocabulary vocabulary;
    private final String hash;
    private final SavedModelBundle bundle;
    private final SessionFunction encodeText;
    private final SessionFunction denoise;
    private final SessionFunction decode;
    private final boolean acceptsConditioning;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Model(Path dir, ModelSpec spec, Vocabulary vocabulary, String hash, SavedModelBundle bundle) {
        this.dir = dir;
        this.spec = spec;
        this.vocabulary = vocabulary;
        this.hash = hash;
        this.bundle = bundle;
        this.encodeText = function(bundle, dir, ModelContract.ENCODE_TEXT);
        this.denoise = function(bundle, dir, ModelContract.DENOISE);
        this.decode = function(bundle, dir, ModelContract.DECODE);
        this.acceptsConditioning = denoise.signature().inputNames().contains(ModelContract.COND_LATENTS)
                && denoise.signature().inputNames().contains(ModelContract.COND_MASK);
    }

    /**
     * Loads a model directory. Throws {@link BadModelException} naming the directory when it is
     * not a SavedModel, lacks a signature, or has missing or invalid metadata.
     */
    public static Model load(Path dir, RuntimeSettings runtime) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new BadModelException(absolute + " is not a directory: pass a SavedModel directory"
                    + " (./reelfarm model export DIR writes the reference model)");
        }
        if (!Files.isRegularFile(absolute.resolve("saved_model.pb"))) {
            throw new BadModelException(absolute + " is not a TensorFlow SavedModel (no saved_model.pb);"
                    + " pass the directory that holds saved_model.pb");
        }
        ModelSpec spec = ModelSpec.read(absolute);
        Vocabulary vocabulary = Vocabulary.read(absolute, spec);
        String hash = hashDirectory(absolute);
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(absolute.toString()).withTags(ModelContract.TAG)
                    .withConfigProto(runtime.toConfigProto()).load();
        } catch (RuntimeException e) {
            throw new BadModelException(absolute + " cannot be loaded by TensorFlow (" + firstLine(e)
                    + "); re-export the model with the \"serve\" tag", e);
        }
        try {
            return new Model(absolute, spec, vocabulary, hash, bundle);
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    /**
     * Checks that TensorFlow can place work on the GPUs of {@code runtime}: one op pinned to each
     * visible GPU, in a session with the same ConfigProto a model gets and no soft placement, so
     * a missing GPU (or CPU-only natives) fails here instead of running silently on the CPU.
     * Does nothing for CPU settings.
     *
     * @throws DeviceUnavailableException naming the devices, with TensorFlow's reason as cause
     */
    public static void requireDevices(RuntimeSettings runtime) {
        if (!runtime.usesGpu()) {
            return;
        }
        int visible = runtime.visibleDevices().split(",").length;
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<?>[] probes = new Operand<?>[visible];
            for (int i = 0; i < visible; i++) {
                // visible_device_list renumbers: the listed GPUs are GPU:0..n-1 inside the process.
                probes[i] = tf.withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(i)
                        .build()).identity(tf.constant(i));
            }
            try (Session session = new Session(graph, runtime.toConfigProto().toBuilder().setAllowSoftPlacement(false)
                    .build())) {
                Session.Runner runner = session.runner();
                for (Operand<?> probe : probes) {
                    runner.fetch(probe);
                }
                runner.run().close();
            }
        } catch (RuntimeException e) {
            throw new DeviceUnavailableException("TensorFlow cannot use GPU " + runtime.visibleDevices() + " ("
                    + firstLine(e) + "): run on a machine with that GPU and the CUDA natives (build with -Pgpu),"
                    + " or use --device cpu", e);
        }
    }

    private static SessionFunction function(SavedModelBundle bundle, Path dir, String key) {
        try {
            return bundle.function(key);
        } catch (IllegalArgumentException e) {
            throw new BadModelException(dir + " has no \"" + key + "\" signature; a Reelfarm model needs"
                    + " encode_text, denoise and decode (see README, \"The model contract\")", e);
        }
    }

    public Path dir() {
        return dir;
    }

    public ModelSpec spec() {
        return spec;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** SHA-256 over the model directory's files: what the manifest records as the model hash. */
    public String hash() {
        return hash;
    }

    /** Text context for each row of tokens (all rows the same length): [B][T*D]. */
    public float[][] encodeText(int[][] tokens) {
        int batch = tokens.length;
        int length = tokens[0].length;
        int[] flat = new int[batch * length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(tokens[b], 0, flat, b * length, length);
        }
        try (TInt32 input = TInt32.tensorOf(Shape.of(batch, length), DataBuffers.of(flat, true, false));
                Result result = encodeText.call(Map.of(ModelContract.TOKENS, input))) {
            TFloat32 context = (TFloat32) output(result, ModelContract.CONTEXT);
            int perRow = (int) (context.shape().size() / batch);
            float[] all = new float[batch * perRow];
            context.copyTo(DataBuffers.of(all, false, false));
            float[][] rows = new float[batch][perRow];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(all, b * perRow, rows[b], 0, perRow);
            }
            return rows;
        }
    }

    /**
     * One {@code denoise} call for a batch of windows of equal length.
     *
     * @param latents [B][F][h][w][C] noisy latents
     * @param timesteps one timestep per window
     * @param contexts per window [T*D], all the same T
     * @param condLatents clean latents for conditioned frames ([B][F][h][w][C]), or null
     * @param condMask per window and frame 1 = frame given clean in condLatents ([B][F]), or null
     * @return the model's prediction, same layout as the latents
     */
    public float[] denoise(float[] latents, int batch, int frames, float[] timesteps, float[][] contexts,
            float[] condLatents, float[] condMask) {
        int h = spec.latentHeight();
        int w = spec.latentWidth();
        int c = spec.latentChannels();
        Shape latentShape = Shape.of(batch, frames, h, w, c);
        int contextLength = contexts[0].length / spec.contextDim();
        float[] ctx = new float[batch * contexts[0].length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(contexts[b], 0, ctx, b * contexts[b].length, contexts[b].length);
        }
        Map<String, Tensor> inputs = new HashMap<>();
        try {
            inputs.put(ModelContract.LATENTS, TFloat32.tensorOf(latentShape, DataBuffers.of(latents, true, false)));
            inputs.put(ModelContract.TIMESTEP, TFloat32.vectorOf(timesteps));
            inputs.put(ModelContract.CONTEXT, TFloat32.tensorOf(Shape.of(batch, contextLength, spec.contextDim()),
                    DataBuffers.of(ctx, true, false)));
            if (acceptsConditioning) {
                float[] cl = condLatents != null ? condLatents : new float[latents.length];
                float[] cm = condMask != null ? condMask : new float[batch * frames];
                inputs.put(ModelContract.COND_LATENTS, TFloat32.tensorOf(latentShape, DataBuffers.of(cl, true, false)));
                inputs.put(ModelContract.COND_MASK, TFloat32.tensorOf(Shape.of(batch, frames), DataBuffers.of(cm, true, false)));
            }
            try (Result result = denoise.call(inputs)) {
                TFloat32 prediction = (TFloat32) output(result, ModelContract.PREDICTION);
                float[] out = new float[latents.length];
                prediction.copyTo(DataBuffers.of(out, false, false));
                return out;
            }
        } finally {
            inputs.values().forEach(Tensor::close);
        }
    }

    /** RGB frames for a batch of latent spans: [B][F*stride][H][W][3] bytes. */
    public byte[] decode(float[] latents, int batch, int frames) {
        Shape shape = Shape.of(batch, frames, spec.latentHeight(), spec.latentWidth(), spec.latentChannels());
        try (TFloat32 input = TFloat32.tensorOf(shape, DataBuffers.of(latents, true, false));
                Result result = decode.call(Map.of(ModelContract.LATENTS, input))) {
            TUint8 frameTensor = (TUint8) output(result, ModelContract.FRAMES);
            byte[] out = new byte[(int) frameTensor.shape().size()];
            frameTensor.copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    private Tensor output(Result result, String name) {
        return result.get(name).orElseThrow(() -> new BadModelException(dir + ": the signature returned no \""
                + name + "\" output"));
    }

    /** Releases the native session and graph. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            bundle.close();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    static String hashDirectory(Path dir) {
        try (var walk = Files.walk(dir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : files) {
                digest.update(dir.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(message);
    }
}
