package org.reelfarm.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.model.Vocabulary;
import org.reelfarm.sampler.Sampler;
import org.reelfarm.sampler.SamplerKind;
import org.reelfarm.sampler.WindowJob;

class CostModelTest {
    @TempDir
    static Path dir;
    static CostModel.Result built;
    static Model reference;
    static Model cost;

    @BeforeAll
    static void exportBoth() {
        ReferenceModel.export(dir.resolve("reference"));
        built = CostModel.export(dir.resolve("cost-20ms"), 20, "--step-ms 20", System.err);
        reference = Model.load(dir.resolve("reference"), RuntimeSettings.cpu());
        cost = Model.load(dir.resolve("cost-20ms"), RuntimeSettings.cpu());
    }

    @AfterAll
    static void close() {
        reference.close();
        cost.close();
    }

    @Test
    void smallCostModelPassesValidate() {
        ModelValidator.Report report = ModelValidator.validate(dir.resolve("cost-20ms"));
        assertEquals(List.of(), report.problems());
        assertEquals(CostModel.NAME, report.spec().name());
    }

    @Test
    void metadataSaysCostModelWithTargetAndMeasuredStep() throws Exception {
        JsonNode meta = new ObjectMapper().readTree(Files.readString(dir.resolve("cost-20ms").resolve(ModelSpec.METADATA_PATH)));
        assertEquals("cost-model", meta.path("kind").asText());
        assertEquals(20.0, meta.path("cost_model").path("target_step_ms").asDouble());
        assertEquals(built.measuredStepMs(), meta.path("cost_model").path("measured_step_ms").asDouble(), 0.01);
        assertEquals(built.depth(), meta.path("cost_model").path("depth").asInt());
    }

    @Test
    void denoiseGivesTheReferencePredictionBitForBit() {
        ModelSpec spec = reference.spec();
        int batch = 2;
        int frames = spec.window();
        Random random = new Random(3);
        float[] latents = new float[batch * frames * spec.latentFrameSize()];
        for (int i = 0; i < latents.length; i++) {
            latents[i] = (float) random.nextGaussian();
        }
        float[] condLatents = new float[latents.length];
        float[] condMask = new float[batch * frames];
        for (int f = 0; f < 4; f++) {
            condMask[f] = 1;
        }
        System.arraycopy(latents, 0, condLatents, 0, 4 * spec.latentFrameSize());
        float[] timesteps = {900, 120};
        float[][] contexts = {context(reference, "a yellow circle moves up on a blue background"),
                context(reference, "a red box bouncing")};
        assertArrayEquals(reference.denoise(latents, batch, frames, timesteps, contexts, condLatents, condMask),
                cost.denoise(latents, batch, frames, timesteps, contexts, condLatents, condMask));
    }

    @Test
    void sampledWindowDecodesToTheReferenceFrames() {
        assertArrayEquals(frames(reference), frames(cost));
    }

    @Test
    void aDeeperModelCostsMoreMeasuredSideBySide() {
        // Were the transformer folded away, every depth would cost the same. The two depths are
        // timed in turns, so that the shared machine's speed, which drifts, weighs on both alike;
        // a block costs about 5 ms per window-step on an idle core, the rest of a call about 3.
        CostModel.write(dir.resolve("depth-1"), 1, CostModel.spec().toJson());
        CostModel.write(dir.resolve("depth-8"), 8, CostModel.spec().toJson());
        List<Double> ratios = new ArrayList<>();
        try (Model shallow = Model.load(dir.resolve("depth-1"), RuntimeSettings.cpu());
                Model deep = Model.load(dir.resolve("depth-8"), RuntimeSettings.cpu())) {
            for (int turn = 0; turn < 3; turn++) {
                double one = CostModel.stepMs(shallow, 4);
                ratios.add(CostModel.stepMs(deep, 4) / one);
            }
        }
        ratios.sort(Double::compare);
        double ratio = ratios.get(1);
        assertTrue(ratio > 2, "8 blocks should cost about 5 times 1 block per window-step, got " + ratios);
    }

    @Test
    void theRefitBracketsTheTargetWhenAnOvershootLiesFarAbove() {
        // Timings from a CI run on a busy machine: 1 and 4 blocks fitted 28, which measured 141 ms.
        List<double[]> points = List.of(new double[] {1, 4.6}, new double[] {4, 10.8}, new double[] {28, 141.0});
        List<double[]> two = CostModel.bracket(points, 60);
        assertEquals(4, two.get(0)[0]);
        assertEquals(28, two.get(1)[0]);
        assertEquals(13, CostModel.fit(two, 60)); // 4 + (60 - 10.8) / ((141 - 10.8) / 24)
        // All below the target: the two nearest.
        assertEquals(List.of(4.0, 8.0), CostModel.bracket(List.of(new double[] {1, 4}, new double[] {4, 10},
                new double[] {8, 20}), 60).stream().map(p -> p[0]).toList());
    }

    private static float[] context(Model model, String prompt) {
        int[] tokens = model.vocabulary().encode(Vocabulary.words(prompt), model.spec().maxTokens());
        return model.encodeText(new int[][] {tokens})[0];
    }

    private static byte[] frames(Model model) {
        ModelSpec spec = model.spec();
        Sampler sampler = new Sampler(spec, SamplerKind.DDIM, 4);
        float[][] latents = sampler.sample(model, List.of(WindowJob.of(11, 0, spec.window(),
                context(model, "a green triangle moves left on a white background"))));
        return model.decode(latents[0], 1, spec.window());
    }
}
