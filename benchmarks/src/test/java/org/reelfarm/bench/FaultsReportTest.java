package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultsReportTest {

    /** A render as RenderProcess measures it, with the parts of manifest.json the report reads. */
    static RenderProcess.Run run(String label, double wall, double renderJob, double stitch, long windowSteps,
            long resumedSteps, double otherCpu) throws Exception {
        JsonNode manifest = Results.JSON.readTree("""
                {"shots": [{"frames_sha256": "aa"}],
                 "job": {"window_steps": %d, "resumed_window_steps": %d, "resumed_windows": %d, "reused_windows": 3,
                         "reused_segments": 1},
                 "timings_s": {"ingest": 10.0, "render_job": %s, "stitch": %s}}
                """.formatted(windowSteps, resumedSteps, resumedSteps > 0 ? 60 : 0, renderJob, stitch));
        return new RenderProcess.Run(label, "faults-60s", "local[2]", "4g", wall, Path.of("/tmp/runs", label), manifest,
                new GcLog(0, 0, 0, 0), Optional.of(new CpuSample.Use(1, wall, otherCpu)));
    }

    private static FaultsReport.DriverKill kill(double at, double renderJobStartedAt) {
        return new FaultsReport.DriverKill(at, renderJobStartedAt, "sync round 10/25  (7 s)",
                new FaultsReport.WorkArea(List.of("r0010"), 0, 0));
    }

    private static FaultsReport report() throws Exception {
        FaultsReport report = new FaultsReport(Results.object(), false, 3);
        report.film("film", PreviewFilm.of("faults-60s", 10), "/tmp/films/faults-60s.csv", 60);
        report.cluster("spark://127.0.0.1:7077", 2);
        double[][] walls = {{60, 84}, {80, 91}, {70, 98}};
        for (int i = 0; i < walls.length; i++) {
            // Other processes' CPU includes the cluster's: only round 1's undisturbed render was disturbed.
            report.undisturbed(run("cluster-undisturbed-" + (i + 1), walls[i][0], 30, 1, 1200, 0, 30), i == 0 ? 10 : 30);
            report.killed(run("cluster-executor-killed-" + (i + 1), walls[i][1], 40, 1, 1200, 0, 20), 15,
                    new FaultsReport.ExecutorKill(40, 12, 25, 4242, 3, true));
        }
        report.resume("codenoise", new FaultsReport.ResumeRound(run("codenoise-full-1", 50, 24, 1, 1200, 0, 0),
                kill(25, -1), run("codenoise-resumed-1", 48, 22, 1, 1200, 0, 0), 0));
        report.resume("independent", new FaultsReport.ResumeRound(run("independent-full-1", 40, 20, 0.5, 1200, 0, 0),
                kill(30, 19.5), run("independent-resumed-1", 30, 10, 0.5, 600, 0, 0), 0));
        report.resume("independent", new FaultsReport.ResumeRound(run("independent-full-2", 44, 22, 0.5, 1200, 0, 0),
                kill(22, 21.5), run("independent-resumed-2", 26, 12, 0.5, 300, 0, 0), 0));
        return report;
    }

    @Test
    void lostExecutorRatioIsTheMedianKilledWallOverTheMedianUndisturbedOne() throws Exception {
        JsonNode lost = report().json().get("lost_executor");

        assertEquals(70.0, lost.at("/undisturbed/wall_s").asDouble());
        assertEquals(91.0, lost.at("/executor_killed/wall_s").asDouble());
        assertEquals(1.3, lost.get("ratio_killed_over_undisturbed").asDouble());
        assertEquals(List.of(1.4, 1.138, 1.4), List.of(lost.at("/ratios_per_round/0").asDouble(),
                lost.at("/ratios_per_round/1").asDouble(), lost.at("/ratios_per_round/2").asDouble()));
        assertEquals(40.0 / 30.0, lost.get("ratio_render_job").asDouble(), 0.001);
        JsonNode killed = lost.at("/executor_killed/samples/1");
        assertEquals(12, killed.at("/kill/at_sync_round").asInt());
        assertEquals(3, killed.at("/kill/executors_of_the_render").asInt());
        assertTrue(killed.at("/kill/driver_reported_lost_executor").asBoolean());
        assertEquals(50.0, killed.get("before_render_job_s").asDouble(), "wall 91 - job 40 - stitch 1");
        assertEquals("spark://127.0.0.1:7077", lost.get("master").asText());
    }

    @Test
    void goalsSayWhetherEachRatioIsMet() throws Exception {
        JsonNode goals = report().json().get("goals");

        assertTrue(goals.at("/lost_executor/met").asBoolean());
        assertEquals("<= 1.5", goals.at("/lost_executor/goal").asText());
        assertEquals(0.96, goals.at("/resume_codenoise/value").asDouble());
        assertTrue(report().json().at("/resume/strategies/codenoise/samples/0/kill/render_job_started_at_s").isNull());
        assertFalse(goals.at("/resume_codenoise/met").asBoolean());
        assertEquals(0.667, goals.at("/resume_independent/value").asDouble(), "median 28 s over median 42 s");
        assertFalse(goals.at("/resume_independent/met").asBoolean());
    }

    @Test
    void resumeRowsSayWhatWasKeptAndWhatTheStartUpAllows() throws Exception {
        JsonNode independent = report().json().at("/resume/strategies/independent");

        assertEquals(42.0, independent.get("full_wall_s").asDouble());
        assertEquals(26.0, independent.get("kill_at_s").asDouble());
        assertEquals(28.0, independent.get("resumed_wall_s").asDouble());
        assertEquals(0.625, independent.get("work_kept_share").asDouble(), "median of 1 - 600/1200 and 1 - 300/1200");
        JsonNode first = independent.at("/samples/0");
        assertEquals(0.75, first.get("ratio").asDouble());
        assertEquals(19.5, first.at("/full/before_render_job_s").asDouble());
        assertEquals(10.5, first.at("/kill/render_job_elapsed_s").asDouble());
        assertEquals(19.5, first.at("/kill/render_job_started_at_s").asDouble());
        assertEquals(0.525, first.at("/kill/share_of_full_render_job").asDouble());
        assertEquals(0.75, first.at("/kill/share_of_full_wall").asDouble());
        assertEquals(0.738, first.get("ratio_if_all_work_before_the_kill_were_kept").asDouble(), "(40 - 10.5) / 40");
        assertEquals(600, first.at("/resumed/job/window_steps").asLong());
        assertEquals(3, first.at("/resumed/job/reused_windows").asLong());
        assertEquals(1, first.at("/resumed/job/reused_segments").asLong());
        assertEquals("r0010", first.at("/kill/work_area/codenoise_rounds_saved/0").asText());
        assertTrue(first.get("frames_equal").asBoolean());
    }

    @Test
    void aKillBeforeTheRenderJobStartedCanKeepNothing() throws Exception {
        RenderProcess.Run full = run("codenoise-full-1", 50, 24, 1, 1200, 0, 0);
        RenderProcess.Run resumed = run("codenoise-resumed-1", 50, 24, 1, 1200, 0, 0);

        assertEquals(1.0, FaultsReport.ratioIfAllWorkKept(new FaultsReport.ResumeRound(full, kill(20, -1), resumed, 0)),
                "killed while still starting up");
        assertEquals(0.8, FaultsReport.ratioIfAllWorkKept(new FaultsReport.ResumeRound(full, kill(35, 25), resumed, 0)),
                "10 s of the job done, 10 of 50 s saved at best");
        assertEquals(0.0, kill(20, 25).renderJobElapsed());
    }

    @Test
    void disturbedRendersAreNotedWithoutCountingTheClustersOwnCpu() throws Exception {
        JsonNode notes = report().json().get("notes");

        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).asText().startsWith("cluster-undisturbed-1 may be disturbed: other processes used 20.0"
                + " CPU s during its 60.0 s"), notes.get(0).asText());
    }

    @Test
    void chartsAreOnePngOfFourPanels(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        FaultsReport report = report();
        Path png = dir.resolve("faults.png");

        assertEquals(4, report.charts().size());
        Charts.save(report.charts(), 2, png);
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void aReportOfTheResumePartAloneHasNoLostExecutorFigures() throws Exception {
        FaultsReport report = new FaultsReport(Results.object(), true, 1);
        report.resume("codenoise", new FaultsReport.ResumeRound(run("codenoise-full-1", 50, 24, 1, 1200, 0, 0),
                kill(25, 20), run("codenoise-resumed-1", 40, 14, 1, 800, 400, 0), 10));

        JsonNode json = report.json();

        assertTrue(json.path("lost_executor").isMissingNode());
        assertEquals(10, json.at("/resume/strategies/codenoise/samples/0/resumed/resumed_after_sync_round").asInt());
        assertEquals(400, json.at("/resume/strategies/codenoise/samples/0/resumed/job/resumed_window_steps").asLong());
        assertEquals(0.8, json.at("/goals/resume_codenoise/value").asDouble());
        assertEquals(3, report.charts().size());
    }
}
