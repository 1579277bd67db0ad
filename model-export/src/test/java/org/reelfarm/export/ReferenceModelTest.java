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
        assertTrue(moved < -60, "moves up over the clip: " + moved);
    }

    @Test
    void redSquareMovesRight() {
        Clips clip = sample("A red square moves right.", 11, SamplerKind.DDIM);
        int[] black = {0, 0, 0};
        double moved = 0;
        for (int f = 2; f < clip.frames(); f += 2) {
            assertTrue(clip.fraction(f, black, 30) > 0.6, "default background is black");
            double red = clip.fraction(f, RED, 60);
            assertTrue(red > 0.03 && red < 0.3, "frame " + f + " has a red blob: " + red);
            double[] a = clip.centroid(f - 2, RED, 60);
            double[] b = clip.centroid(f, RED, 60);
            double dx = Clips.circularDelta(a[1], b[1], spec.frameWidth());
            double dy = Clips.circularDelta(a[0], b[0], spec.frameHeight());
            assertTrue(dx > 0, "frame " + f + ": centroid moves right, dx=" + dx);
            assertTrue(Math.abs(dy) < 2, "frame " + f + ": no vertical motion, dy=" + dy);
            moved += dx;
        }
        assertTrue(moved > 60, "moves right over the clip: " + moved);
    }

    @Test
    void squareAndCircleDifferInShape() {
        // A square fills its bounding box; a circle of the same size fills about pi/4 of it.
        double square = boxFill(sample("A green square on a black background.", 3, SamplerKind.DDIM), GREEN);
        double circle = boxFill(sample("A green circle on a black background.", 3, SamplerKind.DDIM), GREEN);
        assertTrue(square > 0.9, "square fills its box: " + square);
        assertTrue(circle < 0.85, "circle does not: " + circle);
    }

    private double boxFill(Clips clip, int[] colour) {
        int f = clip.frames() / 2;
        int minY = Integer.MAX_VALUE, maxY = -1, minX = Integer.MAX_VALUE, maxX = -1, n = 0;
        for (int y = 0; y < spec.frameHeight(); y++) {
            for (int x = 0; x < spec.frameWidth(); x++) {
                if (Clips.near(clip.pixel(f, y, x), colour, 90)) {
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    n++;
                }
            }
        }
        assertTrue(n > 0, "shape visible");
        assertTrue(maxX - minX < spec.frameWidth() / 2 && maxY - minY < spec.frameHeight() / 2,
                "shape does not wrap around the edge in this frame");
        return (double) n / ((maxY - minY + 1) * (maxX - minX + 1));
    }

    @Test
    void eulerAncestralSamplesThePromptToo() {
        Clips clip = sample("A yellow circle moves up on a blue background.", 5, SamplerKind.EULER_ANCESTRAL);
        assertTrue(clip.fraction(0, BLUE, 40) > 0.6);
        assertTrue(clip.fraction(0, YELLOW, 60) > 0.03);
    }

    @Test
    void differentSeedsGiveDifferentClips() {
        Clips a = sample("A yellow circle moves up on a blue background.", 1, SamplerKind.DDIM);
        Clips b = sample("A yellow circle moves up on a blue background.", 2, SamplerKind.DDIM);
        double[] ca = a.centroid(0, YELLOW, 60);
        double[] cb = b.centroid(0, YELLOW, 60);
        assertTrue(Math.hypot(ca[0] - cb[0], ca[1] - cb[1]) > 8, "the shape starts elsewhere");
    }

    @Test
    void sameSeedGivesBitIdenticalLatentsAloneOrInABatch() {
        Sampler sampler = new Sampler(spec, SamplerKind.DDIM, 8);
        float[] ctx = context("A yellow circle moves up on a blue background.");
        WindowJob job = WindowJob.of(42, 100, spec.window(), ctx);
        float[] alone = sampler.sample(model, List.of(job))[0];
        List<WindowJob> batch = new ArrayList<>();
        batch.add(WindowJob.of(7, 0, spec.window(), context("A red square moves left.")));
        batch.add(job);
        batch.add(WindowJob.of(42, 112, spec.window(), ctx));
        float[] inBatch = sampler.sample(model, batch)[1];
        assertArrayEquals(alone, inBatch);
    }

    @Test
    void sameSeedGivesBitIdenticalFramesOnOneOrTwoThreads() throws Exception {
        float[] ctx = context("A purple triangle bouncing on an orange background.");
        WindowJob job = WindowJob.of(9, 0, spec.window(), ctx);
        Sampler sampler = new Sampler(spec, SamplerKind.EULER_ANCESTRAL, 8);
        byte[] one;
        byte[] two;
        try (Model single = Model.load(dir.resolve("reference"), new RuntimeSettings(1, 1, ""));
                Model dual = Model.load(dir.resolve("reference"), new RuntimeSettings(2, 2, ""))) {
            one = single.decode(sampler.sample(single, List.of(job))[0], 1, spec.window());
            // Two task threads sharing one model instance, as in local[2].
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var f1 = pool.submit(() -> dual.decode(sampler.sample(dual, List.of(job))[0], 1, spec.window()));
                var f2 = pool.submit(() -> dual.decode(sampler.sample(dual, List.of(job))[0], 1, spec.window()));
                two = f1.get();
                assertArrayEquals(two, f2.get());
            } finally {
                pool.shutdown();
            }
        }
        assertArrayEquals(one, two);
    }

    @Test
    void denoiserUsesTheNoisyInput() {
        float[] ctx = context("A yellow circle moves up on a blue background.");
        org.reelfarm.noise.NoiseField field = new org.reelfarm.noise.NoiseField(1, spec.latentHeight(),
                spec.latentWidth(), spec.latentChannels());
        float[] a = field.span(0, 0, spec.window());
        float[] b = field.span(0, 50, spec.window());
        float[] t = {500f};
        float[] pa = model.denoise(a, 1, spec.window(), t, new float[][] {ctx}, null, null);
        float[] pb = model.denoise(b, 1, spec.window(), t, new float[][] {ctx}, null, null);
        // Implied clean estimates differ, not just the noise term.
        float alpha = (float) spec.schedule().alpha(500);
        float sigma = (float) spec.schedule().sigma(500);
        double diff = 0;
        for (int k = 0; k < a.length; k++) {
            float x0a = spec.prediction().toX0(a[k], pa[k], alpha, sigma);
            float x0b = spec.prediction().toX0(b[k], pb[k], alpha, sigma);
            diff += Math.abs(x0a - x0b);
        }
        assertTrue(diff / a.length > 0.01, "clean estimate depends on x_t: " + diff / a.length);
        assertFalse(Arrays.equals(pa, pb));
    }

    @Test
    void conditionedFramesAreContinuedWhateverTheSeed() {
        String prompt = "A yellow circle moves right on a blue background.";
        float[] ctx = context(prompt);
        Sampler sampler = new Sampler(spec, SamplerKind.DDIM, spec.defaultSteps());
        int frames = spec.window();
        float[] reference = sampler.sample(model, List.of(WindowJob.of(1, 0, frames, ctx)))[0];
        Clips expected = new Clips(model.decode(reference, 1, frames), frames * 2, spec.frameHeight(), spec.frameWidth());
        int given = 4;
        float[] mask = new float[frames];
        Arrays.fill(mask, 0, given, 1f);
        for (long seed : new long[] {2, 3, 4}) {
            float[] continued = sampler.sample(model, List.of(WindowJob.of(seed, 0, frames, ctx).conditioned(reference, mask)))[0];
            Clips clip = new Clips(model.decode(continued, 1, frames), frames * 2, spec.frameHeight(), spec.frameWidth());
            for (int f = 0; f < clip.frames() - 2; f += 3) {
                double[] want = expected.centroid(f, YELLOW, 60);
                double[] got = clip.centroid(f, YELLOW, 60);
                double dx = Clips.circularDelta(want[1], got[1], spec.frameWidth());
                double dy = Clips.circularDelta(want[0], got[0], spec.frameHeight());
                assertTrue(Math.hypot(dx, dy) < 3, "seed " + seed + " frame " + f + ": shape continues the given frames, off by "
                        + Math.hypot(dx, dy));
            }
        }
    }
}
