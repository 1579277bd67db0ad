package org.reelfarm.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.Shot;
import org.reelfarm.ingest.Transition;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.NoiseSchedule;
import org.reelfarm.model.PredictionType;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.quality.SeamScores;
import org.reelfarm.stitch.StitchedShot;

class OutputFilesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ModelSpec SPEC = new ModelSpec("m", "1", 4, 8, 2, 24, 32, 24, 16, 4, PredictionType.EPSILON,
            NoiseSchedule.cosine(1000), 20, "vocab.txt", 32, 16, 1, true);

    static FilmSummary film() {
        Shot a = new Shot("intro", 0, "A red <b>circle</b> & \"friends\"", 2.0, false, null, 3,
                List.of("a", "red", "b", "circle", "b", "friends"), List.of("friends"), "INT. LAB - DAY", Transition.CUT);
        Shot b = new Shot("outro", 1, "<script>alert(1)</script> blue square", 3.0, true, 7L, 9,
                List.of("script", "alert", "blue", "square"), List.of("script", "alert"), null, Transition.FADE);
        Script script = new Script("demo", "lessons/demo.md", "ab12".repeat(16), List.of(a, b));
        FilmPlan plan = FilmPlanner.plan(script, SPEC, PlanSettings.defaults(SPEC));
        List<StitchedShot> shots = List.of(new StitchedShot(0, "intro", "shots/001-intro.mp4", 0, 48, "aa"),
                new StitchedShot(1, "outro", "shots/002-outro.mp4", 48, 72, "bb"));
        List<SeamScores.ShotScore> scores = List.of(new SeamScores.ShotScore(0, 1, 48, 1.5, 0.25, 2.0, List.of()),
                new SeamScores.ShotScore(1, 60, 120, 1.0, 0.125, 1.0, List.of()));
        return new FilmSummary(script, plan, SPEC, "cafe", Map.of("seed", 0L, "steps", 20),
                FilmShot.of(script, plan, shots, scores), Map.of("total", 1.5), plan.modelCalls(20),
                List.of("shot outro: <unknown> words"), new JobStats("codenoise", 22, 25, 440, 440, true, 0, 0, 0, 0));
    }

    @Test
    void reportEscapesEveryTextFromTheInput() {
        String html = Report.toHtml(film());
        assertFalse(html.contains("<script>alert(1)</script>"));
        assertFalse(html.contains("<b>circle</b>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; blue square"));
        assertTrue(html.contains("A red &lt;b&gt;circle&lt;/b&gt; &amp; &quot;friends&quot;"));
        assertTrue(html.contains("&lt;unknown&gt; words"));
        assertTrue(html.contains("<video id=\"film\" src=\"film.mp4\""));
    }

    @Test
    void manifestRecordsShotsHashesAndSettings() throws Exception {
        JsonNode m = JSON.readTree(Manifest.toJson(film()));
        assertEquals("demo", m.get("film").asText());
        assertEquals("ab12".repeat(16), m.get("input").get("sha256").asText());
        assertEquals("cafe", m.get("model").get("sha256").asText());
        assertEquals(120, m.get("video").get("frames").asLong());
        assertEquals(5.0, m.get("video").get("duration_s").asDouble(), 1e-9);
        assertEquals("bb", m.get("shots").get(1).get("frames_sha256").asText());
        assertEquals("fade", m.get("shots").get(1).get("transition").asText());
        assertEquals("INT. LAB - DAY", m.get("shots").get(0).get("scene").asText());
        assertEquals(7, m.get("shots").get(1).get("seed").asInt());
        assertEquals(20, m.get("settings").get("steps").asInt());
        assertEquals(film().plan().windows().size(), m.get("windows").size());
    }

    @Test
    void timelineIsAnOtioTimelineWithOneClipPerShot() throws Exception {
        JsonNode t = JSON.readTree(Timeline.toJson(film()));
        assertEquals("Timeline.1", t.get("OTIO_SCHEMA").asText());
        JsonNode track = t.get("tracks").get("children").get(0);
        assertEquals("Track.1", track.get("OTIO_SCHEMA").asText());
        assertEquals("Video", track.get("kind").asText());
        JsonNode clip = track.get("children").get(1);
        assertEquals("Clip.2", clip.get("OTIO_SCHEMA").asText());
        assertEquals(72.0, clip.get("source_range").get("duration").get("value").asDouble());
        assertEquals(24.0, clip.get("source_range").get("duration").get("rate").asDouble());
        assertEquals("shots/002-outro.mp4", clip.get("media_references").get("DEFAULT_MEDIA").get("target_url").asText());
    }

    @Test
    void libraryReportCountsEveryStatus() throws Exception {
        JsonNode r = JSON.readTree(LibraryReport.toJson(List.of(
                new FilmOutcome("a", "a.md", FilmOutcome.Status.RENDERED, 4, 96, null),
                new FilmOutcome("b", "b.md", FilmOutcome.Status.SKIPPED, 2, 48, null),
                FilmOutcome.failed("c", "c.csv", "c.csv:2: bad"))));
        assertEquals(1, r.get("rendered").asInt());
        assertEquals(1, r.get("skipped").asInt());
        assertEquals(1, r.get("failed").asInt());
        assertTrue(r.get("films").get(0).get("error").isNull());
        assertEquals("c.csv:2: bad", r.get("films").get(2).get("error").asText());
    }
}
