package org.reelfarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reelfarm.render.ReelfarmProcess;
import org.reelfarm.render.TestModels;

/**
 * Bad input through the real command line, each in its own JVM: exit code 2, one {@code error:}
 * line naming the file (and line) and the fix, no stack trace, nothing written.
 */
class BadInputIT {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void setUp() {
        model = TestModels.reference();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("missing.md", null, "missing.md", "file not found"),
                Arguments.of("notes.docx", "A red circle.", "notes.docx", ".md"),
                Arguments.of("empty.md", "", "empty.md", "empty"),
                Arguments.of("no-duration.csv", "shot_id,prompt\na,A red circle.\n", "no-duration.csv:1", "duration_s"),
                Arguments.of("negative.csv", "shot_id,prompt,duration_s\na,A red circle.,4\nb,A blue square.,-3\n",
                        "negative.csv:3", "-3"),
                Arguments.of("absurd.csv", "shot_id,prompt,duration_s\na,A red circle.,100000\n", "absurd.csv:2", "24 h"),
                Arguments.of("latin1.md", "## Caf\u00e9\nA red caf\u00e9 circle.\n", "latin1.md", "UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputGetsOneClearErrorAndWritesNothing(String file, String content, String names, String says) throws Exception {
        Path input = dir.resolve(file);
        if (content != null) {
            Files.write(input, content.getBytes(file.startsWith("latin1") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        }
        Path out = dir.resolve("out-" + file);
        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "render", input.toString(), "--out", out.toString(),
                "--model", model.toString(), "--master", "local[1]");
        assertUserError(run, names, says);
        assertFalse(Files.exists(out.resolve(file.replaceAll("\\..*$", ""))), "no film directory");
        assertFalse(Files.exists(out.resolve(".reelfarm-work")), "no work area");
    }

    @Test
    void aPromptWithNoKnownWordFailsUnderStrictVocab() throws Exception {
        Path input = dir.resolve("unknown.csv");
        Files.writeString(input, "shot_id,prompt,duration_s\nintro,A red circle.,2\nmystery,Quantum flux capacitor.,2\n");
        Path out = dir.resolve("out-strict");
        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "render", input.toString(), "--out", out.toString(),
                "--model", model.toString(), "--master", "local[1]", "--strict-vocab");
        assertUserError(run, "unknown.csv:3", "no word the model knows");
        assertFalse(Files.exists(out.resolve("unknown")));
    }

    @Test
    void overlapNotSmallerThanTheWindowIsRejected() throws Exception {
        Path input = dir.resolve("fine.csv");
        Files.writeString(input, "shot_id,prompt,duration_s\na,A red circle.,2\n");
        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "render", input.toString(), "--out",
                dir.resolve("out-overlap").toString(), "--model", model.toString(), "--window", "8", "--overlap", "8");
        assertUserError(run, "--overlap 8", "smaller than --window 8");
    }

    @Test
    void aModelDirectoryThatIsNotAModelIsRejected() throws Exception {
        Path notAModel = Files.createDirectories(dir.resolve("holiday-photos"));
        Files.writeString(notAModel.resolve("beach.jpg"), "jpeg");
        Path input = dir.resolve("ok.csv");
        Files.writeString(input, "shot_id,prompt,duration_s\na,A red circle.,2\n");
        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "render", input.toString(), "--out",
                dir.resolve("out-model").toString(), "--model", notAModel.toString());
        assertUserError(run, "holiday-photos", "saved_model.pb");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        ReelfarmProcess.Result run = ReelfarmProcess.run("512m", "render", "x.md", "--out", "o", "--colour", "red");
        assertUserError(run, "--colour", "reelfarm render --help");
    }

    private static void assertUserError(ReelfarmProcess.Result run, String names, String says) {
        assertEquals(2, run.exitCode(), run.err());
        List<String> errors = run.errorLines();
        assertEquals(1, errors.size(), "one error line: " + run.err());
        assertTrue(errors.get(0).contains(names), "names " + names + ": " + errors.get(0));
        assertTrue(errors.get(0).contains(says), "says " + says + ": " + errors.get(0));
        List<String> traces = new ArrayList<>(run.err().lines().filter(l -> l.startsWith("\tat ")).toList());
        assertEquals(List.of(), traces, "no stack trace for a user mistake");
    }
}
