package org.reelfarm.render;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.reelfarm.ingest.InputException;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.ScriptReader;
import org.reelfarm.ingest.Shot;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelCache;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.output.FilmSummary;
import org.reelfarm.output.Manifest;
import org.reelfarm.output.OutputStore;
import org.reelfarm.output.Report;
import org.reelfarm.output.Timeline;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.stitch.FilmAssembler;
import org.reelfarm.stitch.StitchedShot;
import org.reelfarm.task.BatchTask;
import org.reelfarm.task.SegmentResult;
import org.reelfarm.task.SegmentTask;
import org.reelfarm.task.TaskSettings;

/**
 * A whole render run: read the scripts, plan the films, run the Spark job, stitch and commit each
 * film. Bad input is reported before anything is written; a film directory appears only
 * complete.
 */
public final class Renderer {
    private final RenderSettings settings;
    private final PrintStream console;

    public Renderer(RenderSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    public List<FilmSummary> render() {
        if (!settings.strategy().available()) {
            throw new UsageException("--strategy " + settings.strategy().cliName()
                    + " is not available in this version; use --strategy independent");
        }
        long t0 = System.nanoTime();
        Model model = ModelCache.get(settings.modelDir(), settings.runtime());
        ModelSpec spec = model.spec();
        PlanSettings planSettings = PlanSettings.of(spec, settings.window(), settings.overlap(), settings.batchSize());
        int steps = settings.stepsFor(spec.defaultSteps());
        SparkSessions.Lazy lazySpark = new SparkSessions.Lazy(settings.master(), settings.maxRetries(), settings.sparkConf());
        List<String> working = new ArrayList<>();
        OutputStore store = null;
        try {
            long tIngest = System.nanoTime();
            List<Script> scripts = new ScriptReader(lazySpark::get, model.vocabulary())
                    .read(settings.inputs().stream().map(Path::of).toList());
            SparkSession spark = lazySpark.get();
            checkNames(scripts);
            List<List<String>> warnings = new ArrayList<>();
            for (Script script : scripts) {
                warnings.add(vocabularyWarnings(script));
            }
            long tPlan = System.nanoTime();
            List<FilmPlan> plans = new ArrayList<>();
            for (Script script : scripts) {
                plans.add(FilmPlanner.plan(script, spec, planSettings));
            }
            store = OutputStore.open(settings.out(), spark.sparkContext().hadoopConfiguration());
            for (Script script : scripts) {
                if (store.filmExists(script.name()) && !settings.force()) {
                    throw new UsageException(store.filmLocation(script.name()) + " already exists; use --force to"
                            + " replace it, or choose another --out");
                }
            }
            RenderPlanner planner = new RenderPlanner(spec, model.vocabulary(), settings.segmentSeconds());
            List<FilmJob> films = new ArrayList<>();
            List<SegmentTask> segments = new ArrayList<>();
            List<BatchTask> batches = new ArrayList<>();
            for (int i = 0; i < scripts.size(); i++) {
                Script script = scripts.get(i);
                List<SegmentTask> filmSegments = planner.segments(i, plans.get(i), script.name(), segments.size());
                FilmJob film = new FilmJob(i, script, plans.get(i), filmSegments, script.name());
                segments.addAll(filmSegments);
                batches.addAll(planner.batches(film, settings.seed(), batches.size()));
                films.add(film);
                console.printf("%s: %d shots, %.1f s, %d frames, %d windows in %d batches, %d model calls%n",
                        script.name(), script.shots().size(), plans.get(i).outputFrames() / (double) spec.fps(),
                        plans.get(i).outputFrames(), plans.get(i).windows().size(), plans.get(i).batches().size(),
                        plans.get(i).modelCalls(steps));
            }
            for (FilmJob film : films) {
                store.prepareWork(film.name());
                working.add(film.name());
            }
            TaskSettings taskSettings = new TaskSettings(model.dir().toString(), settings.runtime(), settings.sampler(),
                    steps, settings.blend(), planSettings.overlap(), settings.quality(), settings.png(), store.workRoot());

            long tJob = System.nanoTime();
            ProgressListener progress = new ProgressListener(console);
            spark.sparkContext().addSparkListener(progress);
            RenderJob.Outcome outcome;
            try {
                outcome = RenderJob.run(spark, batches, segments, taskSettings);
            } finally {
                spark.sparkContext().removeSparkListener(progress);
            }
            long tStitch = System.nanoTime();

            Map<String, Object> recorded = recordedSettings(planSettings, steps, planner.segmentLatentFrames());
            List<FilmSummary> summaries = new ArrayList<>();
            for (FilmJob film : films) {
                long s0 = System.nanoTime();
                List<SegmentResult> filmSegments = outcome.segments().stream().filter(r -> r.film() == film.index()).toList();
                List<StitchedShot> shots = FilmAssembler.stitch(film, filmSegments, store, spec.temporalStride());
                store.deleteWork(film.name(), "segments");
                Map<String, Double> timings = new LinkedHashMap<>();
                timings.put("ingest", seconds(tPlan - tIngest));
                timings.put("plan", seconds(tJob - tPlan));
                timings.put("render_job", seconds(tStitch - tJob));
                timings.put("stitch", seconds(System.nanoTime() - s0));
                timings.put("executor_denoise", seconds(outcome.denoiseNanos()));
                timings.put("executor_blend", seconds(outcome.blendNanos()));
                timings.put("executor_decode", seconds(outcome.decodeNanos()));
                timings.put("executor_encode", seconds(outcome.encodeNanos()));
                timings.put("total", seconds(System.nanoTime() - t0));
                FilmSummary summary = new FilmSummary(film.script(), film.plan(), spec, model.hash(), recorded, shots,
                        timings, film.plan().modelCalls(steps), warnings.get(film.index()));
                store.writeString(film.name(), Manifest.FILE, Manifest.toJson(summary));
                store.writeString(film.name(), Timeline.FILE, Timeline.toJson(summary));
                store.writeString(film.name(), Report.FILE, Report.toHtml(summary));
                store.commit(film.name(), settings.force());
                working.remove(film.name());
                summaries.add(summary);
                console.printf("rendered %s: %s/%s (%d frames, %.1f s of film) in %.1f s%n", film.name(),
                        store.filmLocation(film.name()), FilmAssembler.FILM_FILE, summary.frames(), summary.durationSeconds(),
                        seconds(System.nanoTime() - t0));
            }
            return summaries;
        } finally {
            if (store != null) {
                for (String name : working) {
                    store.discard(name);
                }
            }
            lazySpark.stop();
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

    private static void checkNames(List<Script> scripts) {
        Set<String> names = new HashSet<>();
        for (Script script : scripts) {
            if (!names.add(script.name())) {
                throw new UsageException("two inputs would both render to a film named \"" + script.name()
                        + "\" (" + script.source() + "); rename one of them");
            }
        }
    }

    private Map<String, Object> recordedSettings(PlanSettings plan, int steps, int segmentLatentFrames) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", settings.seed());
        out.put("strategy", settings.strategy().cliName());
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
