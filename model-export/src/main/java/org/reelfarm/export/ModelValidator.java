package org.reelfarm.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.reelfarm.model.BadModelException;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelContract;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.model.Vocabulary;
import org.reelfarm.noise.NoiseField;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;

/**
 * Checks any SavedModel against the Reelfarm model contract: metadata, vocabulary, the three
 * signatures with their names, dtypes and shapes, and a tiny call of each. Lists every problem
 * it finds, each saying what is wrong and what to fix.
 */
public final class ModelValidator {

    /** The outcome of a validation: the problems found (none = valid) and the metadata if readable. */
    public record Report(Path dir, ModelSpec spec, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private ModelValidator() {}

    public static Report validate(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(absolute)) {
            problems.add(absolute + " is not a directory: pass a SavedModel directory");
            return new Report(absolute, null, problems);
        }
        if (!Files.isRegularFile(absolute.resolve("saved_model.pb"))) {
            problems.add(absolute + " is not a TensorFlow SavedModel: it has no saved_model.pb");
            return new Report(absolute, null, problems);
        }
        ModelSpec spec = null;
        try {
            spec = ModelSpec.read(absolute);
            Vocabulary.read(absolute, spec);
        } catch (BadModelException e) {
            problems.add(e.getMessage());
        }
        try (SavedModelBundle bundle = SavedModelBundle.loader(absolute.toString()).withTags(ModelContract.TAG).load()) {
            checkSignatures(bundle, spec, problems);
        } catch (RuntimeException e) {
            problems.add(absolute + " cannot be loaded with the \"serve\" tag: " + firstLine(e));
        }
        if (problems.isEmpty()) {
            tryCalls(absolute, spec, problems);
        }
        return new Report(absolute, spec, List.copyOf(problems));
    }

    private static void checkSignatures(SavedModelBundle bundle, ModelSpec spec, List<String> problems) {
        List<Signature> signatures = bundle.signatures();
        for (ModelContract.SignatureSpec expected : ModelContract.SIGNATURES) {
            Signature actual = signatures.stream().filter(s -> s.key().equals(expected.key())).findFirst().orElse(null);
            if (actual == null) {
                problems.add("signature \"" + expected.key() + "\" is missing; export it with inputs "
                        + names(expected.inputs()) + " and outputs " + names(expected.outputs()));
                continue;
            }
            String where = "signature \"" + expected.key() + "\"";
            for (ModelContract.TensorSpec input : expected.inputs()) {
                checkTensor(where, "input", actual.getInputs(), input, true, spec, problems);
            }
            for (ModelContract.TensorSpec input : expected.optionalInputs()) {
                boolean required = spec != null && spec.supportsConditioning();
                checkTensor(where, "input", actual.getInputs(), input, required, spec, problems);
            }
            for (ModelContract.TensorSpec output : expected.outputs()) {
                checkTensor(where, "output", actual.getOutputs(), output, true, spec, problems);
            }
        }
    }

    private static void checkTensor(String where, String kind, Map<String, Signature.TensorDescription> tensors,
            ModelContract.TensorSpec expected, boolean required, ModelSpec spec, List<String> problems) {
        Signature.TensorDescription actual = tensors.get(expected.name());
        if (actual == null) {
            if (required) {
                problems.add(where + " has no " + kind + " \"" + expected.name() + "\" (" + expected.dtype()
                        + ", rank " + expected.rank() + ")"
                        + (expected.name().startsWith("cond_") ? "; add it or set supports_conditioning to false" : ""));
            }
            return;
        }
        if (!actual.dataType.name().equals(expected.dtype())) {
            problems.add(where + " " + kind + " \"" + expected.name() + "\" is " + actual.dataType.name()
                    + ", the contract needs " + expected.dtype());
        }
        Shape shape = actual.shape;
        if (shape.isUnknown()) {
            return;
        }
        if (shape.numDimensions() != expected.rank()) {
            problems.add(where + " " + kind + " \"" + expected.name() + "\" has shape " + shape + " (rank "
                    + shape.numDimensions() + "), the contract needs rank " + expected.rank());
            return;
        }
        if (spec == null) {
            return;
        }
        long[] want = expectedDims(expected, spec);
        for (int i = 0; i < want.length; i++) {
            long got = shape.get(i);
            if (want[i] > 0 && got > 0 && got != want[i]) {
                problems.add(where + " " + kind + " \"" + expected.name() + "\" has shape " + shape
                        + " but reelfarm.json implies " + Shape.of(want).toString().replace("-1", "?")
                        + "; make the two agree");
                return;
            }
        }
    }

    /** Static dimensions the metadata implies; -1 where any size is fine. */
    private static long[] expectedDims(ModelContract.TensorSpec tensor, ModelSpec spec) {
        return switch (tensor.name()) {
            case ModelContract.LATENTS, ModelContract.COND_LATENTS, ModelContract.PREDICTION ->
                    new long[] {-1, -1, spec.latentHeight(), spec.latentWidth(), spec.latentChannels()};
            case ModelContract.CONTEXT -> new long[] {-1, -1, spec.contextDim()};
            case ModelContract.FRAMES -> new long[] {-1, -1, spec.frameHeight(), spec.frameWidth(), 3};
            default -> new long[tensor.rank()];
        };
    }

    /** One call of each signature on a two-frame window. */
    private static void tryCalls(Path dir, ModelSpec spec, List<String> problems) {
        try (Model model = Model.load(dir, RuntimeSettings.cpu())) {
            int[] tokens = new int[spec.maxTokens()];
            tokens[0] = Math.min(2, model.vocabulary().size() - 1);
            float[][] context = model.encodeText(new int[][] {tokens});
            if (context[0].length != spec.maxTokens() * spec.contextDim()) {
                problems.add("encode_text returned " + context[0].length + " values for " + spec.maxTokens()
                        + " tokens; expected max_tokens x context_dim = " + spec.maxTokens() * spec.contextDim());
                return;
            }
            int frames = 2;
            float[] latents = new NoiseField(1, spec.latentHeight(), spec.latentWidth(), spec.latentChannels())
                    .span(0, 0, frames);
            float[] prediction = model.denoise(latents, 1, frames, new float[] {spec.schedule().trainSteps() / 2f},
                    context, null, null);
            for (float v : prediction) {
                if (!Float.isFinite(v)) {
                    problems.add("denoise returned a non-finite value for a plain noisy input; fix the model's arithmetic");
                    return;
                }
            }
            byte[] rgb = model.decode(latents, 1, frames);
            long expected = (long) frames * spec.temporalStride() * spec.frameHeight() * spec.frameWidth() * 3;
            if (rgb.length != expected) {
                problems.add("decode returned " + rgb.length + " bytes for " + frames + " latent frames; expected "
                        + expected + " (frames x temporal_stride x height x width x 3)");
            }
        } catch (RuntimeException e) {
            problems.add("a test call failed: " + firstLine(e) + "; check the signatures' shapes against reelfarm.json");
        }
    }

    private static String names(List<ModelContract.TensorSpec> tensors) {
        return tensors.stream().map(t -> t.name() + " " + t.dtype() + " rank " + t.rank()).toList().toString();
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(message);
    }
}
