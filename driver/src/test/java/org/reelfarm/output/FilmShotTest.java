package org.reelfarm.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.reelfarm.ingest.Script;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.quality.SeamScores;
import org.reelfarm.stitch.StitchedShot;

class FilmShotTest {
    private static final Script SCRIPT = OutputFilesTest.film().script();
    private static final FilmPlan PLAN = FilmPlanner.plan(SCRIPT, OutputFilesTest.SPEC,
            PlanSettings.defaults(OutputFilesTest.SPEC));
    private static final List<StitchedShot> STITCHED = List.of(
            new StitchedShot(0, "intro", "shots/001-intro.mp4", 0, 48, "aa"),
            new StitchedShot(1, "outro", "shots/002-outro.mp4", 48, 72, "bb"));
    private static final List<SeamScores.ShotScore> SCORES = List.of(
            new SeamScores.ShotScore(0, 1, 48, 1.5, 0.25, 2.0, List.of()),
            new SeamScores.ShotScore(1, 60, 120, 1.0, 0.125, 1.0, List.of()));

    @Test
    void eachShotHoldsTheRecordsOfItsOwnIndex() {
        List<FilmShot> shots = FilmShot.of(SCRIPT, PLAN, STITCHED, SCORES);
        assertEquals(2, shots.size());
        FilmShot outro = shots.get(1);
        assertEquals(1, outro.index());
        assertEquals("outro", outro.id());
        assertEquals(SCRIPT.shots().get(1), outro.input());
        assertEquals(PLAN.shots().get(1), outro.span());
        assertEquals("bb", outro.stitched().framesSha256());
        assertEquals(0.125, outro.seams().drift());
    }

    @Test
    void rejectsAShotMissingFromOneList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilmShot.of(SCRIPT, PLAN, STITCHED.subList(0, 1), SCORES));
        assertEquals("demo: 2 shots in the script, 2 in the plan, 1 stitched, 2 scored", e.getMessage());
    }

    @Test
    void rejectsRecordsOfDifferentShots() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilmShot.of(SCRIPT, PLAN, List.of(STITCHED.get(1), STITCHED.get(0)), SCORES));
        assertEquals("shot outro: the script, plan, stitched and seam records are of different shots (0, 0, 1, 0)",
                e.getMessage());
    }

    @Test
    void filmSeamAndDriftAreTheWorstOfItsShots() {
        FilmSummary film = OutputFilesTest.film();
        assertEquals(1.5, film.seam());
        assertEquals(0.25, film.drift());
    }
}
