package org.reelfarm.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoSchedule;
import org.reelfarm.codenoise.CoWindow;
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
import org.reelfarm.output.FilmSummary;
import org.reelfarm.output.JobStats;
import org.reelfarm.output.LibraryReport;
import org.reelfarm.output.Manifest;
import org.reelfarm.output.OutputStore;
import org.reelfarm.output.Report;
import org.reelfarm.output.Timeline;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanException;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.stitch.FilmAssembler;
import org.reelfarm.stitch.StitchedShot;
import org.reelfarm.task.BatchTask;
import org.reelfarm.task.Checkpoints;
import org.reelfarm.task.FilmTaskFailure;
import org.reelfarm.task.SegmentResult;
import org.reelfarm.task.SegmentTask;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    /** In a film's work directory: what the run is (input, model, settings), to resume only the same run. */
    static final String RESUME_FILE = "resume.txt";
    /** In a film's work directory: the window pieces of finished batches. */
    static final String WINDOWS = "windows";

    private final RenderSettings settings;
    private final PrintStream console;

    public Renderer(RenderSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /** The outcome of every film of the run. */
    public record Result(List<FilmOutcome> films) {
        public boolean anyFailed() {
            return films.stream().anyMatch(f -> f.status() == FilmOutcome.Status.FAILED);
        }
    }

    public Result render() {
        long t0 = System.nanoTime();
        List<Path> inputs = Inputs.expand(settings.inputs());
        boolean library = inputs.size() > 1;
        Model model = ModelCache.get(settings.modelDir(), settings.runtime());
        ModelSpec spec = model.spec();
        PlanSettings planSettings = PlanSettings.of(spec, settings.window(), settings.overlap(), settings.batchSize());
        int steps = settings.stepsFor(spec.defaultSteps());
        Strategy strategy = settings.strategy() != null ? settings.strategy()
                : Strategy.defaultFor(spec.supportsConditioning());
        CoSchedule schedule = null;
        if (strategy == Strategy.CODENOISE) {
            try {
                schedule = new CoSchedule(steps, settings.syncEveryOrDefault(), settings.staggerOrDefault());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (!spec.supportsConditioning()) {
                console.println("warning: model " + spec.name() + " does not support conditioning: codenoise fuses"
                        + " overlapping windows but cannot condition them on their neighbours, which smooths seams"
                        + " but does not stop drift");
            }
        }
        SparkSessions.Lazy lazySpark = new SparkSessions.Lazy(settings.master(), settings.maxRetries(), settings.sparkConf());
        List<FilmOutcome> outcomes = new ArrayList<>();
        List<String> working = new ArrayList<>();
        OutputStore store = null;
        try {
            long tIngest = System.nanoTime();
            ScriptReader reader = new ScriptReader(lazySpark::get, model.vocabulary());
            List<Script> scripts;
            if (library) {
                ScriptReader.Library read = reader.readLibrary(inputs);
                read.failures().forEach(e -> outcomes.add(fail(e.file(), e.file(), e.getMessage())));
                scripts = read.scripts();
            } else {
                scripts = reader.read(inputs);
            }
            SparkSession spark = lazySpark.get();
            store = OutputStore.open(settings.out(), spark.sparkContext().hadoopConfiguration());

            long tPlan = System.nanoTime();
            RenderPlanner planner = new RenderPlanner(spec, model.vocabulary(), settings.segmentSeconds());
            Map<String, Object> recorded = recordedSettings(strategy, schedule, planSettings, steps,
                    planner.segmentLatentFrames());
            List<Script> toRender = new ArrayList<>();
            List<FilmPlan> plans = new ArrayList<>();
            List<List<String>> warnings = new ArrayList<>();
            for (Script script : scripts) {
                try {
                    List<String> filmWarnings = vocabularyWarnings(script);
                    FilmPlan plan = FilmPlanner.plan(script, spec, planSettings);
                    if (!settings.force() && upToDate(store, script, model.hash(), recorded)) {
                        console.printf("%s: up to date in %s (same input, model and settings); skipped, --force"
                                + " renders it again%n", script.name(), store.filmLocation(script.name()));
                        outcomes.add(new FilmOutcome(script.name(), script.source(), FilmOutcome.Status.SKIPPED,
                                plan.outputFrames() / (double) spec.fps(), plan.outputFrames(), null));
                        continue;
                    }
                    toRender.add(script);
                    plans.add(plan);
                    warnings.add(filmWarnings);
                } catch (InputException | PlanException e) {
                    if (!library) {
                        throw e;
                    }
                    outcomes.add(fail(script.name(), script.source(), e.getMessage()));
                }
            }
            if (toRender.isEmpty()) {
                if (library) {
                    console.println(outcomes.stream().anyMatch(o -> o.status() == FilmOutcome.Status.FAILED)
                            ? "nothing to render" : "nothing new to render: every film is up to date");
                }
                return finish(store, library, outcomes);
            }

            String fingerprint = fingerprint(model.hash(), recorded);
            Set<Integer> excluded = new HashSet<>(); // films that failed in an earlier attempt of the job
            JobInput input = assemble(toRender, plans, planner, planSettings, steps, strategy, schedule, store,
                    fingerprint, working, excluded);
            List<FilmJob> films = input.films();
            long tJob = System.nanoTime();
            ProgressListener progress = new ProgressListener(console, strategy != Strategy.CODENOISE);
            spark.sparkContext().addSparkListener(progress);
            RenderJob.Outcome outcome;
            CoDenoising.Settings co = schedule == null ? null : new CoDenoising.Settings(schedule, settings.blend(),
                    planSettings.overlap(), spec.supportsConditioning(), planSettings.batchSize());
            try {
                while (true) {
                    TaskSettings taskSettings = new TaskSettings(model.dir().toString(), settings.runtime(),
                            settings.sampler(), steps, settings.blend(), planSettings.overlap(), settings.quality(),
                            settings.png(), store.workRoot(), settings.resume() || input.retry());
                    try {
                        outcome = strategy == Strategy.CODENOISE
                                ? RenderJob.codenoise(spark, input.coWindows(), planSettings.batchSize(),
                                        input.segments(), input.reused(), excluded, taskSettings, co,
                                        new WindowStates(store, input.names()), console)
                                : RenderJob.independent(spark, input.batches(), input.segments(), input.reused(),
                                        excluded, taskSettings);
                        break;
                    } catch (Exception e) { // Spark throws its checked SparkException undeclared
                        // A film whose work keeps failing fails alone: the others run again, keeping
                        // what they finished (their batches and segments are in the work area).
                        Set<Integer> failed = e instanceof SparkException
                                ? FilmTaskFailure.filmsIn(String.valueOf(e.getMessage())) : Set.of();
                        if (!library || films.stream().noneMatch(f -> failed.contains(f.index()))
                                || films.stream().allMatch(f -> failed.contains(f.index()))) {
                            throw e;
                        }
                        for (FilmJob film : films) {
                            if (failed.contains(film.index())) {
                                outcomes.add(fail(film.name(), film.script().source(), "rendering failed after "
                                        + (settings.maxRetries() + 1) + " attempts: " + FilmTaskFailure.causeOf(e,
                                                film.index())));
                                store.discard(film.name());
                                working.remove(film.name());
                                excluded.add(film.index());
                            }
                        }
                        input = assemble(toRender, plans, planner, planSettings, steps, strategy, schedule, store,
                                fingerprint, working, excluded);
                        films = input.films();
                    }
                }
            } finally {
                spark.sparkContext().removeSparkListener(progress);
            }
            long tStitch = System.nanoTime();
            JobStats job = new JobStats(strategy.cliName(), outcome.rounds(), progress.stagesCompleted(),
                    outcome.modelCalls(), outcome.windowSteps(),
                    strategy == Strategy.CODENOISE && spec.supportsConditioning(),
                    input.reusedWindows() + outcome.reusedWindows(), input.reused().size(), input.resumedWindows(),
                    input.resumedSteps());

            for (FilmJob film : films) {
                try {
                    long s0 = System.nanoTime();
                    List<SegmentResult> filmSegments = outcome.segments().stream()
                            .filter(r -> r.film() == film.index()).toList();
                    List<StitchedShot> shots = FilmAssembler.stitch(film, filmSegments, store, spec.temporalStride());
                    store.deleteWork(film.name(), "segments");
                    store.deleteWork(film.name(), WINDOWS);
                    store.deleteWork(film.name(), WindowStates.DIR);
                    store.deleteWork(film.name(), RESUME_FILE);
                    Map<String, Double> timings = new LinkedHashMap<>();
                    timings.put("ingest", seconds(tPlan - tIngest));
                    timings.put("plan", seconds(tJob - tPlan));
                    timings.put("render_job", seconds(tStitch - tJob));
                    timings.put("stitch", seconds(System.nanoTime() - s0));
                    timings.put("executor_denoise", seconds(outcome.denoiseNanos()));
                    timings.put("executor_blend", seconds(outcome.blendNanos()));
                    timings.put("executor_decode", seconds(outcome.decodeNanos()));
                    timings.put("executor_encode", seconds(outcome.encodeNanos()));
                    timings.put("executor_checkpoint", seconds(outcome.checkpointNanos()));
                    timings.put("total", seconds(System.nanoTime() - t0));
                    FilmSeams seams = FilmSeams.of(film.plan(), filmSegments, spec);
                    FilmSummary summary = new FilmSummary(film.script(), film.plan(), spec, model.hash(), recorded,
                            shots, timings, film.plan().modelCalls(steps), warnings.get(toRender.indexOf(film.script())), seams, job);
                    store.writeString(film.name(), Manifest.FILE, Manifest.toJson(summary));
                    store.writeString(film.name(), Timeline.FILE, Timeline.toJson(summary));
                    store.writeString(film.name(), Report.FILE, Report.toHtml(summary));
                    store.commit(film.name(), true);
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
            return finish(store, library, outcomes);
        } finally {
            if (store != null) {
                for (String name : working) {
                    store.discard(name);
                }
            }
            lazySpark.stop();
        }
    }

    /**
     * What one Spark job renders: the films to render, the segments of every film of the run (ids
     * stay those of the first attempt) and the windows of the films to render; what it takes from
     * an interrupted run or an earlier attempt: finished segments, windows whose segments are all
     * finished, and co-denoised windows taken up from their saved state (and the steps they had).
     */
    private record JobInput(List<FilmJob> films, List<SegmentTask> segments, List<BatchTask> batches,
            List<CoWindow> coWindows, List<SegmentResult> reused, int reusedWindows, int resumedWindows,
            long resumedSteps, boolean retry) {

        /** Film names by film index. */
        Map<Integer, String> names() {
            Map<Integer, String> out = new LinkedHashMap<>();
            films.forEach(f -> out.put(f.index(), f.name()));
            return out;
        }
    }

    /**
     * Plans the job of the given films but the {@code excluded} ones (failed in an earlier attempt;
     * a non-empty set makes this a retry). Finished work an interrupted run left, or an earlier
     * attempt, is reused with {@code --resume} or on a retry.
     */
    private JobInput assemble(List<Script> scripts, List<FilmPlan> plans, RenderPlanner planner,
            PlanSettings planSettings, int steps, Strategy strategy, CoSchedule schedule, OutputStore store,
            String fingerprint, List<String> working, Set<Integer> excluded) {
        boolean retry = !excluded.isEmpty();
        ModelSpec spec = planner.spec();
        List<FilmJob> films = new ArrayList<>();
        List<SegmentTask> segments = new ArrayList<>();
        List<BatchTask> batches = new ArrayList<>();
        List<CoWindow> coWindows = new ArrayList<>();
        List<SegmentResult> reused = new ArrayList<>();
        int reusedWindows = 0;
        int resumedWindows = 0;
        long resumedSteps = 0;
        for (int i = 0; i < scripts.size(); i++) {
            Script script = scripts.get(i);
            FilmPlan plan = plans.get(i);
            List<SegmentTask> filmSegments = planner.segments(i, plan, script.name(), segments.size());
            FilmJob film = new FilmJob(i, script, plan, filmSegments, script.name());
            segments.addAll(filmSegments);
            if (excluded.contains(i)) {
                continue;
            }
            // Segments an interrupted run finished are kept; only windows that feed the others run.
            Set<Integer> done = new HashSet<>();
            boolean resuming = retry || prepareWork(store, script, fingerprint);
            if (!working.contains(film.name())) {
                working.add(film.name()); // after prepareWork: a refused run leaves the leftovers alone
            }
            if (resuming) {
                for (SegmentTask segment : filmSegments) {
                    SegmentResult kept = Checkpoints.readResult(store.workRoot(), segment);
                    if (kept != null) {
                        reused.add(kept);
                        done.add(segment.id());
                    }
                }
            }
            if (strategy == Strategy.CODENOISE) {
                Set<Integer> shots = new HashSet<>();
                filmSegments.stream().filter(sg -> !done.contains(sg.id())).forEach(sg -> shots.add(sg.shot()));
                List<CoWindow> chains = planner.chains(film, settings.seed(), coWindows.size(), shots);
                reusedWindows += plan.windows().size() - chains.size();
                int round = resuming ? WindowStates.savedRound(store, film.name(), chains) : 0;
                if (round > 0) {
                    chains = chains.stream().map(w -> w.resumedAt(round)).toList();
                    resumedWindows += chains.size();
                    for (CoWindow w : chains) {
                        resumedSteps += schedule.firstStep(w.position(), round);
                    }
                    console.printf("%s: resuming co-denoising after sync round %d: %d windows taken up from their"
                            + " saved state%n", script.name(), round, chains.size());
                }
                coWindows.addAll(chains);
            } else {
                for (BatchTask batch : planner.batches(film, settings.seed(), batches.size(),
                        strategy == Strategy.SHARED_NOISE, planSettings.window())) {
                    if (Arrays.stream(batch.windows()).flatMap(w -> Arrays.stream(w.targets()))
                            .anyMatch(t -> !done.contains(t.segment()))) {
                        batches.add(batch);
                    } else {
                        reusedWindows += batch.windows().length;
                    }
                }
            }
            films.add(film);
            if (!retry) {
                console.printf("%s: %d shots, %.1f s, %d frames, %d windows in %d batches, %d model calls%n",
                        script.name(), script.shots().size(), plan.outputFrames() / (double) spec.fps(),
                        plan.outputFrames(), plan.windows().size(), plan.batches().size(), plan.modelCalls(steps));
            }
            if (!done.isEmpty()) {
                console.printf("%s: resuming: %d of %d segments were finished and are kept%n", script.name(),
                        done.size(), filmSegments.size());
            }
        }
        return new JobInput(films, segments, batches, coWindows, reused, reusedWindows, resumedWindows, resumedSteps,
                retry);
    }

    /**
     * Readies a film's work directory. Leftovers of an interrupted run with the same input, model
     * and settings are kept with {@code --resume} (returns true); without it the run stops and says
     * how to go on, unless {@code --force} starts afresh.
     */
    private boolean prepareWork(OutputStore store, Script script, String fingerprint) {
        String name = script.name();
        String left = store.readWorkFile(name, RESUME_FILE);
        String mine = script.sha256() + " " + fingerprint;
        if (left != null && !settings.force()) {
            if (!settings.resume()) {
                throw new UsageException(store.location() + "/" + OutputStore.WORK + "/" + name + " holds an interrupted"
                        + " render of " + name + "; add --resume to finish it (finished work is kept) or --force to"
                        + " start afresh");
            }
            if (left.strip().equals(mine)) {
                return true;
            }
            console.printf("%s: the interrupted render had another input, model or settings; starting afresh%n", name);
        }
        store.prepareWork(name);
        store.writeString(name, RESUME_FILE, mine + "\n");
        return false;
    }

    private static String fingerprint(String modelHash, Map<String, Object> recorded) {
        try {
            return modelHash + " " + JSON.writeValueAsString(new java.util.TreeMap<>(recorded));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private FilmOutcome fail(String film, String input, String message) {
        console.println("error: " + message);
        return FilmOutcome.failed(film, input, message);
    }

    private Result finish(OutputStore store, boolean library, List<FilmOutcome> outcomes) {
        if (library) {
            store.writeTop(LibraryReport.FILE, LibraryReport.toJson(outcomes));
            long rendered = outcomes.stream().filter(o -> o.status() == FilmOutcome.Status.RENDERED).count();
            long skipped = outcomes.stream().filter(o -> o.status() == FilmOutcome.Status.SKIPPED).count();
            long failed = outcomes.stream().filter(o -> o.status() == FilmOutcome.Status.FAILED).count();
            console.printf("library: %d rendered, %d up to date, %d failed; see %s/%s%n", rendered, skipped, failed,
                    store.location(), LibraryReport.FILE);
        }
        return new Result(outcomes);
    }

    /** Whether the committed film has a manifest with the same input, model and settings. */
    private static boolean upToDate(OutputStore store, Script script, String modelHash, Map<String, Object> recorded) {
        String manifest = store.readFilmFile(script.name(), Manifest.FILE);
        if (manifest == null) {
            if (store.filmExists(script.name())) {
                throw new UsageException(store.filmLocation(script.name()) + " exists but has no " + Manifest.FILE
                        + "; it was not made by Reelfarm: move it away or use --force to replace it");
            }
            return false;
        }
        try {
            JsonNode old = JSON.readTree(manifest);
            return script.sha256().equals(old.path("input").path("sha256").asText())
                    && modelHash.equals(old.path("model").path("sha256").asText())
                    // Through text, so 0 written as a long and read back as an int compare equal.
                    && JSON.readTree(JSON.writeValueAsString(new java.util.TreeMap<>(recorded))).equals(old.path("settings"));
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> vocabularyWarnings(Script script) {
        List<String> out = new ArrayList<>();
        for (Shot shot : script.shots()) {
            if (!shot.hasKnownWord()) {
                if (settings.strictVocab()) {
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

    private Map<String, Object> recordedSettings(Strategy strategy, CoSchedule schedule, PlanSettings plan, int steps,
            int segmentLatentFrames) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", settings.seed());
        out.put("strategy", strategy.cliName());
        if (schedule != null) {
            out.put("sync_every", schedule.syncEvery());
            out.put("stagger", schedule.stagger());
        }
        out.put("profile", settings.profile().cliName());
        out.put("window", plan.window());
        out.put("overlap", plan.overlap());
        out.put("batch", plan.batchSize());
        out.put("blend", settings.blend().cliName());
        out.put("steps", steps);
        out.put("sampler", settings.sampler().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        out.put("segment_latent_frames", segmentLatentFrames);
        out.put("crf", settings.quality().crf());
        out.put("preset", settings.quality().preset());
        out.put("png", settings.png());
        return out;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }
}
