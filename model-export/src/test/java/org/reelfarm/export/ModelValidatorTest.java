package org.reelfarm.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.model.ModelContract;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class ModelValidatorTest {
    @TempDir
    static Path dir;
    static Path reference;

    @BeforeAll
    static void export() {
        reference = dir.resolve("reference");
        ReferenceModel.export(reference);
    }

    @Test
    void acceptsTheReferenceModel() {
        ModelValidator.Report report = ModelValidator.validate(reference);
        assertEquals(List.of(), report.problems());
        assertEquals(ReferenceModel.NAME, report.spec().name());
    }

    @Test
    void rejectsADirectoryThatIsNotASavedModel() throws Exception {
        Path notAModel = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(notAModel.resolve("cat.jpg"), "not a model");
        ModelValidator.Report report = ModelValidator.validate(notAModel);
        assertFalse(report.valid());
        assertTrue(report.problems().get(0).contains("no saved_model.pb"), report.problems().toString());
    }

    @Test
    void rejectsAMissingDirectory() {
        ModelValidator.Report report = ModelValidator.validate(dir.resolve("nowhere"));
        assertTrue(report.problems().get(0).contains("is not a directory"), report.problems().toString());
    }

    @Test
    void rejectsMissingMetadata() throws Exception {
        Path copy = copyOfReference("no-metadata");
        Files.delete(copy.resolve("assets/reelfarm.json"));
        ModelValidator.Report report = ModelValidator.validate(copy);
        assertTrue(report.problems().get(0).contains("assets/reelfarm.json is missing"), report.problems().toString());
    }

    @Test
    void rejectsInvalidMetadata() throws Exception {
        Path copy = copyOfReference("bad-metadata");
        Files.writeString(copy.resolve("assets/reelfarm.json"), "{\"name\": \"x\", ");
        ModelValidator.Report report = ModelValidator.validate(copy);
        assertTrue(report.problems().get(0).contains("is not valid JSON"), report.problems().toString());
    }

    @Test
    void rejectsMetadataWithAnImpossibleValue() throws Exception {
        Path copy = copyOfReference("bad-overlap");
        Path json = copy.resolve("assets/reelfarm.json");
        Files.writeString(json, Files.readString(json).replace("\"default_overlap\" : 4", "\"default_overlap\" : 16"));
        ModelValidator.Report report = ModelValidator.validate(copy);
        assertTrue(report.problems().get(0).contains("default_overlap must be >= 0 and smaller than window"),
                report.problems().toString());
    }

    @Test
    void rejectsAMissingSignature() throws Exception {
        Path toy = dir.resolve("no-denoise");
        exportToy(toy, 24, false);
        ModelValidator.Report report = ModelValidator.validate(toy);
        assertTrue(report.problems().stream().anyMatch(p -> p.startsWith("signature \"denoise\" is missing")),
                report.problems().toString());
    }

    @Test
    void rejectsWrongShapes() throws Exception {
        Path toy = dir.resolve("wrong-height");
        exportToy(toy, 10, true);
        ModelValidator.Report report = ModelValidator.validate(toy);
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("\"latents\" has shape [-1, -1, 10, 32, 4]")
                && p.contains("reelfarm.json implies")), report.problems().toString());
    }

    private Path copyOfReference(String name) throws Exception {
        Path copy = dir.resolve(name);
        try (var walk = Files.walk(reference)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(reference.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }

    /**
     * A foreign model with the reference metadata: latents of height {@code h}; with or without
     * a denoise signature. Its functions are identities, enough for the signature checks.
     */
    private static void exportToy(Path target, int h, boolean withDenoise) throws Exception {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> latents = tf.withName("latents").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, h, 32, 4)));
            Operand<TFloat32> copy = tf.withName("copy").identity(latents);
            var tokens = tf.withName("tokens").placeholder(org.tensorflow.types.TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Operand<TFloat32> context = tf.withName("context").zeros(tf.stack(List.of(
                    tf.gather(tf.shape(tokens), tf.constant(0), tf.constant(0)),
                    tf.gather(tf.shape(tokens), tf.constant(1), tf.constant(0)), tf.constant(16))), TFloat32.class);
            var exporter = SavedModelBundle.exporter(target.toString()).withTags(ModelContract.TAG)
                    .withFunction(SessionFunction.create(Signature.builder().key(ModelContract.ENCODE_TEXT)
                            .input("tokens", tokens).output("context", context).build(), session));
            if (withDenoise) {
                Operand<TFloat32> t = tf.withName("timestep").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
                Operand<TFloat32> ctx = tf.withName("ctx_in").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, 16)));
                exporter.withFunction(SessionFunction.create(Signature.builder().key(ModelContract.DENOISE)
                        .input("latents", latents).input("timestep", t).input("context", ctx)
                        .output("prediction", copy).build(), session));
            }
            Operand<TFloat32> frameLatents = tf.withName("dec_latents").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, h, 32, 4)));
            exporter.withFunction(SessionFunction.create(Signature.builder().key(ModelContract.DECODE)
                    .input("latents", frameLatents)
                    .output("frames", tf.dtypes.cast(frameLatents, org.tensorflow.types.TUint8.class)).build(), session));
            exporter.export();
        }
        String json = ReferenceModel.spec().toJson().replace("\"supports_conditioning\" : true", "\"supports_conditioning\" : false");
        Files.createDirectories(target.resolve("assets"));
        Files.writeString(target.resolve("assets/reelfarm.json"), json);
        Files.write(target.resolve("assets/vocab.txt"), List.of("<pad>", "<unk>", "circle"));
    }
}
