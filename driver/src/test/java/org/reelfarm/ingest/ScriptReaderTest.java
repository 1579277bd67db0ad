package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shot assembly without Spark: {@link PlainAnalyzer} stands in for Spark NLP. */
class ScriptReaderTest {

    @TempDir
    Path dir;

    private final PlainAnalyzer analyzer = new PlainAnalyzer();
    private final ScriptReader reader = new ScriptReader(analyzer, TestVocabulary.get());

    @Test
    void readsALessonIntoAFilmOfShots() {
        Path lesson = Files2.write(dir, "colours.md", """
                # Colours
                ## Red ball
                A red ball moves left on a blue background.
                ## Box
                A yellow box sits still.
                """);

        Script script = reader.read(List.of(lesson)).get(0);

        assertEquals("colours", script.name());
        assertEquals(lesson.toString(), script.source());
        assertEquals(List.of("red-ball", "box"), script.shots().stream().map(Shot::id).toList());
        Shot first = script.shots().get(0);
        assertEquals(List.of("a", "red", "ball", "moves", "left", "on", "a", "blue", "background"), first.words());
        assertEquals(List.of(), first.unknownWords());
        assertEquals(0, first.index());
        assertEquals(2, first.sourceLine());
        assertEquals(null, first.seed());
        assertTrue(first.hasKnownWord());
    }

    @Test
    void estimatesDurationsAtTwoAndAHalfWordsPerSecondAndAtLeastTwoSeconds() {
        Path lesson = Files2.write(dir, "pace.md", """
                ## Short
                A red ball.
                ## Long
                A red ball moves left, then a blue box moves right, then a green triangle moves up and down.
                """);

        List<Shot> shots = reader.read(List.of(lesson)).get(0).shots();

        assertEquals(2.0, shots.get(0).durationSeconds()); // 3 words: 1.2 s, raised to 2 s
        assertEquals(19 / 2.5, shots.get(1).durationSeconds(), 1e-12); // punctuation is not a word
        assertTrue(shots.get(0).durationEstimated());
    }

    @Test
    void keepsDurationsAndSeedsGivenInACsv() {
        Path csv = Files2.write(dir, "list.csv", "shot_id,prompt,duration_s,seed\na,A red ball.,7.5,42\nb,A blue box.,,\n");

        List<Shot> shots = reader.read(List.of(csv)).get(0).shots();

        assertEquals(7.5, shots.get(0).durationSeconds());
        assertFalse(shots.get(0).durationEstimated());
        assertEquals(42L, shots.get(0).seed());
        assertEquals(2.0, shots.get(1).durationSeconds());
        assertTrue(shots.get(1).durationEstimated());
    }

    @Test
    void unknownWordsLeaveOutStopwordsAndRepeats() {
        Path csv = Files2.write(dir, "odd.csv",
                "shot_id,prompt,duration_s\na,The purple dragon and the purple ball fly over it.,3\n");

        Shot shot = reader.read(List.of(csv)).get(0).shots().get(0);

        assertEquals(List.of("purple", "dragon", "fly"), shot.unknownWords());
        assertTrue(shot.hasKnownWord());
    }

    @Test
    void shotWithoutAKnownWordIsKept() {
        Path csv = Files2.write(dir, "odd.csv", "shot_id,prompt,duration_s\na,A dragon flies over the sea.,3\n");

        Shot shot = reader.read(List.of(csv)).get(0).shots().get(0);

        assertFalse(shot.hasKnownWord());
        assertEquals(List.of("dragon", "flies", "sea"), shot.unknownWords());
    }

    @Test
    void sendsAllShotsOfAllFilesToTheAnalyzerInOneCall() {
        Path a = Files2.write(dir, "a.md", "## One\nA red ball.\n\n## Two\nA blue box.\n");
        Path b = Files2.write(dir, "b.csv", "shot_id,prompt,duration_s\nx,A green triangle.,2\n");

        List<Script> scripts = reader.read(List.of(a, b));

        assertEquals(List.of("a", "b"), scripts.stream().map(Script::name).toList());
        assertEquals(List.of(List.of(new TextAnalyzer.TextBlock(a.toString(), 0, 1, "A red ball."),
                new TextAnalyzer.TextBlock(a.toString(), 1, 4, "A blue box."),
                new TextAnalyzer.TextBlock(b.toString(), 0, 2, "A green triangle."))), analyzer.calls);
    }

    @Test
    void firstBadFileFailsTheReadBeforeAnyAnalysis() {
        Path good = Files2.write(dir, "good.md", "## One\nA red ball.\n");
        Path bad = Files2.write(dir, "bad.csv", "shot_id,prompt\na,b\n");
        Path worse = Files2.write(dir, "worse.txt", "x");

        InputException e = assertThrows(InputException.class, () -> reader.read(List.of(good, bad, worse)));

        assertEquals(bad.toString(), e.file());
        assertEquals(1, e.line());
        assertEquals(List.of(), analyzer.calls);
    }

    @Test
    void twoInputsWithOneFilmNameAreRejected() {
        Path md = Files2.write(dir, "lesson.md", "## One\nA red ball.\n");
        Path csv = Files2.write(dir, "lesson.csv", "shot_id,prompt,duration_s\na,b,1\n");

        InputException e = assertThrows(InputException.class, () -> reader.read(List.of(md, csv)));

        assertEquals(csv + ": gives the film name \"lesson\", like " + md
                + "; rename one of them: each film has its own output directory", e.getMessage());
    }

    @Test
    void shotTooLongToNarrateInADayIsRejected() {
        String words = "red ".repeat(216_001);
        Path csv = Files2.write(dir, "epic.csv", "shot_id,prompt,duration_s\na," + words + ",\n");

        InputException e = assertThrows(InputException.class, () -> reader.read(List.of(csv)));

        assertEquals(csv + ":2: shot \"a\" has 216001 words, more than 24 h of narration at 2.5 words/s;"
                + " split it into several shots", e.getMessage());
    }

    @Test
    void noInputsGiveNoFilms() {
        assertEquals(List.of(), reader.read(List.of()));
    }
}
