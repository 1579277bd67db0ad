package org.reelfarm.render;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.reelfarm.output.FilmSeams;
import org.reelfarm.output.FilmShot;
import org.reelfarm.output.FilmSummary;
import org.reelfarm.output.JobStats;
import org.reelfarm.output.JobTimeline;
import org.reelfarm.output.LibraryIndex;
import org.reelfarm.output.LibraryReport;
import org.reelfarm.output.Manifest;
import org.reelfarm.output.Report;
import org.reelfarm.output.Timeline;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanException;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.stitch.FilmAssembler;
import org.reelfarm.stitch.StitchedShot;
import org.reelfarm.storage.FilmStore;
import org.reelfarm.task.FilmTaskFailure;
import org.reelfarm.task.SegmentResult;
import org.reelfarm.task.TaskSettings;

/**
 * A whole render run: read the scripts, plan the films, run one Spark job for all of them, then
 * stitch and commit each film. A film directory appears only complete.
 *
 * <p>One input is one film: bad input fails the run before anything is written. Several inputs
 * (or a directory, or an {@code @list}) are a library: each bad film is reported and the others
 * go on; films already rendered with the same input, model and settings are skipped; {@code
 * DIR/library.json} lists every film.
 */
public final class Renderer {
    private final RenderOptions options;
    private final PrintStream console;

    public Renderer(RenderOptions options, PrintStream console) {
        this.options = options;
        this.console = console;
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

    /** The Spark job's outcome and the input of its last (successful) attempt. */
    private record Job(RenderJob.Outcome outcome, JobAssembler.JobInput input, int stages, JobTimeline timeline) {}

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
        private final int steps = settings.steps();
        private final Strategy strategy = settings.strategy();
        private final CoSchedule schedule = strategy == Strategy.CODENOISE ? schedule() : null;
        private final List<FilmOutcome> outcomes = new ArrayList<>();
        private final Map<String, byte[]> posters = new HashMap<>(); // film -> a thumbnail, for the library index
        /** Films whose work directory this run owns and has not committed: discarded if the run fails. */
        private final List<String> working = new ArrayList<>();
        private FilmStore store;

        Result render() {
            try {
                long tIngest = System.nanoTime();
                // The output is checked first: a store that cannot be used fails the run before any work.
                FilmStore.checkOutside(settings.out(), options.inputs());
                store = FilmStore.open(settings.out(), spark.get().sparkContext().hadoopConfiguration());
                List<Script> scripts = read();
                long tPlan = System.nanoTime();
                RenderPlanner planner = new RenderPlanner(spec, model.vocabulary(), settings.segmentSeconds());
                Map<String, Object> recorded = recordedSettings(planner.segmentLatentFrames());
                List<PlannedFilm> planned = plan(scripts, settings.fingerprinted(planner.segmentLatentFrames()));
                if (planned.isEmpty()) {
                    if (library) {
                        console.println(outcomes.stream().anyMatch(o -> o.status() == FilmOutcome.Status.FAILED)
                                ? "nothing to render" : "nothing new to render: every film is up to date");
                    }
                    return finish();
                }
                long tJob = System.nanoTime();
                Job job = runJob(planned, new JobAssembler(settings, planner, store, console));
                long tStitch = System.nanoTime();
                Map<String, Double> timings = new LinkedHashMap<>();
                timings.put("ingest", seconds(tPlan - tIngest));
                timings.put("plan", seconds(tJob - tPlan));
                timings.put("render_job", seconds(tStitch - tJob));
                for (FilmJob film : job.input().films()) {
                    commit(film, job, recorded, timings);
                }
                return finish();
            } finally {
                if (store != null) {
                    for (String name : working) {
                        store.discard(name);
                    }
                }
                spark.stop();
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

        /** The scripts; in a library, a script that cannot be read is a failed film and the others go on. */
        private List<Script> read() {
            ScriptReader reader = new ScriptReader(spark::get, model.vocabulary());
            if (!library) {
                return reader.read(inputs);
            }
            ScriptReader.Library read = reader.readLibrary(inputs);
            read.failures().forEach(e -> outcomes.add(fail(e.file(), e.file(), e.getMessage())));
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
                        outcomes.add(new FilmOutcome(script.name(), script.source(), FilmOutcome.Status.SKIPPED,
                                plan.outputFrames() / (double) spec.fps(), plan.outputFrames(), null));
                        continue;
                    }
                    planned.add(new PlannedFilm(script, plan, filmWarnings, fingerprint));
                } catch (InputException | PlanException e) {
                    if (!library) {
                        throw e;
                    }
                    outcomes.add(fail(script.name(), script.source(), e.getMessage()));
                }
            }
            return planned;
        }

        /**
         * Runs the Spark job. In a library, a film whose work keeps failing fails alone: the job
         * runs again for the others, keeping what they finished (their batches, window states and
         * segments are in the work area).
         */
        private Job runJob(List<PlannedFilm> planned, JobAssembler assembler) {
            SparkSession session = spark.get();
            Set<Integer> excluded = new HashSet<>(); // films that failed in an earlier attempt of the job
            JobAssembler.JobInput input = assembler.assemble(planned, working, excluded);
            CoDenoising.Settings co = schedule == null ? null : settings.coDenoising();
            ProgressListener progress = new ProgressListener(console, strategy != Strategy.CODENOISE);
            session.sparkContext().addSparkListener(progress);
            TaskTimeline timeline = new TaskTimeline();
            session.sparkContext().addSparkListener(timeline);
            try {
                while (true) {
                    TaskSettings taskSettings = settings.taskSettings(store.workRoot(),
                            settings.resume() || input.retry());
                    try {
                        RenderJob.Outcome outcome = strategy == Strategy.CODENOISE
                                ? RenderJob.codenoise(session, input.coWindows(), planSettings.batchSize(),
                                        input.segments(), input.reused(), excluded, taskSettings, co,
                                        new WindowStates(store, input.names()), console)
                                : RenderJob.independent(session, input.batches(), input.names(), input.segments(),
                                        input.reused(), excluded, taskSettings);
                        return new Job(outcome, input, progress.stagesCompleted(), timeline.snapshot());
                    } catch (Exception e) { // Spark throws its checked SparkException undeclared
                        // The task's own exception is the cause of Spark's job-abort exception.
                        FilmTaskFailure failure = e instanceof SparkException
                                ? FilmTaskFailure.in(e).orElse(null) : null;
                        Set<Integer> failed = failure == null ? Set.of() : failure.films();
                        List<FilmJob> films = input.films();
                        if (!library || films.stream().noneMatch(f -> failed.contains(f.index()))
                                || films.stream().allMatch(f -> failed.contains(f.index()))) {
                            throw e;
                        }
                        for (FilmJob film : films) {
                            if (failed.contains(film.index())) {
                                outcomes.add(fail(film.name(), film.script().source(), "rendering failed after "
                                        + (settings.maxRetries() + 1) + " attempts: " + failure.reason()));
                                store.discard(film.name());
                                working.remove(film.name());
                                excluded.add(film.index());
                            }
                        }
                        input = assembler.assemble(planned, working, excluded);
                    }
                }
            } finally {
                session.sparkContext().removeSparkListener(progress);
                session.sparkContext().removeSparkListener(timeline);
            }
        }

        /** Stitches a film, writes its manifest, timeline and report, and moves it into place. */
        private void commit(FilmJob film, Job job, Map<String, Object> recorded, Map<String, Double> jobTimings) {
            RenderJob.Outcome outcome = job.outcome();
            JobAssembler.JobInput input = job.input();
            try {
                long s0 = System.nanoTime();
                List<SegmentResult> filmSegments = outcome.segments().stream()
                        .filter(r -> r.film() == film.index()).toList();
                store.beginPublish(film.name());
                List<StitchedShot> stitched = FilmAssembler.stitch(film.name(), film.plan(), filmSegments, store,
                        spec.temporalStride());
                Map<String, Double> timings = new LinkedHashMap<>(jobTimings);
                timings.put("stitch", seconds(System.nanoTime() - s0));
                timings.put("executor_denoise", seconds(outcome.denoiseNanos()));
                timings.put("executor_blend", seconds(outcome.blendNanos()));
                timings.put("executor_decode", seconds(outcome.decodeNanos()));
                timings.put("executor_encode", seconds(outcome.encodeNanos()));
                timings.put("executor_checkpoint", seconds(outcome.checkpointNanos()));
                timings.put("total", seconds(System.nanoTime() - t0));
                JobStats stats = new JobStats(strategy.cliName(), outcome.rounds(), job.stages(), outcome.modelCalls(),
                        outcome.windowSteps(), strategy == Strategy.CODENOISE && spec.supportsConditioning(),
                        input.reusedWindows() + outcome.reusedWindows(), input.reused().size(),
                        input.resumedWindows(), input.resumedSteps());
                List<FilmShot> shots = FilmShot.of(film.script(), film.plan(), stitched,
                        FilmSeams.score(film.plan(), filmSegments, spec));
                FilmSummary summary = new FilmSummary(film.script(), film.plan(), spec, model.hash(), recorded,
                        shots, timings, film.plan().modelCalls(steps), film.planned().warnings(), stats);
                Map<Long, byte[]> thumbnails = thumbnails(filmSegments);
                thumbnails.keySet().stream().sorted().skip(1).findFirst()
                        .ifPresent(frame -> posters.put(film.name(), thumbnails.get(frame)));
                // The manifest goes last: a film counts as done only once it is there.
                store.publish(film.name(), Map.of(Timeline.FILE, Timeline.toJson(summary),
                        Report.FILE, Report.toHtml(summary, thumbnails, job.timeline())), Manifest.toJson(summary));
                working.remove(film.name());
                outcomes.add(new FilmOutcome(film.name(), film.script().source(), FilmOutcome.Status.RENDERED,
                        summary.durationSeconds(), summary.frames(), null));
                console.printf("rendered %s: %s/%s (%d frames, %.1f s of film) in %.1f s%n", film.name(),
                        store.filmLocation(film.name()), FilmAssembler.FILM_FILE, summary.frames(),
                        summary.durationSeconds(), seconds(System.nanoTime() - t0));
            } catch (RuntimeException e) {
                if (!library) {
                    throw e;
                }
                store.discard(film.name());
                working.remove(film.name());
                outcomes.add(fail(film.name(), film.script().source(), "stitching failed: " + e.getMessage()));
            }
        }

        private static Map<Long, byte[]> thumbnails(List<SegmentResult> segments) {
            Map<Long, byte[]> out = new HashMap<>();
            segments.forEach(s -> java.util.Arrays.stream(s.thumbnails()).forEach(t -> out.put(t.frame(), t.jpeg())));
            return out;
        }

        private Result finish() {
            if (library) {
                store.writeLibrary(LibraryReport.toJson(outcomes));
                store.writeTop(LibraryIndex.FILE, LibraryIndex.toHtml(outcomes, posters));
                long rendered = outcomes.stream().filter(o -> o.status() == FilmOutcome.Status.RENDERED).count();
                long skipped = outcomes.stream().filter(o -> o.status() == FilmOutcome.Status.SKIPPED).count();
                long failed = outcomes.stream().filter(o -> o.status() == FilmOutcome.Status.FAILED).count();
                console.printf("library: %d rendered, %d up to date, %d failed; see %s/%s%n", rendered, skipped,
                        failed, store.location(), LibraryReport.FILE);
            }
            return new Result(outcomes);
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

        private Map<String, Object> recordedSettings(int segmentLatentFrames) {
            return settings.recorded(segmentLatentFrames);
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
        return Math.round(nanos / 1e6) / 1e3;
    }
}
