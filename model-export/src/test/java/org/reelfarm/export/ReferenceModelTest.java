package org.reelfarm.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

class ReferenceModelTest {
    static final int[] BLUE = {0, 51, 255};
    static final int[] YELLOW = {255, 242, 0};
    static final int[] RED = {255, 0, 0};
    static final int[] GREEN = {0, 223, 51};

    @TempDir
    static Path dir;
    static Model model;
    static ModelSpec spec;

    @BeforeAll
    static void exportAndLoad() {
        ReferenceModel.export(dir.resolve("reference"));
        model = Model.load(dir.resolve("reference"), RuntimeSettings.cpu());
        spec = model.spec();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    float[] context(String prompt) {
        int[] tokens = model.vocabulary().encode(Vocabulary.words(prompt), spec.maxTokens());
        return model.encodeText(new int[][] {tokens})[0];
    }

    Clips sample(String prompt, long seed, SamplerKind kind) {
        Sampler sampler = new Sampler(spec, kind, spec.defaultSteps());
        float[][] latents = sampler.sample(model, List.of(WindowJob.of(seed, 0, spec.window(), context(prompt))));
        byte[] frames = model.decode(latents[0], 1, spec.window());
        return new Clips(frames, spec.window() * spec.temporalStride(), spec.frameHeight(), spec.frameWidth());
    }

    @Test
    void yellowCircleMovesUpOnBlue() {
        Clips clip = sample("A yellow circle moves up on a blue background.", 7, SamplerKind.DDIM);
        for (int f = 0; f < clip.frames(); f += 5) {
            assertTrue(clip.fraction(f, BLUE, 40) > 0.6, "frame " + f + " mostly blue: " + clip.fraction(f, BLUE, 40));
            double yellow = clip.fraction(f, YELLOW, 60);
            assertTrue(yellow > 0.03 && yellow < 0.3, "frame " + f + " has a yellow blob: " + yellow);
        }
        double moved = 0;
        for (int f = 2; f < clip.frames(); f += 2) {
            double[] a = clip.centroid(f - 2, YELLOW, 60);
            double[] b = clip.centroid(f, YELLOW, 60);
            double dy = Clips.circularDelta(a[0], b[0], spec.frameHeight());
            double dx = Clips.circularDelta(a[1], b[1], spec.frameWidth());
            assertTrue(dy < 0, "frame " + f + ": centroid moves up, dy=" + dy);
            assertTrue(Math.abs(dx) < 2, "frame " + f + ": no sideways motion, dx=" + dx);
            moved += dy;
        }
        System.out.println("moved " + moved);
    }
}
