package org.reelfarm.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.Shot;
import org.reelfarm.ingest.Transition;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.quality.SeamScores;
import org.reelfarm.stitch.StitchedShot;

/** The exact text of manifest.json, timeline.otio and report.html for one film, pinned in test resources. */
class PinnedOutputTest {

    static FilmSummary film() {
        Shot a = new Shot("intro", 0, "A red <b>circle</b> & \"friends\"", 2.0, false, null, 3,
                List.of("a", "red", "b", "circle", "b", "friends"), List.of("friends"), "INT. LAB - DAY", Transition.CUT);
        Shot b = new Shot("outro", 1, "<script>alert(1)</script> blue square", 3.0, true, 7L, 9,
                List.of("script", "alert", "blue", "square"), List.of("script", "alert"), null, Transition.FADE);
        Script script = new Script("demo", "lessons/demo.md", "ab12".repeat(16), List.of(a, b));
        FilmPlan plan = FilmPlanner.plan(script, OutputFilesTest.SPEC, PlanSettings.defaults(OutputFilesTest.SPEC));
        List<StitchedShot> shots = List.of(new StitchedShot(0, "intro", "shots/001-intro.mp4", 0, 48, "aa"),
                new StitchedShot(1, "outro", "shots/002-outro.mp4", 48, 72, "bb"));
        List<SeamScores.ShotScore> scores = List.of(
                new SeamScores.ShotScore(0, 1, 48, 1.5004, 0.125, 2.0,
                        List.of(new SeamScores.BoundaryScore(0, 20, 28, 1.5004, 3.25))),
                new SeamScores.ShotScore(1, 60, 120, 1.0, 0.2506, 1.75, List.of()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("seed", 0L);
        settings.put("strategy", "codenoise");
        settings.put("steps", 20);
        settings.put("png", false);
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("total", 1.5);
        timings.put("ingest", 0.25);
        timings.put("stitch", 0.125);
        return new FilmSummary(script, plan, OutputFilesTest.SPEC, "cafe", settings,
                FilmShot.of(script, plan, shots, scores), timings, plan.modelCalls(20),
                List.of("shot outro: <unknown> words", "shot intro: 'quoted'"),
                new JobStats("codenoise", 22, 25, 440, 440, false, 3, 1, 2, 8));
    }

    @Test
    void manifestTextIsPinned() throws IOException {
        assertEquals(pinned("demo.manifest.json"), Manifest.toJson(film()));
    }

    @Test
    void timelineTextIsPinned() throws IOException {
        assertEquals(pinned("demo.timeline.otio"), Timeline.toJson(film()));
    }

    @Test
    void reportTextIsPinned() throws IOException {
        assertEquals(pinned("demo.report.html"), Report.toHtml(film()));
    }

    private static String pinned(String name) throws IOException {
        try (InputStream in = PinnedOutputTest.class.getResourceAsStream("pinned/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
