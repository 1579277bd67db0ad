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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Libraries of scripts and template variants, through the real command line on local[2]. */
class LibraryIT {
    static final String[] COLOURS = {"red", "green", "blue", "yellow", "white", "orange", "purple", "pink", "cyan", "brown"};
    static final String[] SHAPES = {"circle", "square", "triangle"};
    static final String[] MOTIONS = {"moves left", "moves right", "moves up", "moves down", "bouncing", "still"};
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void setUp() {
        model = TestModels.reference();
    }

    static ReelfarmProcess.Result render(String... args) {
        List<String> all = new ArrayList<>(List.of("render"));
        all.addAll(List.of(args));
        all.addAll(List.of("--model", model.toString(), "--master", "local[2]", "--steps", "4", "--profile", "draft"));
        return ReelfarmProcess.run("2g", all.toArray(String[]::new));
    }

    @Test
    void fiftyLessonsAndABrokenFileRenderOnceThenSkip() throws Exception {
        Path library = Files.createDirectories(dir.resolve("library/grade-1"));
        for (int i = 0; i < 50; i++) {
            String prompt = "A " + COLOURS[i % COLOURS.length] + " " + SHAPES[i % SHAPES.length] + " "
                    + MOTIONS[i % MOTIONS.length] + " on a black background.";
            Path sub = Files.createDirectories(library.resolve("unit-" + (i / 10)));
            Files.writeString(sub.resolve(String.format("lesson-%02d.md", i)), "# Lesson " + i + "\n\n## Shot\n" + prompt + "\n");
        }
        Files.writeString(library.resolve("broken.csv"), "shot_id,prompt\nx,A red circle.\n");
        Path out = dir.resolve("out-library");

        ReelfarmProcess.Result first = render(dir.resolve("library").toString(), "--out", out.toString());
        assertEquals(2, first.exitCode(), first.err());
        assertTrue(first.err().contains("error: " + library.resolve("broken.csv") + ":1:"), first.err());
        assertFalse(first.err().contains("\tat "), "no stack trace");
        JsonNode report = JSON.readTree(out.resolve("library.json").toFile());
        assertEquals(50, report.get("rendered").asInt());
        assertEquals(1, report.get("failed").asInt());
        assertEquals(0, report.get("skipped").asInt());
        int committed = 0;
        for (JsonNode film : report.get("films")) {
            if (film.get("status").asText().equals("failed")) {
                assertTrue(film.get("error").asText().contains("duration_s"), film.toString());
            } else {
                assertTrue(Files.exists(out.resolve(film.get("film").asText()).resolve("film.mp4")));
                assertTrue(film.get("duration_s").asDouble() >= 2.0);
                committed++;
            }
        }
        assertEquals(50, committed);
        String before = Files.readString(out.resolve("lesson-07/manifest.json"));

        ReelfarmProcess.Result second = render(dir.resolve("library").toString(), "--out", out.toString());
        assertEquals(2, second.exitCode(), "the broken file still fails: " + second.err());
        assertTrue(second.err().contains("nothing new to render") || second.err().contains("nothing to render"), second.err());
        assertTrue(second.err().contains("50 up to date"), second.err());
        JsonNode again = JSON.readTree(out.resolve("library.json").toFile());
        assertEquals(0, again.get("rendered").asInt());
        assertEquals(50, again.get("skipped").asInt());
        assertEquals(before, Files.readString(out.resolve("lesson-07/manifest.json")), "the committed film is untouched");
    }

    @ParameterizedTest
    @CsvSource({"independent, batch", "codenoise, sync round"})
    void aFilmWhoseWindowsKeepFailingFailsAloneAndTheOthersAreRendered(String strategy, String unit) throws Exception {
        Path library = Files.createDirectories(dir.resolve("failing-" + strategy));
        for (int i = 0; i < 3; i++) {
            Files.writeString(library.resolve("film-" + i + ".md"), "# Film " + i + "\n\n## Shot\nA "
                    + COLOURS[i] + " circle moves right on a black background.\n");
        }
        Path out = dir.resolve("out-failing-" + strategy);
        ReelfarmProcess.Result run = render(library.toString(), "--out", out.toString(), "--strategy", strategy,
                "--max-retries", "1", "--conf", InjectedFaults.FAIL_FILM + "=film-1");
        assertEquals(2, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(out.resolve("library.json").toFile());
        assertEquals(2, report.get("rendered").asInt(), report.toString());
        assertEquals(1, report.get("failed").asInt(), report.toString());
        for (JsonNode film : report.get("films")) {
            boolean failed = film.get("status").asText().equals("failed");
            assertEquals(film.get("film").asText().equals("film-1"), failed, film.toString());
            assertEquals(!failed, Files.exists(out.resolve(film.get("film").asText()).resolve("film.mp4")), film.toString());
            if (failed) {
                String error = film.get("error").asText();
                assertTrue(error.contains("after 2 attempts") && error.contains(unit)
                        && error.contains("injected failure"), error);
                assertTrue(run.err().contains("error: " + error), run.err());
            }
        }
        assertFalse(Files.exists(out.resolve(".reelfarm-work")), "nothing left in the work area");
    }

    /**
     * The failing film is known from the task's exception, not from message text: the injected
     * failure quotes the path of a film whose name reads like a tag ({@code trailer [film 1]}, film
     * index 1), and that film still renders.
     */
    @ParameterizedTest
    @CsvSource({"independent, batch", "codenoise, sync round"})
    void aFilmTagInAFileNameDoesNotBlameThatFilm(String strategy, String unit) throws Exception {
        Path library = Files.createDirectories(dir.resolve("tags-" + strategy));
        List<String> names = List.of("intro", "trailer [film 1]", "zebra"); // film indices 0, 1, 2 in this order
        for (int i = 0; i < names.size(); i++) {
            Files.writeString(library.resolve(names.get(i) + ".md"), "# Film " + i + "\n\n## Shot\nA "
                    + COLOURS[i] + " square moves left on a black background.\n");
        }
        Path trailer = library.resolve("trailer [film 1].md");
        Path out = dir.resolve("out-tags-" + strategy);
        ReelfarmProcess.Result run = render(library.toString(), "--out", out.toString(), "--strategy", strategy,
                "--max-retries", "1", "--conf", InjectedFaults.FAIL_FILM + "=intro",
                "--conf", InjectedFaults.FAIL_MESSAGE + "=while reading " + trailer);
        assertEquals(2, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(out.resolve("library.json").toFile());
        assertEquals(2, report.get("rendered").asInt(), report.toString());
        assertEquals(1, report.get("failed").asInt(), report.toString());
        for (JsonNode film : report.get("films")) {
            String name = film.get("film").asText();
            assertEquals(name.equals("intro") ? "failed" : "rendered", film.get("status").asText(), film.toString());
            assertEquals(!name.equals("intro"), Files.exists(out.resolve(name).resolve("film.mp4")), film.toString());
            if (name.equals("intro")) {
                String error = film.get("error").asText();
                assertTrue(error.startsWith("rendering failed after 2 attempts: " + unit), error);
                assertTrue(error.endsWith("java.lang.IllegalStateException: injected failure (" + InjectedFaults.FAIL_FILM
                        + ") while reading " + trailer), error);
                assertTrue(run.err().contains("error: " + error), run.err());
            }
        }
        assertTrue(Files.exists(out.resolve("trailer [film 1]").resolve("manifest.json")), "the [film 1] film is committed");
        assertFalse(Files.exists(out.resolve(".reelfarm-work")), "nothing left in the work area");
    }

    @Test
    void threeVariantRowsMakeThreeFilmsWithTheirOwnPrompts() throws Exception {
        Path template = dir.resolve("ad.md");
        Files.writeString(template, "# Ad\n\n## Hero\nA {{colour}} {{shape}} moves right on a {{background}} background.\n");
        Path vars = dir.resolve("variants.csv");
        Files.writeString(vars, "film,colour,shape,background\nad-red,red,circle,blue\nad-green,green,square,black\n"
                + "ad-white,white,triangle,purple\n");
        Path out = dir.resolve("out-variants");
        ReelfarmProcess.Result run = render(template.toString(), "--vars", vars.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> prompts = new ArrayList<>();
        for (String film : List.of("ad-red", "ad-green", "ad-white")) {
            JsonNode manifest = JSON.readTree(out.resolve(film).resolve("manifest.json").toFile());
            prompts.add(manifest.get("shots").get(0).get("prompt").asText());
        }
        assertEquals("A red circle moves right on a blue background.", prompts.get(0));
        assertEquals("A white triangle moves right on a purple background.", prompts.get(2));
        assertNotEquals(JSON.readTree(out.resolve("ad-red/manifest.json").toFile()).get("shots").get(0).get("frames_sha256"),
                JSON.readTree(out.resolve("ad-green/manifest.json").toFile()).get("shots").get(0).get("frames_sha256"));
    }

    @Test
    void aMissingVariableNamesThePlaceholderAndTheRow() throws Exception {
        Path template = dir.resolve("promo.md");
        Files.writeString(template, "# Promo\n\n## Hero\nA {{colour}} circle on a {{background}} background.\n");
        Path vars = dir.resolve("promo.csv");
        Files.writeString(vars, "film,colour,background\npromo-a,red,blue\npromo-b,green,\n");
        Path out = dir.resolve("out-promo");
        ReelfarmProcess.Result run = render(template.toString(), "--vars", vars.toString(), "--out", out.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(List.of("error: " + vars + ":3: row for film \"promo-b\" has no value for {{background}}; fill in"
                + " the \"background\" column of that row"), run.errorLines());
        assertFalse(Files.exists(out.resolve("promo-a")), "nothing is rendered when a row is incomplete");

        Files.writeString(vars, "film,colour\npromo-a,red\n");
        ReelfarmProcess.Result unknown = render(template.toString(), "--vars", vars.toString(), "--out", out.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.errorLines().get(0).startsWith("error: " + template + ":4: placeholder {{background}} has no column"),
                unknown.err());
    }
}
