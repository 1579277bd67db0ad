package org.reelfarm.render;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoSchedule;
import org.reelfarm.errors.UserException;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.output.FilmOutcome;
import org.reelfarm.storage.FilmStore;
import org.reelfarm.task.FilmTaskFailure;
import org.reelfarm.task.TaskSettings;

/**
 * The films in flight of one run: {@link Admission} lets groups of films in, in order, within the
 * budget of windows; {@link #LANES} threads each run a group's Spark job and commit its films. In
 * a library a film whose work keeps failing fails alone, and the others go on.
 */
final class Lanes {
    /** Groups of films in flight at once: one denoising while the one before finishes its rounds and commits. */
    static final int LANES = 2;

    /** What the lanes share with their run. */
    record Run(RenderSettings settings, ModelSpec spec, SparkSessions.Lazy spark, PrintStream console,
            FilmStore store, LibraryLedger ledger, boolean library, CoSchedule schedule) {}

    private final RenderSettings settings;
    private final ModelSpec spec;
    private final SparkSessions.Lazy spark;
    private final PrintStream console;
    private final FilmStore store;
    private final LibraryLedger ledger;
    private final boolean library;
    private final CoSchedule schedule;

    private final List<PlannedFilm> planned;
    private final JobAssembler assembler;
    private final FilmCommitter committer;
    private final Map<String, Double> timings;
    private final Admission admission;
    private final RenderProgress shown;
    private final ProgressListener progress;
    private final PrintStream jobConsole; // a job's sync rounds, for one group only
    private final TaskTimeline timeline = new TaskTimeline();
    private final long begin = System.nanoTime();

    Lanes(Run run, List<PlannedFilm> planned, JobAssembler assembler, FilmCommitter committer,
            Map<String, Double> timings) {
        this.settings = run.settings();
        this.spec = run.spec();
        this.spark = run.spark();
        this.console = run.console();
        this.store = run.store();
        this.ledger = run.ledger();
        this.library = run.library();
        this.schedule = run.schedule();
        this.planned = planned;
        this.assembler = assembler;
        this.committer = committer;
        this.timings = timings;
        int budget = InFlightBudget.of(settings, spec, spark.get().sparkContext());
        // A library with films already committed has shown its first: no film goes alone.
        this.admission = new Admission(planned.stream().map(p -> p.plan().windows().size()).toList(), budget,
                ledger.count(FilmOutcome.Status.SKIPPED) == 0);
        this.shown = RenderProgress.start(console, planned.size(),
                planned.stream().mapToLong(p -> p.plan().windowSteps(settings.steps())).sum());
        this.progress = new ProgressListener(shown);
        this.jobConsole = admission.groups().size() > 1 ? new PrintStream(OutputStream.nullOutputStream()) : console;
        if (admission.groups().size() > 1) {
            console.printf("%d films in %d groups, up to %d windows in flight (--max-in-flight)%n",
                    planned.size(), admission.groups().size(), budget);
        }
    }

    void run() {
        SparkSession session = spark.get();
        session.sparkContext().addSparkListener(progress);
        session.sparkContext().addSparkListener(timeline);
        ExecutorService lanes = Executors.newFixedThreadPool(LANES, r -> {
            Thread t = new Thread(r, "reelfarm-lane");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < Math.min(LANES, admission.groups().size()); i++) {
                running.add(lanes.submit(() -> {
                    Admission.Group group;
                    while ((group = admission.next()) != null) {
                        try {
                            renderGroup(group);
                        } finally {
                            admission.done(group);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> lane : running) {
                await(lane, session);
            }
        } finally {
            lanes.shutdownNow();
            shown.close();
            session.sparkContext().removeSparkListener(progress);
            session.sparkContext().removeSparkListener(timeline);
        }
    }

    /** Waits for a lane; if it failed, the other lanes' jobs are cancelled and its failure is thrown. */
    private void await(Future<?> lane, SparkSession session) {
        try {
            lane.get();
        } catch (ExecutionException e) {
            session.sparkContext().cancelAllJobs();
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", e);
        }
    }

    private void renderGroup(Admission.Group group) {
        String jobGroup = "films-" + group.number();
        spark.get().sparkContext().setJobGroup(jobGroup, "films " + planned.get(group.films().get(0)).name()
                + (group.films().size() > 1 ? " .. " + planned.get(group.films().get(group.films().size() - 1))
                        .name() : ""), false);
        long tJob = System.nanoTime();
        Optional<JobResult> result = runJob(group.films().stream().map(planned::get).toList(), jobGroup);
        if (result.isEmpty()) {
            return; // every film of the group failed, and each has its error line
        }
        JobResult job = result.get();
        Map<String, Double> jobTimings = new LinkedHashMap<>(timings);
        jobTimings.put("render_job", FilmCommitter.seconds(System.nanoTime() - tJob));
        for (FilmJob film : job.input().films()) {
            try {
                // In a library: "(films 3/100, 40 windows in flight, about 120 s left)".
                committer.commit(film, job, jobTimings, () -> library
                        ? ProgressListener.commitNote(admission.progress(), ledger.count(FilmOutcome.Status.RENDERED),
                                FilmCommitter.seconds(System.nanoTime() - begin))
                        : "");
            } catch (RuntimeException e) {
                if (!library) {
                    throw e;
                }
                ledger.failed(Renderer.fail(console, film.name(), film.script().source(),
                        "stitching failed: " + e.getMessage()));
            }
            shown.filmDone();
        }
    }

    /**
     * Runs the Spark job of one group. In a library, a film whose work keeps failing fails
     * alone: the job runs again for the others, keeping what they finished (their batches,
     * window states and segments are in the work area). Empty when every film of the group
     * failed so (a group of one film, say): the other groups go on.
     */
    private Optional<JobResult> runJob(List<PlannedFilm> films, String jobGroup) {
        SparkSession session = spark.get();
        Set<Integer> excluded = new HashSet<>(); // films that failed in an earlier attempt of the job
        JobAssembler.JobInput input = assembler.assemble(films, ledger.working(), excluded);
        CoDenoising.Settings co = schedule == null ? null : settings.coDenoising();
        while (true) {
            TaskSettings taskSettings = settings.taskSettings(store.workRoot(),
                    settings.resume() || input.retry());
            try {
                RenderJob.Outcome outcome = settings.strategy() == Strategy.CODENOISE
                        ? RenderJob.codenoise(session, input.coWindows(), settings.planSettings().batchSize(),
                                input.segments(), input.reused(), excluded, taskSettings, co,
                                new WindowStates(store, input.names()), jobConsole)
                        : RenderJob.independent(session, input.batches(), input.names(), input.segments(),
                                input.reused(), excluded, taskSettings);
                ProgressListener.settle(session.sparkContext());
                return Optional.of(new JobResult(outcome, input, progress.stagesCompleted(jobGroup),
                        progress.taskSeconds(jobGroup), timeline.snapshot()));
            } catch (Exception e) { // Spark throws its checked SparkException undeclared
                // The task's own exception is the cause of Spark's job-abort exception.
                FilmTaskFailure failure = e instanceof SparkException
                        ? FilmTaskFailure.in(e).orElse(null) : null;
                Set<Integer> failed = failure == null ? Set.of() : failure.films();
                List<FilmJob> jobFilms = input.films();
                // A user's mistake (the store gone, a model the device cannot run) is the run's
                // error: every film after would fail the same way.
                if (!library || UserException.in(e).isPresent()
                        || jobFilms.stream().noneMatch(f -> failed.contains(f.index()))) {
                    throw e;
                }
                for (FilmJob film : jobFilms) {
                    if (failed.contains(film.index())) {
                        ledger.failed(Renderer.fail(console, film.name(), film.script().source(),
                                "rendering failed after " + (settings.maxRetries() + 1) + " attempts: "
                                        + failure.reason()));
                        excluded.add(film.index());
                        shown.filmDone(); // a failed film is finished too: the count reaches the run's total
                    }
                }
                if (jobFilms.stream().allMatch(f -> failed.contains(f.index()))) {
                    return Optional.empty();
                }
                input = assembler.assemble(films, ledger.working(), excluded);
            }
        }
    }
}
