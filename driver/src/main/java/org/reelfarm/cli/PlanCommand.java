package org.reelfarm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reelfarm.ingest.Inputs;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.ScriptReader;
import org.reelfarm.ingest.Shot;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelCache;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.plan.Batch;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.plan.ShotSpan;
import org.reelfarm.plan.Window;
import org.reelfarm.render.Profile;
import org.reelfarm.render.RenderSettings;
import org.reelfarm.render.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reelfarm plan INPUT... [--json]}: what a render would do, without rendering. Like
 * {@code render}, several inputs are a library: every readable script is planned, each one that
 * cannot be read gets an {@code error:} line on standard error, and the exit code is then 2;
 * standard output holds the plans of the others (with {@code --json}, always one JSON array).
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false, resourceBundle = SettingHelp.NAME,
        defaultValueProvider = SettingDefaults.class,
        description = "Print each film's shots, windows, batches and estimated model calls; renders nothing.")
final class PlanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Script files, directories of scripts, @list.txt"
            + " files naming scripts, or Hadoop URIs of them (s3a://BUCKET/KEY or prefix).")
    List<String> inputs;

    @Option(names = "--json", description = "Print the plans as JSON.")
    boolean json;

    /** Window, overlap, batch, steps (for the estimate), Spark master (for ingestion) and model. */
    @Mixin
    CommonOptions common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SparkSessions.Lazy spark = new SparkSessions.Lazy(common.master, 0, Map.of());
        try {
            Model loaded = ModelCache.get(common.model.resolve(System.err), RuntimeSettings.cpu(),
                    () -> spark.get().sparkContext().hadoopConfiguration());
            ModelSpec modelSpec = loaded.spec();
            PlanSettings settings = RenderSettings.planSettings(modelSpec, common.window, common.overlap, common.batch);
            int n = RenderSettings.steps(common.steps, Profile.PREVIEW, modelSpec); // plan has no --profile
            ScriptReader.Library library = new ScriptReader(spark::get, loaded.vocabulary())
                    .readLibrary(Inputs.expand(inputs, () -> spark.get().sparkContext().hadoopConfiguration()));
            PrintWriter err = spec.commandLine().getErr();
            library.failures().forEach(e -> err.println("error: " + e.getMessage()));
            err.flush();
            List<Script> scripts = library.scripts();
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode films = mapper.createArrayNode();
            for (Script script : scripts) {
                FilmPlan plan = FilmPlanner.plan(script, modelSpec, settings);
                if (json) {
                    films.add(toJson(mapper, script, plan, modelSpec, settings, n));
                } else {
                    print(out, script, plan, modelSpec, settings, n);
                }
            }
            if (json) {
                out.println(mapper.writeValueAsString(films));
            }
            out.flush();
            return library.failures().isEmpty() ? ExitCodes.OK : ExitCodes.USER;
        } finally {
            spark.stop();
        }
    }

    private static void print(PrintWriter out, Script script, FilmPlan plan, ModelSpec spec, PlanSettings settings, int steps) {
        out.printf("%s (%s)%n", script.name(), script.source());
        out.printf("  %d shots, %d latent frames, %d frames = %.2f s at %d fps%n", plan.shots().size(), plan.latentFrames(),
                plan.outputFrames(), plan.outputFrames() / (double) spec.fps(), spec.fps());
        String scene = null;
        for (ShotSpan span : plan.shots()) {
            Shot shot = script.shots().get(span.shotIndex());
            if (shot.scene() != null && !shot.scene().equals(scene)) {
                out.printf("  scene %s%n", shot.scene());
            }
            scene = shot.scene();
            out.printf("  shot %3d %-20s %-9s latent %6d..%-6d %3d windows  %s%s%n", span.shotIndex() + 1,
                    span.shotId(), shot.transition().jsonName(), span.start(), span.end(),
                    plan.windowsOf(span.shotIndex()).size(), abbreviate(shot.prompt()),
                    shot.unknownWords().isEmpty() ? "" : "  [unknown: " + String.join(", ", shot.unknownWords()) + "]");
        }
        out.printf("  windows: %d of %d latent frames, overlap %d; batches: %d of up to %d%n", plan.windows().size(),
                settings.window(), settings.overlap(), plan.batches().size(), settings.batchSize());
        out.printf("  model calls: %d denoise calls (%d window-steps at %d steps)%n", plan.modelCalls(steps),
                plan.windowSteps(steps), steps);
    }

    private static ObjectNode toJson(ObjectMapper mapper, Script script, FilmPlan plan, ModelSpec spec,
            PlanSettings settings, int steps) {
        ObjectNode film = mapper.createObjectNode();
        film.put("film", script.name());
        film.put("source", script.source());
        film.put("fps", spec.fps());
        film.put("latent_frames", plan.latentFrames());
        film.put("frames", plan.outputFrames());
        film.put("duration_s", plan.outputFrames() / (double) spec.fps());
        film.put("window", settings.window());
        film.put("overlap", settings.overlap());
        film.put("batch", settings.batchSize());
        film.put("steps", steps);
        film.put("model_calls", plan.modelCalls(steps));
        film.put("window_steps", plan.windowSteps(steps));
        ArrayNode shots = film.putArray("shots");
        for (ShotSpan span : plan.shots()) {
            Shot shot = script.shots().get(span.shotIndex());
            ObjectNode s = shots.addObject();
            s.put("index", span.shotIndex());
            s.put("id", span.shotId());
            s.put("prompt", shot.prompt());
            s.put("duration_s", shot.durationSeconds());
            s.put("duration_estimated", shot.durationEstimated());
            s.put("latent_start", span.start());
            s.put("latent_frames", span.length());
            s.put("source_line", shot.sourceLine());
            s.put("scene", shot.scene());
            s.put("transition", shot.transition().jsonName());
            ArrayNode unknown = s.putArray("unknown_words");
            shot.unknownWords().forEach(unknown::add);
        }
        ArrayNode windows = film.putArray("windows");
        for (Window w : plan.windows()) {
            ObjectNode o = windows.addObject();
            o.put("index", w.index());
            o.put("shot", w.shotIndex());
            o.put("start", w.start());
            o.put("length", w.length());
        }
        ArrayNode batches = film.putArray("batches");
        for (Batch b : plan.batches()) {
            ArrayNode ids = batches.addArray();
            b.windowIndices().forEach(ids::add);
        }
        return film;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
