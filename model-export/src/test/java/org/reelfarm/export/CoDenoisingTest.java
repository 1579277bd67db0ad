package org.reelfarm.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.blend.Blender;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoDenoisingReference;
import org.reelfarm.codenoise.CoSchedule;
import org.reelfarm.codenoise.CoState;
import org.reelfarm.codenoise.Overlap;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.codenoise.StateFiles;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.model.Vocabulary;
import org.reelfarm.quality.FrameStats;
import org.reelfarm.quality.SeamScores;
import org.reelfarm.sampler.Sampler;
import org.reelfarm.sampler.SamplerKind;
import org.reelfarm.sampler.WindowJob;
import org.reelfarm.task.SegmentTarget;
import org.reelfarm.task.WindowPiece;
import org.reelfarm.task.WindowTask;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.Storage;

/**
 * The long-shot strategies on the reference model, in one JVM: a 30-second shot (30 windows of
 * 16 latent frames, overlap 4) of a still shape and of a moving one.
 */
class CoDenoisingTest {
    static final int OVERLAP = 4;
    static final BlendProfile BLEND = BlendProfile.COSINE;

    @TempDir
    static Path dir;
    static Model model;
    static ModelSpec spec;
    static Sampler sampler;

    @BeforeAll
    static void exportAndLoad() {
        ReferenceModel.export(dir.resolve("reference"));
        model = Model.load(dir.resolve("reference"), RuntimeSettings.cpu());
        spec = model.spec();
        sampler = new Sampler(spec, SamplerKind.DDIM, spec.defaultSteps());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** The windows of one shot of {@code frames} latent frames, cut as the planner does. */
    static List<WindowTask> windows(String prompt, long seed, int frames, int noisePeriod) {
        int[] tokens = model.vocabulary().encode(Vocabulary.words(prompt), spec.maxTokens());
        int w = spec.window();
        List<Long> starts = new ArrayList<>();
        for (long s = 0; s + w < frames; s += w - OVERLAP) {
            starts.add(s);
        }
        starts.add((long) frames - w);
        List<WindowTask> out = new ArrayList<>();
        for (long start : starts) {
            out.add(new WindowTask(0, 0, out.size(), seed, start, w, tokens, new SegmentTarget[0], 0, noisePeriod));
        }
        return out;
    }

    static float[][] independent(List<WindowTask> windows) {
        float[] ctx = model.encodeText(new int[][] {windows.get(0).tokens()})[0];
        float[][] out = new float[windows.size()][];
        for (int i = 0; i < windows.size(); i++) {
            out[i] = sampler.sample(model, List.of(windows.get(i).job(ctx)))[0];
        }
        return out;
    }

    static float[][] codenoise(List<WindowTask> windows, CoSchedule schedule, boolean conditioning) {
        List<CoWindow> chain = CoDenoising.chain(windows, 0);
        Map<Integer, float[]> result = CoDenoisingReference.runAll(chain, model, sampler,
                new CoDenoising.Settings(schedule, BLEND, OVERLAP, conditioning, 4));
        float[][] out = new float[windows.size()][];
        for (CoWindow w : chain) {
            out[w.position()] = result.get(w.key());
        }
        return out;
    }

    /** Seam score and drift of one shot from its windows' clean latents. */
    static SeamScores.ShotScore score(List<WindowTask> windows, float[][] latents) {
        int frames = (int) windows.get(windows.size() - 1).end();
        List<WindowPiece> pieces = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            WindowTask w = windows.get(i);
            pieces.add(new WindowPiece(i, w.start(), w.length(), latents[i], BLEND.weights(w.length(), OVERLAP)));
        }
        float[] film = Blender.blend(pieces, 0, frames, spec.latentFrameSize());
        byte[] rgb = model.decode(film, 1, frames);
        int stride = spec.temporalStride();
        int frameBytes = spec.frameWidth() * spec.frameHeight() * 3;
        int outFrames = frames * stride;
        float[] diffs = new float[outFrames];
        float[] centroids = new float[2 * outFrames];
        for (int f = 0; f < outFrames; f++) {
            if (f > 0) {
                diffs[f] = FrameStats.meanAbsDiff(rgb, (f - 1) * frameBytes, rgb, f * frameBytes, frameBytes);
            }
            float[] c = FrameStats.salientCentroid(rgb, f * frameBytes, spec.frameWidth(), spec.frameHeight());
            centroids[2 * f] = c[0];
            centroids[2 * f + 1] = c[1];
        }
        List<SeamScores.Boundary> boundaries = new ArrayList<>();
        for (int i = 1; i < windows.size(); i++) {
            boundaries.add(new SeamScores.Boundary(0, (int) windows.get(i).start() * stride,
                    (int) windows.get(i - 1).end() * stride));
        }
        return SeamScores.score(diffs, centroids, new int[] {0}, new int[] {outFrames}, boundaries,
                spec.spatialFactor()).get(0);
    }

    static String describe(String name, SeamScores.ShotScore s) {
        return String.format("%s: seam %.2f, drift %.2f latent px, median diff %.2f", name, s.seam(), s.drift(), s.medianDiff());
    }

    @Test
    void aStillShapeStaysPutWithCodenoiseAndJumpsWithIndependentWindows() {
        List<WindowTask> windows = windows("A red square stays still on a blue background.", 11, 30 * 12, 0);
        SeamScores.ShotScore alone = score(windows, independent(windows));
        SeamScores.ShotScore co = score(windows, codenoise(windows, new CoSchedule(spec.defaultSteps(), 1, 1), true));
        System.out.println(describe("independent", alone));
        System.out.println(describe("codenoise", co));
        assertTrue(alone.seam() > 2 && alone.drift() > 2, describe("independent windows jump", alone));
        assertTrue(co.drift() < 1, describe("codenoise holds the shape", co));
        assertTrue(co.seam() <= 1.2, describe("codenoise is seamless", co));
    }

    @Test
    void partitioningDoesNotChangeABit() {
        List<WindowTask> windows = windows("A green triangle moves up on a black background.", 3, 6 * 12, 0);
        CoDenoising.Settings settings = new CoDenoising.Settings(new CoSchedule(spec.defaultSteps(), 2, 1), BLEND,
                OVERLAP, true, 4);
        List<CoWindow> chain = CoDenoising.chain(windows, 0);
        Map<Integer, float[]> together = CoDenoisingReference.runAll(chain, model, sampler, settings);
        // The same rounds with the windows split over three "partitions", in another order.
        List<List<CoState>> parts = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        List<CoState> started = CoDenoising.start(chain, model, sampler);
        for (int i = 0; i < started.size(); i++) {
            parts.get((i * 7) % 3).add(0, started.get(i));
        }
        for (int r = 0; r < CoDenoising.rounds(chain, settings.schedule()); r++) {
            Map<Integer, Overlap> inbox = outboxes(parts.stream().flatMap(List::stream).toList());
            for (int p = 0; p < parts.size(); p++) {
                parts.set(p, CoDenoising.advance(parts.get(p), inbox, r, model, sampler, settings).states());
            }
        }
        for (List<CoState> part : parts) {
            for (CoState s : part) {
                assertArrayEquals(together.get(s.key()), s.x(), "window " + s.key());
            }
        }
    }

    @Test
    void aShotTakenUpFromItsSavedStatesEndsBitIdentical() {
        List<WindowTask> windows = windows("A blue circle moves left on a red background.", 9, 6 * 12, 0);
        CoDenoising.Settings settings = new CoDenoising.Settings(new CoSchedule(spec.defaultSteps(), 1, 1), BLEND,
                OVERLAP, true, 4);
        List<CoWindow> chain = CoDenoising.chain(windows, 0);
        Map<Integer, float[]> whole = CoDenoisingReference.runAll(chain, model, sampler, settings);
        // The first 7 rounds, saved as a checkpoint does; then a "new run" reads them back and goes on.
        int saved = 7;
        List<CoState> states = CoDenoising.start(chain, model, sampler);
        for (int r = 0; r < saved; r++) {
            states = CoDenoising.advance(states, outboxes(states), r, model, sampler, settings).states();
        }
        Storage work = Storage.open(dir.resolve("work").toString());
        String pack = FilmLayout.stateRound(FilmLayout.states("film"), saved) + "/" + FilmLayout.packName(0);
        StateFiles.writePack(work, pack, states);
        Map<Integer, CoWindow> wanted = new TreeMap<>();
        chain.forEach(w -> wanted.put(w.task().window(), w.resumedAt(saved)));
        List<CoState> resumed = new ArrayList<>(StateFiles.readPack(work, pack, wanted).values());
        List<CoWindow> resumedWindows = resumed.stream().map(CoState::window).toList();
        int rest = CoDenoising.rounds(resumedWindows, settings.schedule());
        assertEquals(CoDenoising.rounds(chain, settings.schedule()) - saved, rest);
        for (int r = 0; r < rest; r++) {
            resumed = CoDenoising.advance(resumed, outboxes(resumed), r, model, sampler, settings).states();
        }
        for (CoState s : resumed) {
            assertEquals(spec.defaultSteps(), s.stepsDone(), "window " + s.key());
            assertArrayEquals(whole.get(s.key()), s.x(), "window " + s.key());
        }
    }

    /** What the given windows send their right neighbours: the inbox of the next round. */
    static Map<Integer, Overlap> outboxes(List<CoState> states) {
        Map<Integer, Overlap> inbox = new java.util.HashMap<>();
        states.stream().filter(s -> s.outgoing() != null).forEach(s -> inbox.put(s.window().rightKey(), s.outgoing()));
        return inbox;
    }

    @Test
    void sharedNoiseHoldsAStillShape() {
        List<WindowTask> windows = windows("A red square stays still on a blue background.", 11, 30 * 12, spec.window());
        SeamScores.ShotScore shared = score(windows, independent(windows));
        System.out.println(describe("shared-noise", shared));
        assertTrue(shared.drift() < 1, describe("shared noise holds the shape", shared));
    }

    @Test
    void aMovingShapeMovesContinuouslyAcrossEveryBoundaryWithCodenoise() {
        List<WindowTask> windows = windows("A yellow circle moves right on a blue background.", 5, 10 * 12, 0);
        SeamScores.ShotScore alone = score(windows, independent(windows));
        SeamScores.ShotScore co = score(windows, codenoise(windows, new CoSchedule(spec.defaultSteps(), 1, 1), true));
        System.out.println(describe("moving independent", alone));
        System.out.println(describe("moving codenoise", co));
        assertTrue(co.seam() <= 1.2, describe("codenoise moves continuously", co));
    }
}
