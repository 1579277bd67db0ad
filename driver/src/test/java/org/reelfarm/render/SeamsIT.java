package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.encode.Mp4Frames;

/**
 * The long-video strategies through the real CLI on local Spark: seams and drift as the manifest
 * reports them (computed on executors), hard cuts, and co-denoising's determinism.
 */
class SeamsIT {
    static final String LONG = """
            shot_id,prompt,duration_s,transition
            still,A red square stays still on a blue background.,30,cut
            moving,A yellow circle moves right on a black background.,8,cut
            """;
    static final String SHORT = """
            shot_id,prompt,duration_s,transition
            still,A red square stays still on a blue background.,8,cut
            moving,A yellow circle moves right on a black background.,3,crossfade
            fading,A green triangle moves up on a white background.,3,fade
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void setUp() throws Exception {
        model = TestModels.reference();
        Files.writeString(dir.resolve("long.csv"), LONG);
        Files.writeString(dir.resolve("short.csv"), SHORT);
    }

    static JsonNode render(String film, String out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("render", dir.resolve(film + ".csv").toString(), "--out",
                dir.resolve(out).toString(), "--model", model.toString()));
        args.addAll(List.of(extra));
        ReelfarmProcess.Result run = ReelfarmProcess.run("2g", args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        lastErr = run.err();
        return JSON.readTree(dir.resolve(out).resolve(film).resolve("manifest.json").toFile());
    }

    static String lastErr;

    static String describe(JsonNode shot) {
        return "seam " + shot.get("seam") + ", drift " + shot.get("drift_latent_px") + " latent px";
    }

    @Test
    void codenoiseHoldsAStillShapeMovesAMovingOneSeamlesslyAndCutsExactly() throws Exception {
        JsonNode manifest = render("long", "codenoise", "--strategy", "codenoise", "--master", "local[2]");
        JsonNode still = manifest.get("seams").get("shots").get(0);
        JsonNode moving = manifest.get("seams").get("shots").get(1);
        assertTrue(still.get("boundaries").size() >= 25, "dozens of windows: " + still.get("boundaries").size());
        assertTrue(still.get("drift_latent_px").asDouble() < 1, "the still shape stays put: " + describe(still));
        assertTrue(still.get("seam").asDouble() <= 1.2, "no seam in the still shot: " + describe(still));
        assertTrue(moving.get("seam").asDouble() <= 1.2, "the moving shape crosses every boundary: " + describe(moving));
        assertEquals("codenoise", manifest.get("job").get("strategy").asText());
        assertTrue(manifest.get("job").get("sync_rounds").asInt() > 20);

        // The cut at 30 s: frame 719 is the blue shot's, frame 720 the black one's.
        int cut = manifest.get("shots").get(1).get("first_frame").asInt();
        assertEquals(720, cut);
        double[] blueness = new double[2];
        Mp4Frames.forEachFrame(dir.resolve("codenoise/long/film.mp4"), (index, rgb) -> {
            if (index == cut - 1 || index == cut) {
                blueness[index - cut + 1] = fractionNear(rgb, 0, 51, 255);
            }
        });
        assertTrue(blueness[0] > 0.6, "the last frame before the cut is the blue shot's: " + blueness[0]);
        assertTrue(blueness[1] < 0.01, "the first frame after the cut has no blue at all: " + blueness[1]);
    }

    @Test
    void independentWindowsJumpWhereSharedNoiseHoldsTheStillShape() throws Exception {
        JsonNode independent = render("long", "independent", "--strategy", "independent", "--master", "local[2]");
        JsonNode alone = independent.get("seams").get("shots").get(0);
        assertTrue(alone.get("seam").asDouble() > 2 && alone.get("drift_latent_px").asDouble() > 2,
                "independent windows jump: " + describe(alone));
        assertEquals(0, independent.get("job").get("sync_rounds").asInt());

        JsonNode shared = render("long", "shared", "--strategy", "shared-noise", "--master", "local[2]");
        JsonNode held = shared.get("seams").get("shots").get(0);
        assertTrue(held.get("drift_latent_px").asDouble() < 1, "shared noise holds the still shape: " + describe(held));
        assertEquals(independent.get("job").get("window_steps").asLong(), shared.get("job").get("window_steps").asLong());
    }

    @Test
    void codenoiseFramesAreIdenticalOnOneAndTwoThreadsOtherPartitionsAndAfterAFailedSync() throws Exception {
        JsonNode a = render("short", "det-a", "--strategy", "codenoise", "--master", "local[1]", "--steps", "8");
        JsonNode b = render("short", "det-b", "--strategy", "codenoise", "--master", "local[2]", "--steps", "8",
                "--batch", "2");
        // Three cores and calls of one window: the 8-second shot (4 windows) is longer than a
        // core's share and is cut, so its overlaps cross partitions and every round is a stage.
        JsonNode c = render("short", "det-c", "--strategy", "codenoise", "--master", "local[3]", "--steps", "8",
                "--batch", "1", "--conf", InjectedFaults.FAIL_ONCE_IN_ROUND + "=5");
        assertTrue(lastErr.contains("injected failure in sync round 5"), "the failure was injected:\n" + lastErr);
        assertEquals(a.get("job").get("window_steps").asLong(), b.get("job").get("window_steps").asLong());
        int rounds = a.get("job").get("sync_rounds").asInt();
        assertTrue(a.get("job").get("spark_stages").asInt() < rounds,
                "whole shots in each partition: many rounds per stage, " + a.get("job"));
        assertTrue(c.get("job").get("spark_stages").asInt() > rounds, "a cut shot: a stage per round, " + c.get("job"));
        for (int s = 0; s < 3; s++) {
            String expected = a.get("shots").get(s).get("frames_sha256").asText();
            assertEquals(expected, b.get("shots").get(s).get("frames_sha256").asText(), "shot " + s + ", --batch 2");
            assertEquals(expected, c.get("shots").get(s).get("frames_sha256").asText(), "shot " + s + ", after a failure");
        }
    }

    static double fractionNear(byte[] rgb, int r, int g, int b) {
        long near = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            if (Math.abs((rgb[i] & 0xff) - r) < 50 && Math.abs((rgb[i + 1] & 0xff) - g) < 50
                    && Math.abs((rgb[i + 2] & 0xff) - b) < 50) {
                near++;
            }
        }
        return (double) near / (rgb.length / 3);
    }
}
