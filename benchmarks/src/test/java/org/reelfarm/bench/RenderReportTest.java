package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;

class RenderReportTest {

    @Test
    void figuresAreRatiosOfTheMeasurementsAndGoalsSayWhetherTheyAreMet(@TempDir Path dir) throws Exception {
        RenderReport report = report(false);

        JsonNode json = report.json();

        JsonNode f = json.get("figures");
        assertEquals(4.0, f.get("farm_overhead").asDouble());
        assertEquals(2.0, f.get("render_job_local1_over_raw_loop").asDouble());
        assertEquals(1.5, f.get("executor_denoise_local1_over_raw_loop").asDouble());
        assertEquals(1.5, f.get("spark_job_overhead_local1_s").asDouble());
        assertEquals(20.0, f.get("outside_render_job_local1_s").asDouble());
        assertEquals(1.6, f.get("scaling").asDouble());
        assertEquals(1.25, f.get("scaling_render_job").asDouble());
        assertEquals(250.0, f.get("ten_minute_wall_s").asDouble());
        assertEquals(1.5, f.get("heap_growth_10min_over_1min").asDouble());
        assertFalse(json.at("/goals/farm_overhead/met").asBoolean());
        assertFalse(json.at("/goals/scaling/met").asBoolean());
        assertTrue(json.at("/goals/ten_minute_wall_s/met").asBoolean());
        assertEquals(300, json.at("/model_calls/local2").asLong());

        Path png = dir.resolve("render.png");
        Charts.save(report.charts(), 2, png);
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void figuresAreMediansOverTheRounds() {
        RenderReport report = report(true);
        report.rawLoop(oneMinute(), new RenderReport.RawSample(new RawLoop.Result(0.2, 14.0, 300, 15, 60), Optional.empty()));
        report.rawLoop(oneMinute(), new RenderReport.RawSample(new RawLoop.Result(0.2, 9.0, 300, 15, 60), Optional.empty()));
        report.run(run("local1", "local[1]", "4g", 30.0, 20.0, 15.0, 80, 0));
        report.run(run("local1", "local[1]", "4g", 90.0, 20.0, 15.0, 80, 0));

        JsonNode json = report.json();

        assertEquals(10.0, json.at("/raw_loop/seconds").asDouble());
        assertEquals(3, json.at("/raw_loop/samples").size());
        assertEquals(40.0, json.at("/renders/local1/wall_s").asDouble());
        assertEquals(4.0, json.at("/figures/farm_overhead").asDouble());
    }

    @Test
    void medianOfAnEvenNumberOfSamplesIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, RenderReport.median(java.util.List.of(4.0, 1.0, 2.0, 3.0), d -> d));
    }

    @Test
    void quickRunsHaveNoTenMinuteFigures() {
        JsonNode json = report(true).json();

        assertFalse(json.get("figures").has("ten_minute_wall_s"));
        assertFalse(json.get("goals").has("ten_minute_wall_s"));
    }

    @Test
    void flagsARunThatSharedTheCores() {
        RenderReport report = report(true);

        JsonNode notes = report.json().get("notes");

        assertEquals(1, notes.size());
        assertEquals("local2 1 may be disturbed: other processes used 9.0 CPU s during its 25.0 s", notes.get(0).asText());
    }

    private static RenderReport report(boolean quick) {
        System.setProperty("java.awt.headless", "true");
        BenchOptions options = new BenchOptions(BenchOptions.Suite.RENDER, Path.of("/tmp/b"), quick, "768m", 0, 1);
        RenderReport report = new RenderReport(options, Results.object());
        RenderBenchmark.Film oneMinute = oneMinute();
        report.film(oneMinute, 20);
        report.rawLoop(oneMinute, new RenderReport.RawSample(new RawLoop.Result(0.2, 10.0, 300, 15, 60), Optional.empty()));
        report.run(run("local1", "local[1]", "4g", 40.0, 20.0, 15.0, 80, 0));
        report.run(run("local2", "local[2]", "4g", 25.0, 16.0, 20.0, 80, 9.0));
        report.run(run("memory-1min", "local[2]", "768m", 26.0, 16.0, 20.0, 100, 0));
        if (!quick) {
            report.run(run("memory-10min", "local[2]", "768m", 250.0, 220.0, 200.0, 150, 0));
        }
        return report;
    }

    private static RenderBenchmark.Film oneMinute() {
        var spec = ReferenceModel.spec();
        PreviewFilm film = PreviewFilm.of("preview-1min", 10);
        var plan = FilmPlanner.plan(film.name(), film.shots(), spec, PlanSettings.defaults(spec));
        return new RenderBenchmark.Film(film, Path.of("/tmp/b/preview-1min.csv"), plan);
    }

    private static RenderProcess.Run run(String label, String master, String heap, double wall, double renderJob,
            double denoise, double heapAfterMb, double otherCpu) {
        ObjectNode manifest = Results.object();
        manifest.put("model_calls", 300);
        manifest.putObject("timings_s").put("render_job", renderJob).put("executor_denoise", denoise)
                .put("executor_blend", 0.5).put("executor_decode", 1.0).put("executor_encode", 2.0);
        return new RenderProcess.Run(label, "preview-1min", master, heap, wall, Path.of("/tmp/b/runs", label), manifest,
                new GcLog(10, heapAfterMb, 2 * heapAfterMb, 768), Optional.of(new CpuSample.Use(0, wall, otherCpu)));
    }
}
