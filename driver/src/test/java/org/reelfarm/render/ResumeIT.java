package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver killed in the middle of the denoise stage (SIGKILL, no clean-up), or stopped there as
 * Ctrl-C stops it (SIGTERM): the next run refuses to start over the leftovers without being told,
 * and {@code --resume} finishes the film from what was kept, with the frames of an uninterrupted
 * run.
 */
class ResumeIT {
    static final String FILM = """
            shot_id,prompt,duration_s
            still,A red square stays still on a blue background.,10
            moving,A yellow circle moves right on a black background.,10
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    String[] args(Path input, Path out, String... extra) {
        return args("independent", input, out, extra);
    }

    String[] args(String strategy, Path input, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("render", input.toString(), "--out", out.toString(), "--model",
                TestModels.reference().toString(), "--master", "local[2]", "--strategy", strategy, "--steps", "8"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void aResumedRenderRedoesOnlyWhatIsMissingAndGivesTheSameFrames() throws Exception {
        Path input = dir.resolve("film.csv");
        Files.writeString(input, FILM);

        ReelfarmProcess.Result whole = ReelfarmProcess.run("2g", args(input, dir.resolve("whole")));
        assertEquals(0, whole.exitCode(), whole.err());

        Path out = dir.resolve("crashed");
        Path windows = out.resolve(".reelfarm-work/film/windows");
        try (ReelfarmProcess.Running run = ReelfarmProcess.start("2g", args(input, out))) {
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (count(windows) < 2) {
                assertTrue(run.isAlive(), "the render ended before it could be killed:\n" + run.errSoFar());
                assertTrue(System.nanoTime() < deadline, "no batch finished in 10 minutes");
                Thread.sleep(100);
            }
        } // close() kills the driver JVM with SIGKILL
        assertFalse(Files.exists(out.resolve("film")), "no film was committed by the killed run");
        long kept = count(windows);
        assertTrue(kept >= 2 && kept < 5, "some but not all of the 5 batches were finished: " + kept);

        ReelfarmProcess.Result refused = ReelfarmProcess.run("2g", args(input, out));
        assertEquals(2, refused.exitCode(), refused.err());
        assertEquals(1, refused.errorLines().size(), refused.err());
        assertTrue(refused.errorLines().get(0).contains("--resume") && refused.errorLines().get(0).contains("--force"),
                refused.errorLines().get(0));

        ReelfarmProcess.Result resumed = ReelfarmProcess.run("2g", args(input, out, "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        JsonNode a = JSON.readTree(dir.resolve("whole/film/manifest.json").toFile());
        JsonNode b = JSON.readTree(out.resolve("film/manifest.json").toFile());
        assertTrue(b.get("job").get("reused_windows").asLong() >= 4 * 2,
                "the manifest counts the windows taken from the killed run: " + b.get("job"));
        assertTrue(b.get("job").get("window_steps").asLong() < a.get("job").get("window_steps").asLong(),
                "fewer windows denoised: " + b.get("job") + " vs " + a.get("job"));
        for (int s = 0; s < 2; s++) {
            assertEquals(a.get("shots").get(s).get("frames_sha256").asText(),
                    b.get("shots").get(s).get("frames_sha256").asText(), "shot " + s);
        }
        assertFalse(Files.exists(out.resolve(".reelfarm-work")), "the work area is cleaned up");
        try (Stream<Path> files = Files.list(out.resolve("film"))) {
            assertEquals(List.of("film.mp4", "manifest.json", "report.html", "shots", "timeline.otio"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aResumedCodenoiseRenderTakesTheWindowsUpAtTheirSavedRoundWithTheSameFrames() throws Exception {
        Path input = dir.resolve("film.csv");
        Files.writeString(input, FILM);

        ReelfarmProcess.Result whole = ReelfarmProcess.run("2g", args("codenoise", input, dir.resolve("whole")));
        assertEquals(0, whole.exitCode(), whole.err());

        Path out = dir.resolve("stopped");
        ReelfarmProcess.Result stopped;
        try (ReelfarmProcess.Running run = ReelfarmProcess.start("2g", args("codenoise", input, out))) {
            run.awaitErr("sync round 10/"); // printed once round 10's states are saved
            stopped = run.terminate(); // SIGTERM, as Ctrl-C: Spark's shutdown hook stops it under the render
        }
        assertNotEquals(0, stopped.exitCode(), stopped.err());
        assertEquals(1, stopped.errorLines().size(), stopped.err());
        assertTrue(stopped.errorLines().get(0).startsWith("error: interrupted")
                && stopped.errorLines().get(0).contains("--resume"), stopped.errorLines().get(0));
        assertFalse(stopped.err().contains("\tat "), "no stack trace: " + stopped.err());
        assertFalse(Files.exists(out.resolve("film")), "no film was committed by the stopped run");
        assertTrue(Files.isDirectory(out.resolve(".reelfarm-work/film/codenoise/r0010")), "round 10 was saved");

        ReelfarmProcess.Result resumed = ReelfarmProcess.run("2g", args("codenoise", input, out, "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming co-denoising after sync round 10"), resumed.err());
        JsonNode a = JSON.readTree(dir.resolve("whole/film/manifest.json").toFile()).get("job");
        JsonNode b = JSON.readTree(out.resolve("film/manifest.json").toFile()).get("job");
        int windows = JSON.readTree(dir.resolve("whole/film/manifest.json").toFile()).get("windows").size();
        assertEquals(windows, b.get("resumed_windows").asLong(), "every window was taken up: " + b);
        assertTrue(b.get("resumed_window_steps").asLong() > 0, b.toString());
        assertEquals(a.get("window_steps").asLong(), b.get("window_steps").asLong()
                + b.get("resumed_window_steps").asLong(), "the resumed run takes exactly the steps that were left");
        assertEquals(a.get("sync_rounds").asLong() - 10, b.get("sync_rounds").asLong());
        JsonNode shotsA = JSON.readTree(dir.resolve("whole/film/manifest.json").toFile()).get("shots");
        JsonNode shotsB = JSON.readTree(out.resolve("film/manifest.json").toFile()).get("shots");
        for (int s = 0; s < 2; s++) {
            assertEquals(shotsA.get(s).get("frames_sha256").asText(), shotsB.get(s).get("frames_sha256").asText(),
                    "shot " + s);
        }
        assertFalse(Files.exists(out.resolve(".reelfarm-work")), "the work area is cleaned up");
    }

    static long count(Path windows) throws Exception {
        if (!Files.isDirectory(windows)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(windows)) {
            return files.filter(p -> p.toString().endsWith(".bin")).count();
        }
    }
}
