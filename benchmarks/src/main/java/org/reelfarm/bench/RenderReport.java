package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.plan.PlanSettings;

/**
 * Collects the measurements of {@link RenderBenchmark} and turns them into {@code render.json}
 * (every sample, medians, derived figures, goals, notes on disturbed samples) and the charts of
 * {@code render.png}. Figures are medians over the rounds of a label.
 */
final class RenderReport {
    static final double OVERHEAD_GOAL = 1.05;
    static final double SCALING_GOAL = 1.8;
    static final double TEN_MINUTE_GOAL_S = 300;
    /** Other processes using more than this share of one core during a sample disturbed it. */
    static final double DISTURBED_SHARE = 0.10;

    /** One raw-loop round and the CPU it used. */
    record RawSample(RawLoop.Result result, Optional<CpuSample.Use> cpu) {}

    private final BenchOptions options;
    private final ObjectNode root = Results.object();
    private final ObjectNode films = Results.object();
    private final List<RawSample> raws = new ArrayList<>();
    private final Map<String, List<RenderProcess.Run>> runs = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private String rawFilm;

    RenderReport(BenchOptions options, ObjectNode machine) {
        this.options = options;
        root.put("benchmark", RenderBenchmark.NAME);
        root.set("machine", machine);
        root.put("quick", options.quick());
    }

    void settings(ModelSpec spec, Path modelDir, int steps, PlanSettings plan) {
        ObjectNode s = root.putObject("settings");
        s.put("model", spec.name() + " " + spec.version());
        s.put("model_dir", modelDir.toString());
        s.put("profile", "preview");
        s.put("sampler", "ddim");
        s.put("steps", steps);
        s.put("window", plan.window());
        s.put("overlap", plan.overlap());
        s.put("batch", plan.batchSize());
        s.put("tf_threads", 1);
        s.put("launcher_heap", RenderBenchmark.LAUNCHER_HEAP);
        s.put("memory_runs_heap", options.heap());
        s.put("rounds", options.repeat());
        s.put("max_wait_for_quiet_s", options.maxWaitSeconds());
    }

    void film(RenderBenchmark.Film film, int steps) {
        ObjectNode f = films.putObject(film.name());
        f.put("csv", film.csv().toString());
        f.put("shots", film.film().lines().size());
        f.put("seconds", film.film().seconds());
        f.put("latent_frames", film.plan().latentFrames());
        f.put("windows", film.plan().windows().size());
        f.put("batches", film.plan().batches().size());
        f.put("model_calls", film.plan().modelCalls(steps));
    }

    void rawLoop(RenderBenchmark.Film film, RawSample sample) {
        rawFilm = film.name();
        raws.add(sample);
        RawLoop.Result r = sample.result();
        sample.cpu().ifPresent(c -> noteIfDisturbed("raw loop " + raws.size(), c.otherSeconds(),
                r.loadSeconds() + r.seconds()));
    }

    void run(RenderProcess.Run run) {
        List<RenderProcess.Run> samples = runs.computeIfAbsent(run.label(), k -> new ArrayList<>());
        samples.add(run);
        run.cpu().ifPresent(c -> noteIfDisturbed(run.label() + " " + samples.size(), c.otherSeconds(), run.wallSeconds()));
    }

    private void noteIfDisturbed(String what, double otherCpu, double wall) {
        Results.disturbance(what, otherCpu, wall).ifPresent(notes::add);
    }

    double rawSeconds() {
        return median(raws, s -> s.result().seconds());
    }

    double wall(String label) {
        return median(runs.get(label), RenderProcess.Run::wallSeconds);
    }

    double timing(String label, String key) {
        return median(runs.get(label), r -> r.timing(key));
    }

    static <T> double median(List<T> samples, ToDoubleFunction<T> value) {
        double[] v = samples.stream().mapToDouble(value).sorted().toArray();
        if (v.length == 0) {
            throw new IllegalStateException("no samples");
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    JsonNode json() {
        root.set("films", films);
        root.set("raw_loop", rawLoopJson());
        ObjectNode renders = root.putObject("renders");
        runs.forEach((label, samples) -> renders.set(label, renderJson(label, samples)));
        boolean tenMinutes = runs.containsKey("memory-10min");

        ObjectNode f = root.putObject("figures");
        double raw = rawSeconds();
        double overhead = wall("local1") / raw;
        double scaling = wall("local1") / wall("local2");
        f.put("raw_loop_s", Results.round(raw));
        f.put("local1_wall_s", Results.round(wall("local1")));
        f.put("local2_wall_s", Results.round(wall("local2")));
        f.put("farm_overhead", Results.round(overhead));
        f.put("render_job_local1_over_raw_loop", Results.round(timing("local1", "render_job") / raw));
        f.put("executor_denoise_local1_over_raw_loop", Results.round(timing("local1", "executor_denoise") / raw));
        // On local[1] the executor work runs on one thread, one task after another: the rest of the
        // Spark job is scheduling, serialization and the shuffle.
        f.put("spark_job_overhead_local1_s", Results.round(median(runs.get("local1"), r -> r.timing("render_job")
                - r.timing("executor_denoise") - r.timing("executor_blend") - r.timing("executor_decode")
                - r.timing("executor_encode"))));
        f.put("outside_render_job_local1_s", Results.round(median(runs.get("local1"),
                r -> r.wallSeconds() - r.timing("render_job"))));
        f.put("scaling", Results.round(scaling));
        f.put("scaling_render_job", Results.round(timing("local1", "render_job") / timing("local2", "render_job")));
        f.put("peak_heap_after_gc_1min_mb", Results.round(peakHeap("memory-1min")));
        if (tenMinutes) {
            f.put("ten_minute_wall_s", Results.round(wall("memory-10min")));
            f.put("ten_minute_render_job_s", Results.round(timing("memory-10min", "render_job")));
            f.put("peak_heap_after_gc_10min_mb", Results.round(peakHeap("memory-10min")));
            f.put("heap_growth_10min_over_1min", Results.round(peakHeap("memory-10min") / peakHeap("memory-1min")));
        }

        ObjectNode calls = root.putObject("model_calls");
        calls.put("raw_loop", raws.get(0).result().modelCalls());
        runs.forEach((label, samples) -> calls.put(label, samples.get(0).modelCalls()));
        // RenderBenchmark.checkSameWork has failed the benchmark otherwise, for every sample.
        calls.put("equal", true);

        ObjectNode goals = root.putObject("goals");
        Results.goal(goals, "farm_overhead", "<= " + OVERHEAD_GOAL, overhead, overhead <= OVERHEAD_GOAL);
        Results.goal(goals, "scaling", ">= " + SCALING_GOAL, scaling, scaling >= SCALING_GOAL);
        if (tenMinutes) {
            double wall = wall("memory-10min");
            Results.goal(goals, "ten_minute_wall_s", "< " + (int) TEN_MINUTE_GOAL_S, wall, wall < TEN_MINUTE_GOAL_S);
        }
        ArrayNode noteArray = root.putArray("notes");
        notes.forEach(noteArray::add);
        return root;
    }

    private double peakHeap(String label) {
        return runs.get(label).stream().mapToDouble(r -> r.gc().maxAfterMb()).max().orElseThrow();
    }

    private ObjectNode rawLoopJson() {
        ObjectNode r = Results.object();
        r.put("film", rawFilm);
        r.put("rounds", raws.size());
        r.put("seconds", Results.round(rawSeconds()));
        r.put("model_load_s", Results.round(median(raws, s -> s.result().loadSeconds())));
        r.put("model_calls", raws.get(0).result().modelCalls());
        r.put("ms_per_model_call", Results.round(1000 * rawSeconds() / raws.get(0).result().modelCalls()));
        ArrayNode samples = r.putArray("samples");
        for (RawSample sample : raws) {
            ObjectNode s = samples.addObject();
            RawLoop.Result result = sample.result();
            s.put("seconds", Results.round(result.seconds()));
            s.put("model_load_s", Results.round(result.loadSeconds()));
            sample.cpu().ifPresent(c -> {
                s.put("cpu_s", Results.round(c.selfSeconds()));
                s.put("cores_busy", Results.round(c.selfSeconds() / (result.loadSeconds() + result.seconds())));
                s.put("other_processes_cpu_s", Results.round(c.otherSeconds()));
            });
        }
        return r;
    }

    private ObjectNode renderJson(String label, List<RenderProcess.Run> samples) {
        RenderProcess.Run first = samples.get(0);
        ObjectNode r = Results.object();
        r.put("film", first.film());
        r.put("master", first.master());
        r.put("xmx", first.heap());
        r.put("rounds", samples.size());
        r.put("wall_s", Results.round(wall(label)));
        ObjectNode medians = r.putObject("timings_s");
        first.manifest().path("timings_s").fieldNames().forEachRemaining(
                key -> medians.put(key, Results.round(timing(label, key))));
        r.put("model_calls", first.modelCalls());
        r.put("peak_heap_after_gc_mb", Results.round(peakHeap(label)));
        r.put("peak_heap_before_gc_mb", Results.round(samples.stream().mapToDouble(s -> s.gc().maxBeforeMb()).max()
                .orElseThrow()));
        ArrayNode list = r.putArray("samples");
        for (RenderProcess.Run run : samples) {
            ObjectNode s = list.addObject();
            s.put("wall_s", Results.round(run.wallSeconds()));
            s.set("timings_s", run.manifest().path("timings_s"));
            s.put("peak_heap_after_gc_mb", Results.round(run.gc().maxAfterMb()));
            s.put("peak_heap_before_gc_mb", Results.round(run.gc().maxBeforeMb()));
            s.put("heap_committed_max_mb", Results.round(run.gc().maxCommittedMb()));
            s.put("gc_count", run.gc().collections());
            run.cpu().ifPresent(c -> {
                s.put("cpu_s", Results.round(c.childSeconds()));
                s.put("cores_busy", Results.round(c.childSeconds() / run.wallSeconds()));
                s.put("other_processes_cpu_s", Results.round(c.otherSeconds()));
            });
            s.put("dir", run.dir().toString());
        }
        return r;
    }

    List<CategoryChart> charts() {
        double raw = rawSeconds();
        String rounds = raws.size() == 1 ? "" : ", median of " + raws.size();
        List<CategoryChart> charts = new ArrayList<>();

        CategoryChart time = Charts.bars("1-minute preview film (10 shots x 6 s): time" + rounds, "measurement",
                "seconds");
        time.addSeries("seconds", List.of("raw loop", "local[1] render_job", "local[1] wall", "local[2] render_job",
                "local[2] wall"), List.of(raw, timing("local1", "render_job"), wall("local1"),
                timing("local2", "render_job"), wall("local2")));
        time.getStyler().setLegendVisible(false);
        charts.add(time);

        CategoryChart ratios = Charts.bars(String.format("Overhead (goal <= %.2f) and scaling (goal >= %.1f)",
                OVERHEAD_GOAL, SCALING_GOAL), "ratio", "ratio (x)");
        ratios.addSeries("ratio", List.of("local[1] wall / raw", "local[1] render_job / raw", "scaling: wall 1/2",
                "scaling: render_job 1/2"), List.of(wall("local1") / raw, timing("local1", "render_job") / raw,
                wall("local1") / wall("local2"), timing("local1", "render_job") / timing("local2", "render_job")));
        ratios.getStyler().setLegendVisible(false);
        charts.add(ratios);

        List<String> labels = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        List<Double> job = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        for (String label : List.of("memory-1min", "memory-10min")) {
            List<RenderProcess.Run> samples = runs.get(label);
            if (samples != null) {
                RenderProcess.Run run = samples.stream().max(Comparator.comparingDouble(r -> r.gc().maxAfterMb()))
                        .orElseThrow();
                labels.add(label.endsWith("10min") ? "10-minute film" : "1-minute film");
                wall.add(wall(label));
                job.add(timing(label, "render_job"));
                after.add(run.gc().maxAfterMb());
                before.add(run.gc().maxBeforeMb());
            }
        }
        CategoryChart longer = Charts.bars(String.format("local[2], -Xmx%s: time (goal: 10-minute film < %d s)",
                options.heap(), (int) TEN_MINUTE_GOAL_S), "film", "seconds");
        longer.addSeries("wall", labels, wall);
        longer.addSeries("render_job", labels, job);
        charts.add(longer);

        CategoryChart heap = Charts.bars("Driver JVM heap, local[2], -Xmx" + options.heap() + " (from the GC log)",
                "film", "MB");
        heap.addSeries("peak after GC (live data bound)", labels, after);
        heap.addSeries("peak before GC", labels, before);
        charts.add(heap);
        return charts;
    }
}
