package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.ingest.Shot;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.Vocabulary;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;

class PreviewFilmTest {
    private static final Set<String> FILLER = Set.of("a", "on", "moves", "background");

    @Test
    void oneMinuteFilmIsTenShotsOfSixSecondsWithFixedSeeds() {
        PreviewFilm film = PreviewFilm.of("preview-1min", 10);

        assertEquals(10, film.lines().size());
        assertEquals(60.0, film.seconds());
        assertEquals(List.of(7001L, 7002L, 7003L), film.lines().subList(0, 3).stream().map(PreviewFilm.Line::seed).toList());
    }

    @Test
    void everyPromptNamesAColourAShapeAMotionAndAnotherBackgroundColour() {
        for (PreviewFilm.Line line : PreviewFilm.of("f", 100).lines()) {
            List<String> words = Vocabulary.words(line.prompt());
            List<String> colours = words.stream().filter(PreviewFilm.COLOURS::contains).toList();
            assertEquals(2, colours.size(), line.prompt());
            assertNotEquals(colours.get(0), colours.get(1), line.prompt());
            assertEquals(1, words.stream().filter(PreviewFilm.SHAPES::contains).count(), line.prompt());
            assertTrue(words.stream().anyMatch(w -> Set.of("left", "right", "up", "down", "bouncing", "still").contains(w)),
                    line.prompt());
            for (String word : words) {
                assertTrue(FILLER.contains(word) || PreviewFilm.COLOURS.contains(word) || PreviewFilm.SHAPES.contains(word)
                        || Set.of("left", "right", "up", "down", "bouncing", "still").contains(word), word);
            }
        }
    }

    @Test
    void promptsVaryAcrossTheFilm() {
        Set<String> prompts = new HashSet<>();
        PreviewFilm.of("f", 100).lines().forEach(l -> prompts.add(l.prompt()));

        assertTrue(prompts.size() >= 60, "distinct prompts: " + prompts.size());
        assertEquals(10, new HashSet<>(PreviewFilm.of("f", 10).lines().stream().map(PreviewFilm.Line::prompt).toList()).size());
    }

    @Test
    void csvIsAShotListTheCliReads() {
        String csv = PreviewFilm.of("f", 2).csv();

        assertEquals("shot_id,prompt,duration_s,seed\n"
                + "s001,A red circle moves left on a black background.,6,7001\n"
                + "s002,A still green square on a red background.,6,7002\n", csv);
    }

    @Test
    void sameArgumentsGiveTheSameFilm() {
        assertEquals(PreviewFilm.of("f", 100), PreviewFilm.of("f", 100));
    }

    @Test
    void shotsCarryTheCsvPromptsDurationsAndSeeds() {
        List<Shot> shots = PreviewFilm.of("f", 3).shots();

        assertEquals(3, shots.size());
        assertEquals("A blue triangle bouncing on a purple background.", shots.get(2).prompt());
        assertEquals(6.0, shots.get(2).durationSeconds());
        assertEquals(7003L, shots.get(2).seed());
        assertEquals(List.of("a", "blue", "triangle", "bouncing", "on", "a", "purple", "background"), shots.get(2).words());
    }

    @Test
    void plansOfTheBenchmarkFilmsWithTheReferenceModel() {
        ModelSpec spec = ReferenceModel.spec();
        PlanSettings settings = PlanSettings.defaults(spec);

        FilmPlan oneMinute = FilmPlanner.plan("a", PreviewFilm.of("a", 10).shots(), spec, settings);
        FilmPlan tenMinutes = FilmPlanner.plan("b", PreviewFilm.of("b", 100).shots(), spec, settings);

        assertEquals(60, oneMinute.windows().size());
        assertEquals(15, oneMinute.batches().size());
        assertEquals(300, oneMinute.modelCalls(20));
        assertEquals(600, tenMinutes.windows().size());
        assertEquals(3000, tenMinutes.modelCalls(20));
    }
}
