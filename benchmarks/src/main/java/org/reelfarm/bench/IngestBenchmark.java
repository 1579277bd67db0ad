package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.CategoryChart;
import org.reelfarm.ingest.Inputs;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.ScriptReader;
import org.reelfarm.model.Model;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.noise.NoiseField;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.render.SparkSessions;

/**
 * {@code ingest}: how fast a library is read. Generates 1,000 lessons (three sections each),
 * reads them with one Spark NLP job on local[2] twice (the first read includes Spark NLP's
 * warm-up), and sets the warm read against the model time the same library needs: its planned
 * model calls times the measured cost of one call, on two threads. That model time is a lower
 * bound of the render time, so the reported share is an upper bound of ingestion's share.
 */
final class IngestBenchmark {
    static final int LESSONS = 1000;
    private static final String[] COLOURS = {"red", "green", "blue", "yellow", "white", "orange", "purple", "pink"};
    private static final String[] SHAPES = {"circle", "square", "triangle"};
    private static final String[] MOTIONS = {"moves left", "moves right", "moves up", "moves down", "bouncing", "still"};

    private final BenchOptions options;
    private final PrintStream err;

    IngestBenchmark(BenchOptions options, PrintStream err) {
        this.options = options;
        this.err = err;
    }

    JsonNode run(Path dir) throws IOException {
        Path work = Files.createDirectories(dir.resolve("ingest"));
        Path lessons = work.resolve("lessons");
        TempDirs.delete(lessons);
        int lessonsWritten = options.quick() ? LESSONS / 4 : LESSONS;
        for (int i = 0; i < lessonsWritten; i++) {
            StringBuilder text = new StringBuilder("# Lesson " + i + "\n\n");
            for (int s = 0; s < 3; s++) {
                int k = i * 3 + s;
                text.append("## Part ").append(s + 1).append("\n")
                        .append("A ").append(COLOURS[k % COLOURS.length]).append(' ').append(SHAPES[k % SHAPES.length])
                        .append(' ').append(MOTIONS[k % MOTIONS.length]).append(" on a black background. ")
                        .append("Watch it closely while the narrator explains what happens next in this part.\n\n");
            }
            Path file = lessons.resolve("unit-" + (i / 100)).resolve(String.format("lesson-%04d.md", i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        Path modelDir = work.resolve("model");
        TempDirs.delete(modelDir);
        ReferenceModelExport.inChildJvm(modelDir);
        Inputs inputs = Inputs.expand(List.of(lessons.toString()), org.apache.hadoop.conf.Configuration::new);

        ObjectNode result = Results.object();
        result.put("benchmark", "ingest");
        result.set("machine", Results.machine());
        result.put("lessons", inputs.size());
        result.put("master", "local[2]");
        try (Model model = Model.load(modelDir, RuntimeSettings.cpu())) {
            SparkSession spark = SparkSessions.start("local[2]", 0, Map.of());
            try {
                ScriptReader reader = new ScriptReader(spark, model.vocabulary());
                err.printf("[bench ingest] reading %d lessons (cold)%n", inputs.size());
                long t0 = System.nanoTime();
                ScriptReader.Library cold = reader.readLibrary(inputs);
                double coldSeconds = (System.nanoTime() - t0) / 1e9;
                err.printf("[bench ingest] reading %d lessons (warm)%n", inputs.size());
                long t1 = System.nanoTime();
                ScriptReader.Library warm = reader.readLibrary(inputs);
                double warmSeconds = (System.nanoTime() - t1) / 1e9;
                if (!cold.failures().isEmpty() || warm.scripts().size() != inputs.size()) {
                    throw new BenchmarkFailure("the generated library did not read cleanly: " + cold.failures());
                }
                long calls = 0;
                double filmSeconds = 0;
                PlanSettings settings = PlanSettings.defaults(model.spec());
                for (Script script : warm.scripts()) {
                    FilmPlan plan = FilmPlanner.plan(script, model.spec(), settings);
                    calls += plan.modelCalls(model.spec().defaultSteps());
                    filmSeconds += plan.outputFrames() / (double) model.spec().fps();
                }
                double msPerCall = msPerCall(model, settings.batchSize());
                double modelSeconds = calls * msPerCall / 1000 / 2; // two executor threads
                double share = warmSeconds / (warmSeconds + modelSeconds);
                result.put("cold_read_s", Results.round(coldSeconds));
                result.put("warm_read_s", Results.round(warmSeconds));
                result.put("lessons_per_s", Results.round(inputs.size() / warmSeconds));
                result.put("film_seconds", Results.round(filmSeconds));
                result.put("model_calls", calls);
                result.put("ms_per_model_call", Results.round(msPerCall));
                result.put("model_seconds_two_threads_lower_bound", Results.round(modelSeconds));
                result.put("ingest_share_of_render_upper_bound", Math.round(share * 10000) / 10000.0);
                result.put("goal_share", 0.02);
                result.put("met", share < 0.02);
            } finally {
                spark.stop();
            }
        }
        Results.write(dir.resolve("ingest.json"), result);
        CategoryChart chart = Charts.bars("Ingest of " + inputs.size() + " lessons on local[2]", "", "seconds");
        chart.addSeries("seconds", List.of("cold read", "warm read", "model time (lower bound)"),
                List.of(result.get("cold_read_s").asDouble(), result.get("warm_read_s").asDouble(),
                        result.get("model_seconds_two_threads_lower_bound").asDouble()));
        Charts.save(List.of(chart), 1, dir.resolve("ingest.png"));
        return result;
    }

    /** Median-free average of 20 warm batched denoise calls of the default window, ms. */
    private static double msPerCall(Model model, int batch) {
        var spec = model.spec();
        int frames = spec.window();
        float[] x = new NoiseField(1, spec.latentHeight(), spec.latentWidth(), spec.latentChannels()).span(0, 0, batch * frames);
        float[][] context = model.encodeText(new int[batch][spec.maxTokens()]);
        float[] t = new float[batch];
        java.util.Arrays.fill(t, spec.schedule().trainSteps() / 2f);
        for (int i = 0; i < 10; i++) {
            model.denoise(x, batch, frames, t, context, null, null);
        }
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            model.denoise(x, batch, frames, t, context, null, null);
        }
        return (System.nanoTime() - start) / 1e6 / 20;
    }
}
