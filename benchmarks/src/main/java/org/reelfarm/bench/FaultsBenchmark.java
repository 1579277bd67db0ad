package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;

/**
 * {@code bench faults} (issue 7): what a fault costs a render, all in one run so the ratios sit
 * side by side.
 *
 * <ol>
 *   <li><b>Lost executor</b>: on a Spark standalone cluster of {@value #WORKERS} Workers
 *       ({@link LocalCluster}), {@code --repeat} rounds of an undisturbed render and a render
 *       whose executor JVM is killed (SIGKILL) once an executor reports a sync round past the
 *       middle of the co-denoising. The film must come out with the undisturbed frames.
 *   <li><b>Resume</b>: on {@value #RESUME_MASTER}, for each strategy of {@link #STRATEGIES} and
 *       each round, a full render, then the same render with its driver JVM killed (SIGKILL) at
 *       {@link #KILL_SHARE} of that full render's wall time, then the same command with
 *       {@code --resume} over the leftovers. The resumed film must have the full film's frames.
 * </ol>
 *
 * Every render is a fresh JVM of a copy of the driver build taken when the benchmark starts
 * ({@link RenderProcess}), rendering one preview film of {@value #SHOTS} shots of 6 s
 * ({@code --quick}: {@value #SHOTS_QUICK}). The work area {@code DIR/faults/} (model, shot list,
 * the driver build, the cluster's state and logs, one directory per render) is replaced on every
 * run. A render that fails, a fault that comes too late (the render ended first) or a film with
 * other frames fails the benchmark.
 */
final class FaultsBenchmark {
    static final String NAME = "faults";
    static final String RESUME_MASTER = "local[2]";
    static final int WORKERS = 2;
    static final double KILL_SHARE = 0.5;
    static final int SHOTS = 10;
    static final int SHOTS_QUICK = 3;
    /**
     * The resume film: 10 minutes. A resumed run pays the start-up again (JVM, Spark, Spark NLP:
     * about 14 s here), so the saving can only show on a render that is long against it.
     */
    static final int RESUME_SHOTS = 100;
    /** Resume rounds of the default run: one (a round of the 10-minute film takes about 13 minutes). */
    static final int RESUME_ROUNDS = 1;
    static final List<String> STRATEGIES = List.of("codenoise", "independent");
    static final long POLL_MILLIS = 100;

    private final BenchOptions options;
    private final QuietMachine quiet;
    private final PrintStream log;

    FaultsBenchmark(BenchOptions options, PrintStream log) {
        this.options = options;
        this.quiet = new QuietMachine(options.maxWaitSeconds() * 1000L, log);
        this.log = log;
    }

    /** The resume part's film: 10 minutes, or the lost-executor film with {@code --quick}. */
    static PreviewFilm resumeFilm(boolean quick) {
        return quick ? film(true) : PreviewFilm.of("faults-" + Math.round(RESUME_SHOTS * PreviewFilm.SHOT_SECONDS) + "s",
                RESUME_SHOTS);
    }

    /** The lost-executor film: 60 s, or 18 s with {@code --quick}. */
    static PreviewFilm film(boolean quick) {
        int shots = quick ? SHOTS_QUICK : SHOTS;
        return PreviewFilm.of("faults-" + Math.round(shots * PreviewFilm.SHOT_SECONDS) + "s", shots);
    }

    JsonNode run(Path dir) throws IOException {
        Path work = dir.resolve(NAME);
        TempDirs.delete(work);
        Files.createDirectories(work);
        Path home = RenderProcess.findHome();
        RenderProcess farm = RenderProcess.snapshot(home, work.resolve("app"));
        Path modelDir = work.resolve("model");
        progress("exporting the reference model into %s", modelDir);
        ReferenceModelExport.inChildJvm(modelDir);
        ModelSpec spec = ModelSpec.read(modelDir);
        PreviewFilm film = film(options.quick());
        Path csv = film.writeCsv(work.resolve("films"));
        int windows = FilmPlanner.plan(film.name(), film.shots(), spec, PlanSettings.defaults(spec)).windows().size();

        FaultsReport report = new FaultsReport(Results.machine(), options.quick(), options.repeat());
        report.film("film", film, csv.toString(), windows);
        Renders renders = new Renders(farm, csv, film.name(), modelDir, work.resolve("runs"));
        lostExecutor(home, work, renders, report);

        PreviewFilm longFilm = resumeFilm(options.quick());
        Path longCsv = longFilm.writeCsv(work.resolve("films"));
        report.film("resume_film", longFilm, longCsv.toString(), FilmPlanner.plan(longFilm.name(), longFilm.shots(), spec,
                PlanSettings.defaults(spec)).windows().size());
        Renders resumeRenders = new Renders(farm, longCsv, longFilm.name(), modelDir, work.resolve("runs"));
        for (int round = 1; round <= Math.min(options.repeat(), RESUME_ROUNDS); round++) {
            for (String strategy : STRATEGIES) {
                report.resume(strategy, resume(resumeRenders, strategy, round));
            }
        }

        JsonNode json = report.json();
        Results.write(dir.resolve(NAME + ".json"), json);
        Charts.save(report.charts(), 2, dir.resolve(NAME + ".png"));
        progress("wrote %s and %s", dir.resolve(NAME + ".json"), dir.resolve(NAME + ".png"));
        return json;
    }

    /** What every render of the run shares: the build, the film, the model, where runs go. */
    private record Renders(RenderProcess farm, Path csv, String film, Path modelDir, Path runs) {
        RenderProcess.Running start(String label, String master, List<String> args) throws IOException {
            return farm.start(label, runs.resolve(label), csv, film, modelDir, master, RenderBenchmark.LAUNCHER_HEAP,
                    args);
        }
    }

    private void lostExecutor(Path home, Path work, Renders renders, FaultsReport report) throws IOException {
        progress("starting a Spark standalone cluster of %d workers", WORKERS);
        try (LocalCluster cluster = LocalCluster.start(home, work.resolve("cluster"), WORKERS)) {
            report.cluster(cluster.masterUrl(), WORKERS);
            QuietMachine quietCluster = new QuietMachine(options.maxWaitSeconds() * 1000L, log, cluster::cpuSeconds);
            for (int round = 1; round <= options.repeat(); round++) {
                String label = "cluster-undisturbed-" + round;
                quietCluster.await(label);
                progress("%s: rendering %s on %s", label, renders.film(), cluster.masterUrl());
                double cpu = cluster.cpuSeconds();
                RenderProcess.Run undisturbed;
                try (RenderProcess.Running running = renders.start(label, cluster.masterUrl(), List.of())) {
                    undisturbed = running.await();
                }
                report.undisturbed(undisturbed, cluster.cpuSeconds() - cpu);
                progress("%s: %.1f s wall, render_job %.1f s", label, undisturbed.wallSeconds(),
                        undisturbed.timing("render_job"));

                label = "cluster-executor-killed-" + round;
                quietCluster.await(label);
                progress("%s: rendering %s on %s, killing an executor mid-denoise", label, renders.film(),
                        cluster.masterUrl());
                cpu = cluster.cpuSeconds();
                Set<Path> before = new HashSet<>(cluster.executorLogs());
                RenderProcess.Run killed;
                ExecutorKilled at;
                try (RenderProcess.Running running = renders.start(label, cluster.masterUrl(), List.of())) {
                    at = killExecutorMidDenoise(cluster, running, before);
                    killed = running.await();
                }
                int executors = (int) cluster.executorLogs().stream().filter(l -> !before.contains(l)).count();
                FaultsReport.ExecutorKill kill = new FaultsReport.ExecutorKill(at.seconds(), at.round(), at.rounds(),
                        at.pid(), executors,
                        Files.readString(killed.dir().resolve(RenderProcess.STDERR)).contains("Lost executor"));
                report.killed(killed, cluster.cpuSeconds() - cpu, kill);
                progress("%s: executor %d killed at %.1f s (sync round %d of %d); %.1f s wall, render_job %.1f s", label,
                        kill.pid(), kill.atSeconds(), kill.atRound(), kill.rounds(), killed.wallSeconds(),
                        killed.timing("render_job"));
                RenderConsole.checkSameFrames(undisturbed, killed);
            }
        }
    }

    /** When an executor was killed (seconds after the driver started), at which sync round of how many, its PID. */
    private record ExecutorKilled(double seconds, int round, int rounds, long pid) {}

    /**
     * Waits until an executor of this render (a log not in {@code before}) reports a sync round
     * past the middle of the co-denoising, and kills it. Fails if the render ends first.
     */
    private static ExecutorKilled killExecutorMidDenoise(LocalCluster cluster,
            RenderProcess.Running running, Set<Path> before) throws IOException {
        OptionalInt rounds = OptionalInt.empty();
        while (running.isAlive()) {
            if (rounds.isEmpty()) {
                rounds = RenderConsole.syncRounds(running.stderrSoFar());
            }
            if (rounds.isPresent()) {
                int middle = rounds.getAsInt() / 2;
                for (Path executorLog : cluster.executorLogs()) {
                    int round = before.contains(executorLog) ? -1
                            : RenderConsole.latestExecutorRound(Files.readString(executorLog));
                    if (round >= middle) {
                        double at = running.elapsedSeconds();
                        long pid = cluster.killExecutor(executorLog);
                        return new ExecutorKilled(at, round, rounds.getAsInt(), pid);
                    }
                }
            }
            BenchLog.pause(POLL_MILLIS);
        }
        throw new BenchmarkFailure(running.dir().getFileName() + ": the render ended before an executor reported the"
                + " middle sync round; see " + running.dir().resolve(RenderProcess.STDERR));
    }

    /** One resume round of a strategy: full render, killed render, resumed render. */
    private FaultsReport.ResumeRound resume(Renders renders, String strategy, int round) throws IOException {
        List<String> args = List.of("--strategy", strategy);
        String label = strategy + "-full-" + round;
        quiet.await(label);
        progress("%s: rendering %s on %s", label, renders.film(), RESUME_MASTER);
        RenderProcess.Run full;
        try (RenderProcess.Running running = renders.start(label, RESUME_MASTER, args)) {
            full = running.await();
        }
        progress("%s: %.1f s wall, render_job %.1f s", label, full.wallSeconds(), full.timing("render_job"));

        label = strategy + "-killed-" + round;
        double killAt = KILL_SHARE * full.wallSeconds();
        quiet.await(label);
        progress("%s: rendering %s, killing the driver at %.1f s", label, renders.film(), killAt);
        FaultsReport.DriverKill kill;
        Path killedDir;
        try (RenderProcess.Running running = renders.start(label, RESUME_MASTER, args)) {
            kill = killDriverAt(running, killAt, renders.film());
            killedDir = running.dir();
        }
        progress("%s: killed at %.1f s, %.1f s into the render job; console: \"%s\"; work area: %s", label,
                kill.atSeconds(), kill.renderJobElapsed(), kill.consoleAtKill(), kill.workArea());

        label = strategy + "-resumed-" + round;
        Path resumedDir = Files.createDirectories(renders.runs().resolve(label));
        // --resume needs the same --out: the killed run's output moves to the resumed run's (a driver
        // killed before it planned the film left none, and the resumed run starts afresh).
        if (Files.exists(killedDir.resolve("out"))) {
            Files.move(killedDir.resolve("out"), resumedDir.resolve("out"));
        }
        quiet.await(label);
        progress("%s: rendering %s with --resume", label, renders.film());
        RenderProcess.Run resumed;
        try (RenderProcess.Running running = renders.start(label, RESUME_MASTER,
                List.of("--strategy", strategy, "--resume"))) {
            resumed = running.await();
        }
        RenderConsole.checkSameFrames(full, resumed);
        int after = RenderConsole.resumedAfterRound(Files.readString(resumedDir.resolve(RenderProcess.STDERR)));
        FaultsReport.ResumeRound result = new FaultsReport.ResumeRound(full, kill, resumed, after);
        progress("%s: %.1f s wall (%.2f of the full run), resumed after sync round %d, job %s", label,
                resumed.wallSeconds(), resumed.wallSeconds() / full.wallSeconds(), after, resumed.manifest().path("job"));
        return result;
    }

    /** Kills the render's driver JVM {@code at} seconds after it started; fails if it ends first or committed its film. */
    private static FaultsReport.DriverKill killDriverAt(RenderProcess.Running running, double at, String film)
            throws IOException {
        double jobStartedAt = -1;
        while (running.elapsedSeconds() < at) {
            if (jobStartedAt < 0 && RenderConsole.renderJobStarting(running.stderrSoFar())) {
                jobStartedAt = running.elapsedSeconds();
            }
            if (!running.isAlive()) {
                throw new BenchmarkFailure(running.dir().getFileName() + ": the render ended after "
                        + Math.round(running.elapsedSeconds()) + " s, before the driver could be killed at "
                        + Math.round(at) + " s; see " + running.dir().resolve(RenderProcess.STDERR));
            }
            BenchLog.pause(Math.min(POLL_MILLIS, Math.max(1, (long) ((at - running.elapsedSeconds()) * 1000))));
        }
        String console = running.stderrSoFar();
        double killedAt = running.elapsedSeconds();
        running.kill();
        Path out = running.dir().resolve("out");
        if (Files.exists(out.resolve(film).resolve("manifest.json"))) {
            throw new BenchmarkFailure(running.dir().getFileName() + ": the film was committed before the driver was"
                    + " killed at " + Math.round(killedAt) + " s");
        }
        if (jobStartedAt < 0 && RenderConsole.renderJobStarting(console)) {
            jobStartedAt = killedAt; // printed during the last pause
        }
        return new FaultsReport.DriverKill(killedAt, jobStartedAt, RenderConsole.lastLine(console),
                workArea(out.resolve(".reelfarm-work").resolve(film)));
    }

    /** What a killed render left in its film's work area. */
    static FaultsReport.WorkArea workArea(Path filmWork) throws IOException {
        List<String> rounds = list(filmWork.resolve("codenoise")).map(p -> p.getFileName().toString()).sorted().toList();
        long batches = list(filmWork.resolve("windows")).filter(p -> p.toString().endsWith(".bin")).count();
        long segments;
        if (Files.isDirectory(filmWork)) {
            try (Stream<Path> files = Files.walk(filmWork)) {
                segments = files.filter(p -> p.toString().endsWith(".result")).count();
            }
        } else {
            segments = 0;
        }
        return new FaultsReport.WorkArea(rounds, batches, segments);
    }

    private static Stream<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList().stream();
        }
    }

    private void progress(String format, Object... args) {
        BenchLog.line(log, "faults", format, args);
    }
}
