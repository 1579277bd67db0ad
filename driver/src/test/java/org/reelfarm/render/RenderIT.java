package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.reelfarm.encode.Mp4Info;
import org.reelfarm.ingest.Fixtures;

/** End to end: a lesson in, a film out, on a real local Spark. */
class RenderIT {
    static final String LESSON = """
            # Colours

            ## Sunrise
            A yellow circle moves up on a blue background. It climbs slowly and wraps around.

            ## Square
            A red square moves right on a white background, keeping its size as it slides.

            ## Night
            A green triangle bouncing on a black background. It hops up and falls back down.
            """;

    @TempDir
    static Path dir;
    static Path lesson;
    static Path model;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() throws Exception {
        model = TestModels.reference();
        lesson = dir.resolve("colours.md");
        Files.writeString(lesson, LESSON);
    }

    static ReelfarmProcess.Result render(Path out, String master, String... extra) {
        List<String> args = new ArrayList<>(List.of("render", lesson.toString(), "--out", out.toString(), "--model",
                model.toString(), "--master", master, "--steps", "8"));
        args.addAll(List.of(extra));
        ReelfarmProcess.Result run = ReelfarmProcess.run("2g", args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    @Test
    void rendersALessonIntoAFilmWithThePlannedFramesAndColours() throws Exception {
        Path out = dir.resolve("out-local2");
        ReelfarmProcess.Result run = render(out, "local[2]", "--segment-seconds", "2", "--png");
        assertTrue(run.err().contains("rendered colours"), run.err());
        Path film = out.resolve("colours");
        JsonNode manifest = JSON.readTree(film.resolve("manifest.json").toFile());
        long planned = 0;
        for (JsonNode shot : manifest.get("shots")) {
            planned += shot.get("latent_frames").asLong() * 2;
            assertEquals(shot.get("latent_frames").asLong() * 2, shot.get("frames").asLong());
        }
        assertTrue(planned >= 15 * 24 && planned <= 25 * 24, "about 20 s of film: " + planned);
        // The job's tasks held their slots at least as long as the work they time themselves
        // (Spark's task times are whole milliseconds).
        JsonNode t = manifest.get("timings_s");
        double timed = t.get("executor_denoise").asDouble() + t.get("executor_blend").asDouble()
                + t.get("executor_decode").asDouble() + t.get("executor_encode").asDouble()
                + t.get("executor_checkpoint").asDouble();
        assertTrue(t.get("executor_tasks").asDouble() >= timed - 0.1, t.toString());

        Mp4Info info = Mp4Frames.probe(film.resolve("film.mp4"));
        assertEquals(planned, info.frameCount());
        assertEquals(24.0, info.fps(), 1e-6);
        assertEquals(256, info.width());
        assertEquals(192, info.height());
        assertEquals("h264", info.codec());

        int[][] backgrounds = {{0, 51, 255}, {255, 255, 255}, {0, 0, 0}};
        int[][] shapes = {{255, 242, 0}, {255, 0, 0}, {0, 223, 51}};
        String[] files = {"shots/001-sunrise.mp4", "shots/002-square.mp4", "shots/003-night.mp4"};
        for (int s = 0; s < 3; s++) {
            int[] bg = backgrounds[s];
            int[] fg = shapes[s];
            double[] stats = colourStats(film.resolve(files[s]), bg, fg);
            assertTrue(stats[0] > 0.6, files[s] + ": background colour dominates: " + stats[0]);
            assertTrue(stats[1] > 0.01, files[s] + ": the shape's colour is there: " + stats[1]);
            assertEquals(manifest.get("shots").get(s).get("frames").asLong(), Mp4Frames.probe(film.resolve(files[s])).frameCount());
        }
        try (var pngs = Files.list(film.resolve("frames"))) {
            assertEquals(planned, pngs.count());
        }
        assertTrue(Files.exists(film.resolve("timeline.otio")));
        assertTrue(Files.readString(film.resolve("report.html")).contains("A yellow circle moves up"));
        assertFalse(Files.exists(out.resolve(".reelfarm-work")), "the work area is cleaned up");
    }

    @Test
    void framesAreIdenticalOnOneAndTwoExecutorThreads() throws Exception {
        render(dir.resolve("out-a"), "local[1]");
        render(dir.resolve("out-b"), "local[2]", "--batch", "3");
        JsonNode a = JSON.readTree(dir.resolve("out-a/colours/manifest.json").toFile());
        JsonNode b = JSON.readTree(dir.resolve("out-b/colours/manifest.json").toFile());
        for (int s = 0; s < 3; s++) {
            assertEquals(a.get("shots").get(s).get("frames_sha256").asText(), b.get("shots").get(s).get("frames_sha256").asText());
        }
    }

    @Test
    void aSecondRunSkipsTheFilmUntilSomethingChanges() throws Exception {
        Path out = dir.resolve("out-again");
        render(out, "local[2]");
        String before = Files.readString(out.resolve("colours/manifest.json"));
        ReelfarmProcess.Result again = render(out, "local[2]");
        assertTrue(again.err().contains("colours: up to date in " + out.resolve("colours")), again.err());
        assertEquals(before, Files.readString(out.resolve("colours/manifest.json")));

        ReelfarmProcess.Result reseeded = render(out, "local[2]", "--seed", "5");
        assertTrue(reseeded.err().contains("rendered colours"), reseeded.err());
        JsonNode manifest = JSON.readTree(out.resolve("colours/manifest.json").toFile());
        assertEquals(5, manifest.get("settings").get("seed").asInt());
    }

    @Test
    void planPrintsShotsWindowsAndModelCallsAsJson() throws Exception {
        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "plan", lesson.toString(), "--json", "--model",
                model.toString(), "--master", "local[1]", "--overlap", "6", "--steps", "10");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode film = JSON.readTree(run.out()).get(0);
        assertEquals("colours", film.get("film").asText());
        assertEquals(3, film.get("shots").size());
        assertEquals(6, film.get("overlap").asInt());
        int windows = film.get("windows").size();
        int batches = film.get("batches").size();
        assertTrue(windows >= 3, "at least one window per shot");
        assertEquals(batches * 10L, film.get("model_calls").asLong());
        assertEquals(windows * 10L, film.get("window_steps").asLong());
        for (JsonNode w : film.get("windows")) {
            assertTrue(w.get("length").asInt() <= 16);
        }
    }

    @Test
    void rendersTheFountainFixtureAndSaysWhichShotsItCouldNotCondition() throws Exception {
        Path fixture = Fixtures.get("brick-and-steel.fountain");
        Path out = dir.resolve("out-fountain");
        ReelfarmProcess.Result run = ReelfarmProcess.run("2g", "render", fixture.toString(), "--out", out.toString(),
                "--model", model.toString(), "--master", "local[2]", "--steps", "2", "--profile", "draft");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("no known word; rendered unconditioned"), run.err());
        JsonNode manifest = JSON.readTree(out.resolve("brick-and-steel/manifest.json").toFile());
        assertTrue(manifest.get("shots").size() > 10, "one shot per action paragraph");
        assertTrue(manifest.get("warnings").size() > 0);
        Mp4Info info = Mp4Frames.probe(out.resolve("brick-and-steel/film.mp4"));
        assertEquals(manifest.get("video").get("frames").asLong(), info.frameCount());
    }

    /** Fraction of pixels near the background colour, and near the shape colour, over a shot. */
    static double[] colourStats(Path mp4, int[] bg, int[] fg) {
        long[] counts = new long[3];
        Mp4Frames.forEachFrame(mp4, (index, rgb) -> {
            if (index % 6 != 0) {
                return;
            }
            for (int i = 0; i < rgb.length; i += 3) {
                int r = rgb[i] & 0xFF, g = rgb[i + 1] & 0xFF, b = rgb[i + 2] & 0xFF;
                if (Math.abs(r - bg[0]) < 50 && Math.abs(g - bg[1]) < 50 && Math.abs(b - bg[2]) < 50) {
                    counts[0]++;
                } else if (Math.abs(r - fg[0]) < 70 && Math.abs(g - fg[1]) < 70 && Math.abs(b - fg[2]) < 70) {
                    counts[1]++;
                }
                counts[2]++;
            }
        });
        return new double[] {(double) counts[0] / counts[2], (double) counts[1] / counts[2]};
    }
}
