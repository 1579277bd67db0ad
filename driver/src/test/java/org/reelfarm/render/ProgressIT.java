package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress written to a file (not a terminal): a handful of lines for minutes of film, not one per task. */
class ProgressIT {
    @TempDir
    Path dir;

    @Test
    void aFewMinutesOfFilmWriteAHandfulOfProgressLines() throws Exception {
        StringBuilder lesson = new StringBuilder("Title: Long\n\n");
        String[] shapes = {"A yellow circle moves up on a blue background.", "A red square moves right on a white background.",
                "A green triangle bouncing on a black background."};
        for (int i = 0; i < 6; i++) {
            lesson.append(shapes[i % 3]).append("\n[[duration: 30s]]\n\n");
        }
        Path input = dir.resolve("long.fountain");
        Files.writeString(input, lesson);
        ReelfarmProcess.Result run = ReelfarmProcess.run("2g", "render", input.toString(), "--out",
                dir.resolve("out").toString(), "--model", TestModels.reference().toString(), "--master", "local[2]",
                "--steps", "4", "--profile", "draft");
        assertEquals(0, run.exitCode(), run.err());
        long lines = Arrays.stream(run.err().split("\n")).filter(l -> l.startsWith("progress: ")).count();
        assertTrue(lines >= 1 && lines <= 20, lines + " progress lines:\n" + run.err());
        assertFalse(run.err().contains("\r"), "no carriage returns in a log file");
    }
}
