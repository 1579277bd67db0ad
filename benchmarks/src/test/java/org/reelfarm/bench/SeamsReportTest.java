package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeamsReportTest {

    /** A manifest as the driver writes it, reduced to what the report reads. */
    static JsonNode manifest(String strategy, double seam, double drift, double total, double renderJob, long stages,
            long rounds, long calls, long windowSteps) throws Exception {
        return Results.JSON.readTree("""
                {"model_calls": %d,
                 "seams": {"film": %s, "drift_latent_px": %s,
                   "shots": [{"shot": "s1", "seam": %s, "drift_latent_px": %s,
                              "boundaries": [[0, 12, 0.5, 0.1], [12, 24, %s, 0.2]]}],
                   "boundaries_columns": "first_frame, end_frame, seam, largest_frame_diff"},
                 "job": {"strategy": "%s", "sync_rounds": %d, "spark_stages": %d, "model_calls": %d,
                         "window_steps": %d},
                 "timings_s": {"total": %s, "render_job": %s}}
                """.formatted(calls, seam, drift, seam, drift, seam, strategy, rounds, stages, calls, windowSteps,
                total, renderJob));
    }

    private static SeamsReport report(long codenoiseWindowSteps) throws Exception {
        SeamsReport report = new SeamsReport(Results.object(), true, "local[2]");
        report.film("still", "one still shot of 12 s", 12);
        report.add("still", "independent", 20.0, manifest("independent", 4.0, 2.0, 19.0, 8.0, 2, 0, 60, 240),
                Optional.empty());
        report.add("still", "shared-noise", 21.0, manifest("shared-noise", 2.0, 1.0, 20.0, 8.5, 2, 0, 60, 240),
                Optional.empty());
        report.add("still", "codenoise", 30.0, manifest("codenoise", 1.0, 0.5, 29.0, 16.0, 22, 20, 80,
                codenoiseWindowSteps), Optional.of(new CpuSample.Use(10, 20, 9.0)));
        report.sweep(2, 2, 25.0, manifest("codenoise", 1.5, 0.7, 24.0, 12.0, 12, 10, 70, 240), Optional.empty());
        return report;
    }

    @Test
    void rowsComeFromTheManifestsAndRatiosAreCodenoiseOverIndependent(@TempDir Path dir) throws Exception {
        SeamsReport report = report(240);

        JsonNode json = report.json();

        JsonNode codenoise = json.at("/films/still/strategies/codenoise");
        assertEquals("codenoise", codenoise.get("strategy").asText());
        assertEquals(1.0, codenoise.get("seam").asDouble());
        assertEquals(0.5, codenoise.get("drift_latent_px").asDouble());
        assertEquals(30.0, codenoise.get("wall_s").asDouble());
        assertEquals(29.0, codenoise.get("total_s").asDouble());
        assertEquals(16.0, codenoise.get("render_job_s").asDouble());
        assertEquals(22, codenoise.get("spark_stages").asLong());
        assertEquals(20, codenoise.get("sync_rounds").asLong());
        assertEquals(80, codenoise.get("model_calls").asLong());
        assertEquals(240, codenoise.get("window_steps").asLong());
        JsonNode boundaries = codenoise.get("boundaries");
        assertEquals(2, boundaries.size());
        assertEquals("s1", boundaries.get(1).get("shot").asText());
        assertEquals(12, boundaries.get(1).get("first_frame").asInt());
        assertEquals(24, boundaries.get(1).get("end_frame").asInt());
        assertEquals(1.0, boundaries.get(1).get("seam").asDouble());

        JsonNode ratios = json.at("/films/still/codenoise_over_independent");
        assertEquals(1.5, ratios.get("wall_s").asDouble());
        assertEquals(2.0, ratios.get("render_job_s").asDouble());
        assertEquals(1.0, ratios.get("window_steps").asDouble());
        assertEquals(0.25, ratios.get("seam").asDouble());
        assertTrue(report.modelWorkDiffers().isEmpty());

        JsonNode sweep = json.get("codenoise_sweep");
        assertEquals(1, sweep.size());
        assertEquals(2, sweep.get(0).get("sync_every").asInt());
        assertEquals(10, sweep.get(0).get("sync_rounds").asLong());
        assertEquals(1.5, sweep.get(0).get("seam").asDouble());

        assertEquals(1, json.get("notes").size(), "codenoise ran with 9 CPU s of others in 30 s");

        Path seams = dir.resolve("seams.png");
        Path cost = dir.resolve("seams-cost.png");
        Charts.save(report.seamCharts(), 2, seams);
        Charts.save(report.costCharts(), 2, cost);
        assertTrue(Files.size(seams) > 0);
        assertTrue(Files.size(cost) > 0);
    }

    @Test
    void otherModelWorkIsReported() throws Exception {
        SeamsReport report = report(300);

        assertEquals(1.25, report.json().at("/films/still/codenoise_over_independent/window_steps").asDouble());
        assertEquals(List.of("still: independent 240, codenoise 300 window steps"), report.modelWorkDiffers());
    }

    @Test
    void filmsHaveTheTransitionsAndLengthsTheBenchmarkPromises() {
        List<SeamsBenchmark.Film> quick = SeamsBenchmark.films(true);
        assertEquals(12, quick.get(0).seconds());
        assertEquals(6, quick.get(1).seconds());
        List<SeamsBenchmark.Film> full = SeamsBenchmark.films(false);
        assertEquals(30, full.get(0).seconds());
        assertEquals(10, full.get(1).seconds());
        String scene = String.join("\n", full.get(2).rows());
        assertTrue(scene.contains(",crossfade") && scene.contains(",fade") && scene.contains(",cut"), scene);
        assertEquals(4, full.get(2).rows().size());
    }
}
