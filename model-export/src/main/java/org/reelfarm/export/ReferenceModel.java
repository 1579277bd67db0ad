package org.reelfarm.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.reelfarm.model.ModelContract;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.NoiseSchedule;
import org.reelfarm.model.PredictionType;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Builds Reelfarm's reference model from code and saves it as a SavedModel with the three
 * contract signatures and {@code assets/reelfarm.json}. No weights are downloaded: the model is
 * a closed-form denoiser (see {@link ReferenceGraph}).
 *
 * <pre>{@code
 * ReferenceModel.export(Path.of("models/reference"));
 * }</pre>
 */
public final class ReferenceModel {
    public static final String NAME = "reelfarm-reference";
    public static final String VERSION = "1.0.0";
    public static final String VOCABULARY_FILE = "vocab.txt";

    private ReferenceModel() {}

    /** The reference model's metadata: 256x192 at 24 fps, windows of 16 latent frames. */
    public static ModelSpec spec() {
        return new ModelSpec(NAME, VERSION, 4, 8, 2, 24, 32, 24, 16, 4,
                PredictionType.EPSILON, NoiseSchedule.cosine(1000), 20, VOCABULARY_FILE, 32,
                ReferenceGraph.CONTEXT_DIM, 1, true);
    }

    /**
     * Writes the model to {@code dir}, which must not exist yet or be empty. The directory
     * appears complete or not at all: the model is written next to it and moved into place.
     */
    public static void export(Path dir) {
        write(dir, spec(), (tf, denoise) -> denoise.prediction(), spec().toJson());
    }

    /** The {@code prediction} output of {@code denoise}, built on the reference denoiser's graph. */
    @FunctionalInterface
    interface PredictionHead {
        Operand<TFloat32> build(Ops tf, ReferenceGraph.Denoiser reference);
    }

    /**
     * Writes the reference graph under {@code spec} with {@code head} as the denoise output and
     * {@code metadata} as {@code assets/reelfarm.json}; atomically, as {@link #export}.
     */
    static void write(Path dir, ModelSpec spec, PredictionHead head, String metadata) {
        ReferenceVocabulary vocabulary = new ReferenceVocabulary();
        Path target = dir.toAbsolutePath().normalize();
        Path staging = target.resolveSibling(target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteRecursively(staging);
            try (Graph graph = new Graph(); Session session = new Session(graph)) {
                Ops tf = Ops.create(graph);
                ReferenceGraph model = new ReferenceGraph(tf, spec);
                ReferenceGraph.TextEncoder text = model.encodeText(vocabulary.table());
                ReferenceGraph.Denoiser denoise = model.denoise();
                ReferenceGraph.Decoder decode = model.decode();
                Signature encodeSig = Signature.builder().key(ModelContract.ENCODE_TEXT)
                        .input(ModelContract.TOKENS, text.tokens())
                        .output(ModelContract.CONTEXT, text.context()).build();
                Signature denoiseSig = Signature.builder().key(ModelContract.DENOISE)
                        .input(ModelContract.LATENTS, denoise.latents())
                        .input(ModelContract.TIMESTEP, denoise.timestep())
                        .input(ModelContract.CONTEXT, denoise.context())
                        .input(ModelContract.COND_LATENTS, denoise.condLatents())
                        .input(ModelContract.COND_MASK, denoise.condMask())
                        .output(ModelContract.PREDICTION, head.build(tf, denoise)).build();
                Signature decodeSig = Signature.builder().key(ModelContract.DECODE)
                        .input(ModelContract.LATENTS, decode.latents())
                        .output(ModelContract.FRAMES, decode.frames()).build();
                SavedModelBundle.exporter(staging.toString())
                        .withTags(ModelContract.TAG)
                        .withFunction(SessionFunction.create(encodeSig, session))
                        .withFunction(SessionFunction.create(denoiseSig, session))
                        .withFunction(SessionFunction.create(decodeSig, session))
                        .export();
            }
            Path assets = Files.createDirectories(staging.resolve("assets"));
            Files.write(assets.resolve(VOCABULARY_FILE), vocabulary.lines());
            Files.writeString(assets.resolve("reelfarm.json"), metadata);
            if (Files.isDirectory(target)) {
                try (var entries = Files.list(target)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(target + " already exists and is not empty;"
                                + " choose another directory or remove it first");
                    }
                }
                Files.delete(target);
            }
            Files.createDirectories(target.getParent());
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to " + target + ": " + e.getMessage(), e);
        } finally {
            deleteRecursively(staging);
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
