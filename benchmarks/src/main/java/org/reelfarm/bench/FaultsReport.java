package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/**
 * The figures of {@code bench faults}, built from the renders' wall times, manifests and what
 * was seen when each fault was made: {@code faults.json} (every sample, medians, ratios, goals,
 * notes on disturbed renders) and the panels of {@code faults.png}. Pure: no rendering here, so it
 * is unit-tested on hand-written manifests. Figures are medians over the rounds.
 */
final class FaultsReport {
    static final double LOST_EXECUTOR_GOAL = 1.5;
    static final double RESUME_GOAL = 0.6;
    /** The manifest's {@code job} counters a resumed render is judged by. */
    static final List<String> RESUME_COUNTERS = List.of("reused_windows", "resumed_windows", "resumed_window_steps",
            "window_steps", "reused_segments");

    /**
     * How an executor of a cluster render was killed: when (seconds after the driver JVM
     * started), at which sync round (from 0) of how many, which process, how many executors the
     * render's application had in the end (2 plus replacements), and whether the driver's console
     * reported the loss.
     */
    record ExecutorKill(double atSeconds, int atRound, int rounds, long pid, int executors, boolean driverSawLoss) {}

    /**
     * What a killed driver left in its film's work area: the saved co-denoising rounds
     * (directory names, e.g. {@code r0010}), the checkpointed batches of independent windows and
     * the finished segments.
     */
    record WorkArea(List<String> codenoiseRounds, long batchFiles, long segmentFiles) {
        WorkArea {
            codenoiseRounds = List.copyOf(codenoiseRounds);
        }
    }

    /**
     * When the driver was killed (seconds after its JVM started), when it had started its Spark
     * render job ({@code -1}: not yet), its console's last line then, and what it left.
     */
    record DriverKill(double atSeconds, double renderJobStartedAt, String consoleAtKill, WorkArea workArea) {
        /** Seconds the killed run had spent in its render job. */
        double renderJobElapsed() {
            return renderJobStartedAt < 0 ? 0 : Math.max(0, atSeconds - renderJobStartedAt);
        }
    }

    /**
     * One round of the resume measurement of a strategy: the full render, the killed one, and
     * the {@code --resume} render over its leftovers, which took co-denoising up after sync
     * round {@code resumedAfterRound} (0: afresh, or an independent render).
     */
    record ResumeRound(RenderProcess.Run full, DriverKill kill, RenderProcess.Run resumed, int resumedAfterRound) {}

    private final ObjectNode root = Results.object();
    private final List<RenderProcess.Run> undisturbed = new ArrayList<>();
    private final List<RenderProcess.Run> killed = new ArrayList<>();
    private final List<ExecutorKill> executorKills = new ArrayList<>();
    private final Map<String, List<ResumeRound>> resumes = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    FaultsReport(ObjectNode machine, boolean quick, int rounds) {
        root.put("benchmark", FaultsBenchmark.NAME);
        root.set("machine", machine);
        root.put("quick", quick);
        root.put("rounds", rounds);
    }

    /** The film of the renders of one part: {@code "film"} (lost executor) or {@code "resume_film"}. */
    void film(String key, PreviewFilm film, String csv, int windows) {
        ObjectNode f = root.putObject(key);
        f.put("name", film.name());
        f.put("csv", csv);
        f.put("shots", film.lines().size());
        f.put("seconds", film.seconds());
        f.put("windows", windows);
        f.put("profile", "preview");
    }

    /** The cluster of the lost-executor renders. */
    void cluster(String masterUrl, int workers) {
        ObjectNode c = root.putObject("lost_executor");
        c.put("master", masterUrl);
        c.put("workers", workers);
        c.put("cores_per_worker", 1);
        c.put("strategy", "codenoise (the default)");
        c.put("fault", "SIGKILL of the first executor JVM whose log reports a sync round past the middle"
                + " of the co-denoising; its Worker launches a replacement");
    }

    /** An undisturbed cluster render; {@code clusterCpu}: CPU seconds the cluster's JVMs used meanwhile. */
    void undisturbed(RenderProcess.Run run, double clusterCpu) {
        undisturbed.add(run);
        noteIfDisturbed(run, clusterCpu);
    }

    /** A cluster render that lost an executor as {@code kill} says. */
    void killed(RenderProcess.Run run, double clusterCpu, ExecutorKill kill) {
        killed.add(run);
        executorKills.add(kill);
        noteIfDisturbed(run, clusterCpu);
    }

    /** One resume round of {@code strategy}. */
    void resume(String strategy, ResumeRound round) {
        resumes.computeIfAbsent(strategy, k -> new ArrayList<>()).add(round);
        for (RenderProcess.Run run : List.of(round.full(), round.resumed())) {
            noteIfDisturbed(run, 0);
        }
    }

    private void noteIfDisturbed(RenderProcess.Run run, double ownElsewhere) {
        run.cpu().ifPresent(c -> Results.disturbance(run.label(), c.otherSeconds() - ownElsewhere, run.wallSeconds())
                .ifPresent(notes::add));
    }

    /** Wall time before the Spark render job: JVM and Spark start, ingest, plan. */
    static double beforeRenderJob(RenderProcess.Run run) {
        return run.wallSeconds() - run.timing("render_job") - run.timing("stitch");
    }

    /**
     * The ratio a resumed render would have if it kept all the work its killed run had done in
     * the render job and paid the start-up again: {@code 1 - job_elapsed_at_kill / full_wall}.
     * With a kill at half the wall it is at least {@code 0.5 + start_up / full_wall}: the floor the
     * start-up (JVM, Spark, ingest) sets.
     */
    static double ratioIfAllWorkKept(ResumeRound round) {
        return 1 - round.kill().renderJobElapsed() / round.full().wallSeconds();
    }

    /** Share of the full render's model work (window steps) the resumed render did not redo. */
    static double workKept(ResumeRound round) {
        double full = round.full().manifest().at("/job/window_steps").asDouble();
        return full == 0 ? 0 : 1 - round.resumed().manifest().at("/job/window_steps").asDouble() / full;
    }

    JsonNode json() {
        ObjectNode out = root.deepCopy();
        ObjectNode goals = Results.object();
        if (!undisturbed.isEmpty() && !killed.isEmpty()) {
            ObjectNode lost = out.has("lost_executor") ? (ObjectNode) out.get("lost_executor")
                    : out.putObject("lost_executor");
            lost.set("undisturbed", clusterRuns(undisturbed, null));
            lost.set("executor_killed", clusterRuns(killed, executorKills));
            double ratio = lostExecutorRatio();
            lost.put("ratio_killed_over_undisturbed", Results.round(ratio));
            lost.put("ratio_render_job", Results.round(median(killed, r -> r.timing("render_job"))
                    / median(undisturbed, r -> r.timing("render_job"))));
            ArrayNode perRound = lost.putArray("ratios_per_round");
            for (int i = 0; i < Math.min(undisturbed.size(), killed.size()); i++) {
                perRound.add(Results.round(killed.get(i).wallSeconds() / undisturbed.get(i).wallSeconds()));
            }
            Results.goal(goals, "lost_executor", "<= " + LOST_EXECUTOR_GOAL, ratio, ratio <= LOST_EXECUTOR_GOAL);
        }
        if (!resumes.isEmpty()) {
            ObjectNode resume = out.putObject("resume");
            resume.put("master", FaultsBenchmark.RESUME_MASTER);
            resume.put("fault", "SIGKILL of the driver JVM at " + Math.round(100 * FaultsBenchmark.KILL_SHARE)
                    + " % of the same round's full render's wall time, then the same command with --resume");
            ObjectNode strategies = resume.putObject("strategies");
            resumes.forEach((strategy, rounds) -> {
                strategies.set(strategy, resumeJson(rounds));
                double ratio = resumeRatio(strategy);
                Results.goal(goals, "resume_" + strategy, "<= " + RESUME_GOAL, ratio, ratio <= RESUME_GOAL);
            });
        }
        out.set("goals", goals);
        ArrayNode noteArray = out.putArray("notes");
        notes.forEach(noteArray::add);
        return out;
    }

    double lostExecutorRatio() {
        return median(killed, RenderProcess.Run::wallSeconds) / median(undisturbed, RenderProcess.Run::wallSeconds);
    }

    double resumeRatio(String strategy) {
        List<ResumeRound> rounds = resumes.get(strategy);
        return median(rounds, r -> r.resumed().wallSeconds()) / median(rounds, r -> r.full().wallSeconds());
    }

    private static <T> double median(List<T> samples, ToDoubleFunction<T> value) {
        return RenderReport.median(samples, value);
    }

    private static ObjectNode clusterRuns(List<RenderProcess.Run> runs, List<ExecutorKill> kills) {
        ObjectNode out = Results.object();
        out.put("wall_s", Results.round(median(runs, RenderProcess.Run::wallSeconds)));
        out.put("render_job_s", Results.round(median(runs, r -> r.timing("render_job"))));
        out.put("before_render_job_s", Results.round(median(runs, FaultsReport::beforeRenderJob)));
        ArrayNode samples = out.putArray("samples");
        for (int i = 0; i < runs.size(); i++) {
            ObjectNode s = runFigures(runs.get(i));
            if (kills != null) {
                ExecutorKill k = kills.get(i);
                ObjectNode kill = s.putObject("kill");
                kill.put("at_s", Results.round(k.atSeconds()));
                kill.put("at_sync_round", k.atRound());
                kill.put("sync_rounds", k.rounds());
                kill.put("executor_pid", k.pid());
                kill.put("executors_of_the_render", k.executors());
                kill.put("driver_reported_lost_executor", k.driverSawLoss());
            }
            samples.add(s);
        }
        return out;
    }

    private static ObjectNode runFigures(RenderProcess.Run run) {
        ObjectNode s = Results.object();
        s.put("wall_s", Results.round(run.wallSeconds()));
        s.put("render_job_s", run.timing("render_job"));
        s.put("before_render_job_s", Results.round(beforeRenderJob(run)));
        s.put("ingest_s", run.timing("ingest"));
        run.cpu().ifPresent(c -> s.put("other_processes_cpu_s", Results.round(c.otherSeconds())));
        s.put("dir", run.dir().toString());
        return s;
    }

    private static ObjectNode resumeJson(List<ResumeRound> rounds) {
        ObjectNode out = Results.object();
        double full = median(rounds, r -> r.full().wallSeconds());
        double resumed = median(rounds, r -> r.resumed().wallSeconds());
        out.put("full_wall_s", Results.round(full));
        out.put("kill_at_s", Results.round(median(rounds, r -> r.kill().atSeconds())));
        out.put("resumed_wall_s", Results.round(resumed));
        out.put("ratio_resumed_over_full", Results.round(resumed / full));
        out.put("full_before_render_job_s", Results.round(median(rounds, r -> beforeRenderJob(r.full()))));
        out.put("resumed_before_render_job_s", Results.round(median(rounds, r -> beforeRenderJob(r.resumed()))));
        out.put("work_kept_share", Results.round(median(rounds, FaultsReport::workKept)));
        out.put("render_job_elapsed_at_kill_s", Results.round(median(rounds, r -> r.kill().renderJobElapsed())));
        out.put("ratio_if_all_work_before_the_kill_were_kept", Results.round(median(rounds,
                FaultsReport::ratioIfAllWorkKept)));
        ArrayNode samples = out.putArray("samples");
        for (ResumeRound r : rounds) {
            ObjectNode s = samples.addObject();
            s.put("ratio", Results.round(r.resumed().wallSeconds() / r.full().wallSeconds()));
            s.set("full", runFigures(r.full()));
            ((ObjectNode) s.get("full")).put("window_steps", r.full().manifest().at("/job/window_steps").asLong());
            ObjectNode kill = s.putObject("kill");
            kill.put("at_s", Results.round(r.kill().atSeconds()));
            kill.put("share_of_full_wall", Results.round(r.kill().atSeconds() / r.full().wallSeconds()));
            if (r.kill().renderJobStartedAt() >= 0) {
                kill.put("render_job_started_at_s", Results.round(r.kill().renderJobStartedAt()));
            } else {
                kill.putNull("render_job_started_at_s");
            }
            kill.put("render_job_elapsed_s", Results.round(r.kill().renderJobElapsed()));
            kill.put("share_of_full_render_job", Results.round(r.kill().renderJobElapsed()
                    / r.full().timing("render_job")));
            kill.put("console_at_kill", r.kill().consoleAtKill());
            ObjectNode area = kill.putObject("work_area");
            ArrayNode saved = area.putArray("codenoise_rounds_saved");
            r.kill().workArea().codenoiseRounds().forEach(saved::add);
            area.put("batch_checkpoints", r.kill().workArea().batchFiles());
            area.put("finished_segments", r.kill().workArea().segmentFiles());
            ObjectNode res = runFigures(r.resumed());
            res.put("resumed_after_sync_round", r.resumedAfterRound());
            ObjectNode job = res.putObject("job");
            JsonNode manifestJob = r.resumed().manifest().path("job");
            RESUME_COUNTERS.forEach(key -> job.put(key, manifestJob.path(key).asLong()));
            s.set("resumed", res);
            s.put("work_kept_share", Results.round(workKept(r)));
            s.put("ratio_if_all_work_before_the_kill_were_kept", Results.round(ratioIfAllWorkKept(r)));
            s.put("frames_equal", true); // FaultsBenchmark has failed otherwise
        }
        return out;
    }

    /** Full and resumed runs split into start-up before the render job, and the job with the stitch. */
    private CategoryChart timeSplit() {
        CategoryChart chart = Charts.bars("Full and resumed runs: where the wall time goes", "run", "seconds");
        chart.getStyler().setStacked(true);
        List<String> x = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        List<Double> rest = new ArrayList<>();
        Map<String, Function<ResumeRound, RenderProcess.Run>> runs = new LinkedHashMap<>();
        runs.put("full", ResumeRound::full);
        runs.put("resumed", ResumeRound::resumed);
        resumes.forEach((strategy, rounds) -> runs.forEach((name, run) -> {
            x.add(strategy + " " + name);
            before.add(median(rounds, r -> beforeRenderJob(run.apply(r))));
            rest.add(median(rounds, r -> run.apply(r).timing("render_job") + run.apply(r).timing("stitch")));
        }));
        chart.addSeries("start-up: JVM, Spark, ingest, plan", x, before);
        chart.addSeries("Spark render job and stitch", x, rest);
        return chart;
    }

    /**
     * {@code faults.png}: the lost executor's walls, the resume walls per strategy, and what
     * explains the resume ratios (kill time, work kept, the floor the start-up sets).
     */
    List<CategoryChart> charts() {
        List<CategoryChart> charts = new ArrayList<>();
        if (!undisturbed.isEmpty() && !killed.isEmpty()) {
            CategoryChart lost = Charts.bars(String.format("Lost executor, 2 workers: %.2fx (goal <= %.1f)",
                    lostExecutorRatio(), LOST_EXECUTOR_GOAL), "render", "seconds, median of " + killed.size());
            List<String> x = List.of("undisturbed", "executor killed");
            lost.addSeries("wall", x, List.of(median(undisturbed, RenderProcess.Run::wallSeconds),
                    median(killed, RenderProcess.Run::wallSeconds)));
            lost.addSeries("render job", x, List.of(median(undisturbed, r -> r.timing("render_job")),
                    median(killed, r -> r.timing("render_job"))));
            charts.add(lost);
        }
        if (!resumes.isEmpty()) {
            List<String> x = new ArrayList<>();
            List<Double> full = new ArrayList<>();
            List<Double> kill = new ArrayList<>();
            List<Double> resumed = new ArrayList<>();
            List<Double> killShare = new ArrayList<>();
            List<Double> kept = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            resumes.forEach((strategy, rounds) -> {
                x.add(String.format("%s: %.2fx", strategy, resumeRatio(strategy)));
                full.add(median(rounds, r -> r.full().wallSeconds()));
                kill.add(median(rounds, r -> r.kill().atSeconds()));
                resumed.add(median(rounds, r -> r.resumed().wallSeconds()));
                killShare.add(median(rounds, r -> r.kill().atSeconds() / r.full().wallSeconds()));
                kept.add(median(rounds, FaultsReport::workKept));
                floor.add(median(rounds, FaultsReport::ratioIfAllWorkKept));
                ratio.add(resumeRatio(strategy));
            });
            CategoryChart walls = Charts.bars(String.format("Resume after the driver was killed (goal <= %.1fx)",
                    RESUME_GOAL), "strategy: resumed / full", "seconds");
            walls.addSeries("full run", x, full);
            walls.addSeries("killed at", x, kill);
            walls.addSeries("resumed run", x, resumed);
            charts.add(walls);
            CategoryChart why = Charts.bars("Why: kill time, work kept, start-up floor", "strategy", "share");
            why.addSeries("kill / full wall", x, killShare);
            why.addSeries("window steps kept", x, kept);
            why.addSeries("ratio if all work before the kill were kept", x, floor);
            why.addSeries("resumed / full", x, ratio);
            why.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            charts.add(why);
            charts.add(timeSplit());
        }
        return charts;
    }
}
