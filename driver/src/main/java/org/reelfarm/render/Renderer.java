package org.reelfarm.render;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoSchedule;
import org.reelfarm.ingest.InputException;
import org.reelfarm.ingest.Inputs;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.ScriptReader;
import org.reelfarm.ingest.Shot;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelCache;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.output.FilmOutcome;
import org.reelfarm.output.LibraryReport;
import org.reelfarm.output.Manifest;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanException;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.storage.FilmStore;
import org.reelfarm.storage.StorageException;
import org.reelfarm.task.FilmTaskFailure;
import org.reelfarm.task.TaskSettings;

/**
 * A whole render run: read the scripts, plan the films, then admit them into the Spark work in
 * groups up to a budget of windows in flight ({@link Admission}), and stitch and commit each group's
 * films as soon as its job is done, while the next group is denoised. A film directory appears
 * only complete, and a killed run keeps every film it committed.
 *
 * <p>One input is one film: bad input fails the run before anything is written. Several inputs
 * (or a directory, or an {@code @list}) are a library: each bad film is reported and the others
 * go on; films already rendered with the same input, model and settings are skipped; {@code
 * DIR/library.json} lists every film.
 */
public final class Renderer {
    /** Groups of films in flight at once: one denoising while the one before finishes its rounds and commits. */
    static final int LANES = 2;
    private final RenderOptions options;
    private final PrintStream console;

    public Renderer(RenderOptions options, PrintStream console) {
        this.options = options;
        this.console = TerminalConsole.of(console);
    }

    /** The outcome of every film of the run. */
    public record Result(List<FilmOutcome> films) {
        public boolean anyFailed() {
            return films.stream().anyMatch(f -> f.status() == FilmOutcome.Status.FAILED);
        }
    }

    public Result render() {
        return new Run().render();
    }

    /** One run: what every phase shares. Not reused. */
    private final class Run {
        private final long t0 = System.nanoTime();
        private final SparkSessions.Lazy spark = new SparkSessions.Lazy(options.master(), options.maxRetries(),
                options.sparkConf());
        // s3a:// (any Hadoop URI) inputs are read with the session's Hadoop configuration.
        private final Inputs inputs = Inputs.expand(options.inputs(), () -> spark.get().sparkContext().hadoopConfiguration());
        private final boolean library = inputs.size() > 1;
        private final Model model = ModelCache.get(options.modelDir(), options.runtime(),
                () -> spark.get().sparkContext().hadoopConfiguration());
        private final ModelSpec spec = model.spec();
        /** Every setting, resolved once the model's defaults are known; the fields below are parts of it. */
        private final RenderSettings settings = RenderSettings.resolve(options, spec, options.modelDir());
        private final PlanSettings planSettings = settings.planSettings();
        private final Strategy strategy = settings.strategy();
        private final CoSchedule schedule = strategy == Strategy.CODENOISE ? schedule() : null;
        private FilmStore store;
        private LibraryLedger ledger;
        private IngestCache ingest;
        private ScriptReader.Library fresh; // the scripts when read anew

        Result render() {
            try {
                long tIngest = System.nanoTime();
                // The output is checked first: a store that cannot be used fails the run before any work.
                FilmStore.checkOutside(settings.out(), options.inputs());
                store = FilmStore.open(settings.out(), () -> spark.get().sparkContext().hadoopConfiguration());
                ledger = new LibraryLedger(store, library);
                ingest = new IngestCache(store, options.inputs(), model.hash());
                List<Script> scripts = read();
                long tPlan = System.nanoTime();
                RenderPlanner planner = new RenderPlanner(spec, model.vocabulary(), settings.segmentSeconds());
                Map<String, Object> recorded = settings.recorded(planner.segmentLatentFrames());
                List<PlannedFilm> planned = plan(scripts, settings.fingerprinted(planner.segmentLatentFrames()));
                if (planned.isEmpty()) {
                    if (library) {
                        console.println(ledger.count(FilmOutcome.Status.FAILED) > 0
                                ? "nothing to render" : "nothing new to render: every film is up to date");
                    }
                    return finish();
                }
                if (fresh != null) { // kept for a resume once the films are planned: a bad input writes nothing
                    ingest.write(fresh);
                }
                Map<String, Double> timings = new LinkedHashMap<>();
                timings.put("ingest", seconds(tPlan - tIngest));
                timings.put("plan", seconds(System.nanoTime() - tPlan));
                FilmCommitter committer = new FilmCommitter(new FilmCommitter.Context(settings, spec, model.hash(),
                        recorded, t0), store, ledger, console);
                new Lanes(planned, new JobAssembler(settings, planner, store, console), committer, timings).run();
                return finish();
            } finally {
                if (ledger != null) {
                    try {
                        ledger.discardWorking();
                        ingest.remove();
                    } catch (StorageException e) { // a store gone away: the run's own outcome stands
                        console.println("warning: the work area was not cleaned up (" + e.getMessage()
                                + "); the next run with --resume takes it up");
                    }
                }
                spark.stop();
            }
        }

        /**
         * The films in flight: {@link Admission} lets groups of films in, in order, within the budget
         * of windows; {@link #LANES} threads each run a group's Spark job and commit its films.
         */
        private final class Lanes {
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

            Lanes(List<PlannedFilm> planned, JobAssembler assembler, FilmCommitter committer,
                    Map<String, Double> timings) {
                this.planned = planned;
                this.assembler = assembler;
                this.committer = committer;
                this.timings = timings;
                int budget = InFlightBudget.of(settings, spec, spark.get().sparkContext());
                this.admission = new Admission(planned.stream().map(p -> p.plan().windows().size()).toList(), budget);
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
                JobResult job = runJob(group.films().stream().map(planned::get).toList(), jobGroup);
                Map<String, Double> jobTimings = new LinkedHashMap<>(timings);
                jobTimings.put("render_job", seconds(System.nanoTime() - tJob));
                for (FilmJob film : job.input().films()) {
                    try {
                        // In a library: "(films 3/100, 40 windows in flight, about 120 s left)".
                        committer.commit(film, job, jobTimings, () -> library ? ProgressListener.commitNote(admission
                                .progress(), ledger.count(FilmOutcome.Status.RENDERED), seconds(System.nanoTime() - begin))
                                : "");
                    } catch (RuntimeException e) {
                        if (!library) {
                            throw e;
                        }
                        ledger.failed(fail(film.name(), film.script().source(), "stitching failed: " + e.getMessage()));
                    }
                    shown.filmDone();
                }
            }

            /**
             * Runs the Spark job of one group. In a library, a film whose work keeps failing fails
             * alone: the job runs again for the others, keeping what they finished (their batches,
             * window states and segments are in the work area).
             */
            private JobResult runJob(List<PlannedFilm> films, String jobGroup) {
                SparkSession session = spark.get();
                Set<Integer> excluded = new HashSet<>(); // films that failed in an earlier attempt of the job
                JobAssembler.JobInput input = assembler.assemble(films, ledger.working(), excluded);
                CoDenoising.Settings co = schedule == null ? null : settings.coDenoising();
                while (true) {
                    TaskSettings taskSettings = settings.taskSettings(store.workRoot(),
                            settings.resume() || input.retry());
                    try {
                        RenderJob.Outcome outcome = strategy == Strategy.CODENOISE
                                ? RenderJob.codenoise(session, input.coWindows(), planSettings.batchSize(),
                                        input.segments(), input.reused(), excluded, taskSettings, co,
                                        new WindowStates(store, input.names()), jobConsole)
                                : RenderJob.independent(session, input.batches(), input.names(), input.segments(),
                                        input.reused(), excluded, taskSettings);
                        return new JobResult(outcome, input, progress.stagesCompleted(jobGroup), timeline.snapshot());
                    } catch (Exception e) { // Spark throws its checked SparkException undeclared
                        // The task's own exception is the cause of Spark's job-abort exception.
                        FilmTaskFailure failure = e instanceof SparkException
                                ? FilmTaskFailure.in(e).orElse(null) : null;
                        Set<Integer> failed = failure == null ? Set.of() : failure.films();
                        List<FilmJob> jobFilms = input.films();
                        if (!library || jobFilms.stream().noneMatch(f -> failed.contains(f.index()))
                                || jobFilms.stream().allMatch(f -> failed.contains(f.index()))) {
                            throw e;
                        }
                        for (FilmJob film : jobFilms) {
                            if (failed.contains(film.index())) {
                                ledger.failed(fail(film.name(), film.script().source(), "rendering failed after "
                                        + (settings.maxRetries() + 1) + " attempts: " + failure.reason()));
                                excluded.add(film.index());
                            }
                        }
                        input = assembler.assemble(films, ledger.working(), excluded);
                    }
                }
            }
        }

        private CoSchedule schedule() {
            CoSchedule s = settings.schedule();
            if (!spec.supportsConditioning()) {
                console.println("warning: model " + spec.name() + " does not support conditioning: codenoise fuses"
                        + " overlapping windows but cannot condition them on their neighbours, which smooths seams"
                        + " but does not stop drift");
            }
            return s;
        }

        /**
         * The scripts; in a library, a script that cannot be read is a failed film and the others go
         * on. With {@code --resume}, those an interrupted run read from the same inputs (no new ingest).
         */
        private List<Script> read() {
            ScriptReader.Library read = settings.resume() ? ingest.read() : null;
            if (read != null) {
                console.printf("%d scripts read by the interrupted run from the same inputs; no new ingest%n",
                        read.scripts().size());
            } else {
                ScriptReader reader = new ScriptReader(spark::get, model.vocabulary());
                read = library ? reader.readLibrary(inputs) : new ScriptReader.Library(reader.read(inputs), List.of());
                fresh = read;
            }
            read.failures().forEach(e -> ledger.add(fail(e.file(), e.file(), e.getMessage())));
            return read.scripts();
        }

        /**
         * Plans each film; skips those up to date (same fingerprint) unless {@code --force}. The
         * films to render, in film-index order.
         */
        private List<PlannedFilm> plan(List<Script> scripts, Map<String, Object> fingerprinted) {
            List<PlannedFilm> planned = new ArrayList<>();
            for (Script script : scripts) {
                try {
                    List<String> filmWarnings = vocabularyWarnings(script);
                    FilmPlan plan = FilmPlanner.plan(script, spec, planSettings);
                    RunFingerprint fingerprint = RunFingerprint.of(script, model.hash(), fingerprinted);
                    if (!settings.force() && upToDate(script, fingerprint)) {
                        console.printf("%s: up to date in %s (same input, model and settings); skipped, --force"
                                + " renders it again%n", script.name(), store.filmLocation(script.name()));
                        ledger.add(new FilmOutcome(script.name(), script.source(), FilmOutcome.Status.SKIPPED,
                                plan.outputFrames() / (double) spec.fps(), plan.outputFrames(), null));
                        continue;
                    }
                    planned.add(new PlannedFilm(script, plan, filmWarnings, fingerprint));
                } catch (InputException | PlanException e) {
                    if (!library) {
                        throw e;
                    }
                    ledger.add(fail(script.name(), script.source(), e.getMessage()));
                }
            }
            return planned;
        }

        private Result finish() {
            ledger.writeIndex();
            if (library) {
                console.printf("library: %d rendered, %d up to date, %d failed; see %s/%s%n",
                        ledger.count(FilmOutcome.Status.RENDERED), ledger.count(FilmOutcome.Status.SKIPPED),
                        ledger.count(FilmOutcome.Status.FAILED), store.location(), LibraryReport.FILE);
            }
            return new Result(ledger.outcomes());
        }

        /** Whether the committed film has a manifest with the same fingerprint. */
        private boolean upToDate(Script script, RunFingerprint fingerprint) {
            String manifest = store.manifest(script.name());
            if (manifest == null) {
                switch (store.unpublished(script.name())) {
                    case NONE -> { }
                    case HALF_PUBLISHED -> {
                        store.cleanUp(script.name());
                        console.printf("%s: removed the objects an interrupted run left in %s without a %s%n",
                                script.name(), store.filmLocation(script.name()), Manifest.FILE);
                    }
                    case FOREIGN -> throw new UsageException(store.filmLocation(script.name()) + " exists but has no "
                            + Manifest.FILE + "; it was not made by Reelfarm: move it away or use --force to replace it");
                }
                return false;
            }
            return fingerprint.sameAs(RunFingerprint.ofManifest(manifest));
        }

    }

    private FilmOutcome fail(String film, String input, String message) {
        console.println("error: " + message);
        return FilmOutcome.failed(film, input, message);
    }

    private List<String> vocabularyWarnings(Script script) {
        List<String> out = new ArrayList<>();
        for (Shot shot : script.shots()) {
            if (!shot.hasKnownWord()) {
                if (options.strictVocab()) {
                    throw new InputException(script.source(), shot.sourceLine(),
                            "the prompt of shot " + shot.id() + " has no word the model knows",
                            "use words from the model's vocabulary (colours, shapes, motions), or drop --strict-vocab");
                }
                out.add("shot " + shot.id() + " (line " + shot.sourceLine() + "): no known word; rendered unconditioned");
            } else if (!shot.unknownWords().isEmpty()) {
                out.add("shot " + shot.id() + " (line " + shot.sourceLine() + "): words the model does not know: "
                        + String.join(", ", shot.unknownWords()));
            }
        }
        out.forEach(w -> console.println("warning: " + script.name() + ": " + w));
        return out;
    }

    private static double seconds(long nanos) {
        return FilmCommitter.seconds(nanos);
    }
}
