package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Libraries that stream (issue 14), through the real command line on local[2]: films are
 * committed as they finish while later films are still denoised, the bound on windows in flight
 * does not change a frame, and a driver killed mid-library keeps what it committed.
 */
class StreamingIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int FILMS = 5;
    static final String UNBOUNDED = "100000";

    @TempDir
    Path dir;

    Path library(String strategy) throws Exception {
        Path library = Files.createDirectories(dir.resolve("library-" + strategy));
        for (int i = 0; i < FILMS; i++) {
            Files.writeString(library.resolve(String.format("lesson-%d.md", i)), "# Lesson " + i + "\n\n## Shot\nA "
                    + LibraryIT.COLOURS[i] + " " + LibraryIT.SHAPES[i % 3] + " moves right on a black background."
                    + " It keeps moving right across the whole frame, again and again.\n");
        }
        return library;
    }

    static String[] args(Path library, Path out, String strategy, String maxInFlight, String... extra) {
        List<String> args = new ArrayList<>(List.of("render", library.toString(), "--out", out.toString(), "--model",
                TestModels.reference().toString(), "--master", "local[2]", "--steps", "4", "--profile", "draft",
                "--strategy", strategy, "--max-in-flight", maxInFlight));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Per film, its shots' frame hashes from its manifest. */
    static Map<String, String> frames(Path out) throws Exception {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int i = 0; i < FILMS; i++) {
            JsonNode manifest = JSON.readTree(out.resolve("lesson-" + i).resolve("manifest.json").toFile());
            StringBuilder shots = new StringBuilder();
            manifest.get("shots").forEach(s -> shots.append(s.get("frames_sha256").asText()).append(' '));
            hashes.put("lesson-" + i, shots.toString().strip());
        }
        return hashes;
    }

    @Test
    void filmsAreCommittedAsTheyFinishAndAKilledLibraryResumesWithTheFramesOfAnUnboundedRun() throws Exception {
        Path library = library("independent");
        Path out = dir.resolve("streamed");
        Path first = out.resolve("lesson-0/manifest.json");
        Path last = out.resolve("lesson-" + (FILMS - 1));
        Map<String, FileTime> committed = new LinkedHashMap<>();
        Map<String, String> committedText = new LinkedHashMap<>();
        try (ReelfarmProcess.Running run = ReelfarmProcess.start("2g", args(library, out, "independent", "1"))) {
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (!Files.exists(first)) {
                assertTrue(run.isAlive(), "the render ended before its first film was seen:\n" + run.errSoFar());
                assertTrue(System.nanoTime() < deadline, "no film committed in 5 minutes");
                Thread.sleep(20);
            }
            assertFalse(Files.exists(last.resolve("manifest.json")), "the last film is not committed yet");
            assertFalse(Files.exists(out.resolve(".reelfarm-work/lesson-" + (FILMS - 1) + "/windows")),
                    "the last film's windows are not denoised yet when the first film is committed:\n"
                            + run.errSoFar());
            while (!Files.exists(out.resolve("lesson-1/manifest.json"))) {
                assertTrue(run.isAlive(), "the render ended before it could be killed:\n" + run.errSoFar());
                assertTrue(System.nanoTime() < deadline, "no second film committed in 5 minutes");
                Thread.sleep(20);
            }
            assertTrue(run.errSoFar().contains("rendered lesson-0: "), run.errSoFar());
            JsonNode listed = JSON.readTree(out.resolve("library.json").toFile());
            assertTrue(listed.get("rendered").asInt() >= 1, "library.json lists the films committed so far: " + listed);
        } // close() kills the driver JVM with SIGKILL
        for (int i = 0; i < FILMS; i++) {
            Path manifest = out.resolve("lesson-" + i + "/manifest.json");
            if (Files.exists(manifest)) {
                committed.put("lesson-" + i, Files.getLastModifiedTime(manifest));
                committedText.put("lesson-" + i, Files.readString(manifest));
            }
        }
        assertTrue(committed.size() >= 2 && committed.size() < FILMS, "killed mid-library: " + committed.keySet());

        ReelfarmProcess.Result resumed = ReelfarmProcess.run("2g", args(library, out, "independent", "1", "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("scripts read by the interrupted run from the same inputs; no new ingest"), "no new ingest:\n" + resumed.err());
        for (Map.Entry<String, FileTime> film : committed.entrySet()) {
            Path manifest = out.resolve(film.getKey() + "/manifest.json");
            assertEquals(film.getValue(), Files.getLastModifiedTime(manifest), film.getKey() + " is untouched");
            assertEquals(committedText.get(film.getKey()), Files.readString(manifest), film.getKey() + " is untouched");
            assertTrue(resumed.err().contains(film.getKey() + ": up to date"), resumed.err());
        }
        assertFalse(Files.exists(out.resolve(".reelfarm-work")), "the work area is cleaned up");

        Path unbounded = dir.resolve("unbounded");
        ReelfarmProcess.Result whole = ReelfarmProcess.run("2g", args(library, unbounded, "independent", UNBOUNDED));
        assertEquals(0, whole.exitCode(), whole.err());
        assertEquals(frames(unbounded), frames(out), "--max-in-flight 1, killed and resumed, gives the frames of an"
                + " unbounded run");
    }

    @Test
    void codenoiseGivesTheSameFramesWithOneWindowInFlightAndUnbounded() throws Exception {
        Path library = library("codenoise");
        Path one = dir.resolve("one");
        ReelfarmProcess.Result bounded = ReelfarmProcess.run("2g", args(library, one, "codenoise", "1"));
        assertEquals(0, bounded.exitCode(), bounded.err());
        assertTrue(bounded.err().contains(FILMS + " films in " + FILMS + " groups"), bounded.err());
        Path all = dir.resolve("all");
        ReelfarmProcess.Result unbounded = ReelfarmProcess.run("2g", args(library, all, "codenoise", UNBOUNDED));
        assertEquals(0, unbounded.exitCode(), unbounded.err());
        assertEquals(frames(all), frames(one));
    }
}
