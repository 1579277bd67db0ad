package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.reelfarm.capacity.ModelProfile;
import org.reelfarm.capacity.Overheads;
import org.reelfarm.capacity.Simulation;
import org.reelfarm.capacity.StreamingSimulator;
import org.reelfarm.capacity.Workload;
import org.reelfarm.export.CostModel;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.render.Profile;

/**
 * {@code bench capacity} (issue 17, part 5): checks the capacity planner's simulator against
 * renders on this machine, and measures the farm's overhead at a realistic task length.
 *
 * <ol>
 *   <li>Exports the reference model and a cost model of {@value #COST_STEP_MS} ms per window-step
 *       (child JVMs), then measures in this JVM what the simulator is fed: each model's ms per
 *       window-step with two task threads calling it at once (as on two slots), its fixed cost per
 *       call (batch 1 against batch 4), and the first model load of a JVM (native library + model).
 *   <li>Renders a film and a small library with each model on {@code local[2]} and on a 2-worker
 *       standalone cluster ({@link LocalCluster}), and compares each render job's wall
 *       ({@code timings_s.render_job}) with the planner's {@link StreamingSimulator} on 2
 *       replicas, fed by those figures and by the per-round and encode costs measured earlier here
 *       ({@link Overheads#DEFAULTS}); no failures, stragglers or lost executors.
 *   <li>Renders the cost model on a 10-minute film (30 seconds with {@code --quick}) on
 *       {@code local[1]} with independent windows, against {@link RawLoop} of the same calls.
 * </ol>
 *
 * Writes {@code capacity.json}, {@code capacity.png}, and {@code profile.json} +
 * {@code overheads.json} of the cost model for {@code ./reelfarm capacity --profile measured:DIR}.
 */
final class CapacityBenchmark {
    static final String NAME = "capacity";
    static final double COST_STEP_MS = 100;
    static final int WORKERS = 2;
    /** The cluster's cases' master, as the report names it. */
    static final String CLUSTER = "cluster (" + WORKERS + " workers)";
    static final int SLOTS = 2;
    static final int LESSONS = 3;
    /** Shots of the overhead film with --quick: 30 s, 30 windows, 600 window-steps (a minute of model work at 100 ms). */
    static final int QUICK_OVERHEAD_SHOTS = 5;

    private final BenchOptions options;
    private final QuietMachine quiet;
    private final PrintStream log;

    CapacityBenchmark(BenchOptions options, PrintStream log) {
        this.options = options;
        this.quiet = new QuietMachine(options.maxWaitSeconds() * 1000L, log);
        this.log = log;
    }

    /** What the simulator needs to know of a model, measured here. */
    record ModelCost(String label, Path dir, double stepMs, double perCallMs, double singleThreadStepMs) {}

    /**
     * A workload of the benchmark: its input (a CSV or a directory), the film whose manifest is
     * read, its shots, and the render's Spark jobs, one after another, each the films of one
     * group, named by a film whose manifest has the job's figures. A library's first film is a
     * group alone and in flight alone; the two other lessons are the next group.
     */
    record Input(String label, Path path, String manifestFilm, Workload workload, List<String> jobFilms) {}

    /** What the planner's simulator predicts for an input. */
    record Predicted(double wallS, long windows, long windowSteps, int stages) {}

    /**
     * The input as the planner simulates it ({@link StreamingSimulator}, the schedule {@code
     * capacity} runs): a library's groups of films one after another, the model loaded once per
     * executor, no start cost (the report fits it per master).
     */
    static Predicted predict(Input input, ModelCost model, double loadS, int steps, PlanSettings plan) {
        Simulation s = new StreamingSimulator(input.workload(), profile(model, loadS, steps, plan),
                overheads(model, plan), plan.window(), plan.overlap(), 0).simulate(SLOTS);
        return new Predicted(s.wallS(), s.compute().windows(), s.compute().windowSteps(), s.codenoise().stages());
    }

    JsonNode run(Path dir) throws IOException {
        Path work = dir.resolve(NAME);
        TempDirs.delete(work);
        Files.createDirectories(work);
        Path home = RenderProcess.findHome();
        RenderProcess farm = RenderProcess.snapshot(home, work.resolve("app"));
        CalibrationReport report = new CalibrationReport(Results.machine(), options.quick());

        Path refDir = work.resolve("models/reference");
        Path costDir = work.resolve("models/cost-" + (int) COST_STEP_MS + "ms");
        progress("exporting the reference model and calibrating a %.0f ms cost model (child JVMs)", COST_STEP_MS);
        ReferenceModelExport.inChildJvm(refDir);
        ReferenceModelExport.costModelInChildJvm(costDir, COST_STEP_MS);
        long t0 = System.nanoTime();
        Model.load(refDir, RuntimeSettings.cpu()).close();
        double firstLoadS = (System.nanoTime() - t0) / 1e9;
        ModelSpec spec = ModelSpec.read(refDir);
        int steps = Profile.PREVIEW.steps(spec.defaultSteps());
        PlanSettings plan = PlanSettings.defaults(spec);
        List<ModelCost> models = List.of(measure("reference", refDir), measure("cost", costDir));
        ObjectNode m = report.measured();
        m.put("first_model_load_s", Results.round(firstLoadS));
        for (ModelCost c : models) {
            ObjectNode n = m.putObject(c.label());
            n.put("step_ms_two_threads", Results.round(c.stepMs()));
            n.put("step_ms_one_thread", Results.round(c.singleThreadStepMs()));
            n.put("per_call_ms", Results.round(c.perCallMs()));
        }
        m.set("cost_model_metadata", Results.read(costDir.resolve(ModelSpec.METADATA_PATH)).path("cost_model"));
        ObjectNode s = report.settings();
        s.put("steps", steps);
        s.put("window", plan.window());
        s.put("overlap", plan.overlap());
        s.put("batch", plan.batchSize());
        s.put("strategy", "codenoise (the default), sync every step, stagger 1");
        s.put("predicted", "StreamingSimulator (the capacity planner's schedule) on " + SLOTS + " replicas; per"
                + " round " + Overheads.DEFAULTS.perRoundS() + " s and encode "
                + Overheads.DEFAULTS.encodePixelsPerCpuS() + " px/CPU-s from earlier measurements"
                + " here (benchmarks/README.md), per task " + Overheads.DEFAULTS.perTaskS() + " s assumed; step, per-call"
                + " and load measured in this run; 1 CPU core per slot; no failures");
        s.put("measured", "timings_s.render_job of the render's manifest (the Spark job: denoise, blend, decode, encode);"
                + " process_wall_s adds JVM and Spark start-up and stitching");

        PreviewFilm film = PreviewFilm.of("film", options.quick() ? 2 : 5);
        List<Input> inputs = List.of(filmInput(film, work), libraryInput(work));
        s.put("film_shots", film.lines().size());
        s.put("library_lessons", LESSONS);
        List<Rendered> rendered = new ArrayList<>();
        for (String master : List.of("local[" + SLOTS + "]", "cluster")) {
            LocalCluster cluster = master.equals("cluster") ? startCluster(home, work) : null;
            try {
                String url = cluster == null ? master : cluster.masterUrl();
                for (ModelCost model : models) {
                    for (Input input : inputs) {
                        rendered.add(calibrate(farm, work, model, input, url, cluster != null, firstLoadS, steps, plan));
                    }
                }
            } finally {
                if (cluster != null) {
                    cluster.close();
                }
            }
        }
        withRenderedSteps(rendered, steps, plan).forEach(report::add);
        report.overhead(overhead(farm, work, models.get(1), spec, plan, steps));
        // The planner's profile of the cost model: its step as its film paid it in a render, when known.
        ModelCost cost = models.get(1);
        ModelCost profiled = rendered.stream().filter(r -> r.model() == cost && CalibrationReport.isStepFitCase(r.result()))
                .findFirst().map(r -> new ModelCost(cost.label(), cost.dir(), r.stepMs(), 0, cost.singleThreadStepMs()))
                .orElse(cost);
        writeMeasuredProfile(dir, profiled, firstLoadS, report.startS(CLUSTER), steps, plan);
        report.write(dir.resolve(NAME + ".json"), dir.resolve(NAME + ".png"));
        progress("wrote %s and %s", dir.resolve(NAME + ".json"), dir.resolve(NAME + ".png"));
        return report.json();
    }

    private LocalCluster startCluster(Path home, Path work) throws IOException {
        progress("starting a Spark standalone cluster of %d workers", WORKERS);
        return LocalCluster.start(home, work.resolve("cluster"), WORKERS);
    }

    /**
     * Step and per-call cost of a model: {@code t(B) = call + B * step} from batch 1 and batch 4
     * on one thread; the batch-4 figure again with two threads at once gives the slowdown of two
     * busy slots, applied to both terms.
     */
    private ModelCost measure(String label, Path dir) {
        quiet.await("measure " + label);
        try (Model model = Model.load(dir, RuntimeSettings.cpu())) {
            double b1 = CostModel.stepMs(model, 1);
            double b4 = CostModel.stepMs(model, PlanSettings.DEFAULT_BATCH_SIZE);
            CompletableFuture<Double> other = CompletableFuture.supplyAsync(
                    () -> CostModel.stepMs(model, PlanSettings.DEFAULT_BATCH_SIZE));
            double mine = CostModel.stepMs(model, PlanSettings.DEFAULT_BATCH_SIZE);
            double two = (mine + other.join()) / 2;
            int b = PlanSettings.DEFAULT_BATCH_SIZE;
            double step = Math.max(0, (b * b4 - b1) / (b - 1));
            double call = Math.max(0, b1 - step);
            double slowdown = two / b4;
            progress("%s: %.2f ms per window-step at batch %d (one thread), %.2f with two threads; %.2f ms per call",
                    label, b4, b, two, call);
            return new ModelCost(label, dir, step * slowdown, call * slowdown, b4);
        }
    }

    /** A case rendered: its figures, what it was predicted from, and the model's cost per window-step in the render. */
    record Rendered(CalibrationReport.Case result, ModelCost model, Input input, double loadS, double stepMs) {}

    /**
     * Each case predicted again with its model's cost per window-step as the model's film paid
     * it on {@code local[2]} (executor denoise time per window-step: the model call with two
     * task threads at once, the sampler and the overlaps; per-call cost included), the figure a
     * planner takes from a render of its own.
     */
    private static List<CalibrationReport.Case> withRenderedSteps(List<Rendered> rendered, int steps, PlanSettings plan) {
        Map<String, Double> stepMs = new java.util.HashMap<>();
        for (Rendered r : rendered) {
            if (CalibrationReport.isStepFitCase(r.result())) {
                stepMs.put(r.model().label(), r.stepMs());
            }
        }
        List<CalibrationReport.Case> out = new ArrayList<>();
        for (Rendered r : rendered) {
            Double step = stepMs.get(r.model().label());
            if (step == null) {
                out.add(r.result());
                continue;
            }
            ModelCost asRendered = new ModelCost(r.model().label(), r.model().dir(), step, 0, r.model().singleThreadStepMs());
            out.add(r.result().withRenderedStep(step, predict(r.input(), asRendered, r.loadS(), steps, plan).wallS()));
        }
        return out;
    }

    private Rendered calibrate(RenderProcess farm, Path work, ModelCost model, Input input, String master,
            boolean cluster, double firstLoadS, int steps, PlanSettings plan) throws IOException {
        String label = model.label() + "-" + input.label() + "-" + (cluster ? "cluster" : "local");
        quiet.await(label);
        progress("%s: rendering %s on %s", label, input.path().getFileName(), master);
        RenderProcess.Run run = farm.render(label, work.resolve("runs").resolve(label), input.path(),
                input.manifestFilm(), model.dir(), master, RenderBenchmark.LAUNCHER_HEAP);
        // Local executors share the driver's JVM, which loaded the model to plan: no load in the job.
        double load = cluster ? firstLoadS : 0;
        Predicted predicted = predict(input, model, load, steps, plan);
        double measured = 0;
        for (String jobFilm : input.jobFilms()) {
            Path manifest = run.dir().resolve("out").resolve(jobFilm).resolve("manifest.json");
            measured += Results.read(manifest).path("timings_s").path("render_job").asDouble();
        }
        progress("%s: predicted %.1f s, measured %.1f s (process %.1f s)", label, predicted.wallS(), measured,
                run.wallSeconds());
        JsonNode job = run.manifest().path("job");
        double stepMs = run.timing("executor_denoise") * 1000 / Math.max(1, job.path("window_steps").asLong());
        return new Rendered(new CalibrationReport.Case(model.label(), input.label(), cluster ? CLUSTER : master,
                input.workload().films().size(), predicted.windows(), predicted.windowSteps(), predicted.stages(),
                Overheads.DEFAULTS.perRoundS(), predicted.wallS(), measured, run.wallSeconds()), model, input, load,
                stepMs);
    }

    private CalibrationReport.Overhead overhead(RenderProcess farm, Path work, ModelCost cost, ModelSpec spec,
            PlanSettings plan, int steps) throws IOException {
        int shots = options.quick() ? QUICK_OVERHEAD_SHOTS : 100;
        PreviewFilm long_ = PreviewFilm.of(options.quick() ? "overhead-30s" : "overhead-10min", shots);
        Path csv = long_.writeCsv(work.resolve("films"));
        FilmPlan filmPlan = FilmPlanner.plan(long_.name(), long_.shots(), spec, plan);
        quiet.await("raw loop");
        progress("overhead: raw loop of %s with the cost model, %d model calls on one thread", long_.name(),
                filmPlan.modelCalls(steps));
        RawLoop.Result raw = RawLoop.run(cost.dir(), filmPlan, long_.shots(), RenderBenchmark.FILM_SEED, steps);
        quiet.await("overhead render");
        progress("overhead: raw loop %.1f s; rendering on local[1] with independent windows", raw.seconds());
        RenderProcess.Run run = farm.render("overhead", work.resolve("runs").resolve("overhead"), csv, long_.name(),
                cost.dir(), "local[1]", RenderBenchmark.LAUNCHER_HEAP, List.of("--strategy", "independent"));
        RenderBenchmark.checkSameWork(run, filmPlan, filmPlan.modelCalls(steps), steps);
        progress("overhead: render %.1f s wall, render job %.1f s", run.wallSeconds(), run.timing("render_job"));
        String note = options.quick() ? "--quick: a 30-second film (" + QUICK_OVERHEAD_SHOTS + " shots) instead of the 10-minute film"
                : "the 10-minute film (100 shots)";
        return new CalibrationReport.Overhead(long_.name(), shots * PreviewFilm.SHOT_SECONDS, note, raw.modelCalls(),
                raw.seconds(), run.wallSeconds(), run.timing("render_job"), "local[1], --strategy independent");
    }

    /** The model's measured cost as a capacity profile: one window of the model is one clip. */
    static ModelProfile profile(ModelCost model, double loadS, int steps, PlanSettings plan) {
        ModelSpec spec = ModelSpec.read(model.dir());
        int frames = plan.window() * spec.temporalStride();
        return new ModelProfile("measured-" + model.label(), spec.name(), "CPU (this machine, one core per slot)",
                spec.frameWidth(), spec.frameHeight(), frames, spec.fps(), steps, model.stepMs() / 1000 * steps, 1, null,
                loadS, plan.window(), plan.window(), plan.overlap(),
                Map.of("seconds_per_clip", "bench capacity: ms per window-step with two threads at once (as timed"
                        + " alone, or as the model's film paid it in a render on local[2] where it ran), times steps",
                        "model_load_s", "bench capacity: first model load of a JVM (native library and model)"),
                Map.of());
    }

    static Overheads overheads(ModelCost model, PlanSettings plan) {
        Overheads d = Overheads.DEFAULTS;
        return new Overheads(d.perRoundS(), d.perTaskS(), model.perCallMs() / 1000, 0, d.encodePixelsPerCpuS(), 1, 0, 0, 0,
                1, d.checkpointEvery(), d.outputBitsPerPixel(), d.storageMBps(), d.segmentSeconds(), 1, 1,
                plan.batchSize(), true, d.seed());
    }

    /**
     * {@code profile.json} and {@code overheads.json} for {@code capacity --profile measured:DIR};
     * the start cost is the one fitted on the cluster (a planner's farm is a cluster), if any.
     */
    private void writeMeasuredProfile(Path dir, ModelCost cost, double loadS, double startS, int steps,
            PlanSettings plan) throws IOException {
        ModelProfile p = profile(cost, loadS, steps, plan);
        ObjectNode n = Results.object();
        n.put("id", p.id());
        n.put("model", p.model() + " (cost model, " + (int) COST_STEP_MS + " ms target per window-step)");
        n.put("gpu", p.gpu());
        n.put("width", p.width());
        n.put("height", p.height());
        n.put("frames", p.frames());
        n.put("fps", p.fps());
        n.put("steps", p.steps());
        n.put("seconds_per_clip", Results.round(p.secondsPerClip()));
        n.put("gpus_per_replica", 1);
        n.put("model_load_s", Results.round(p.modelLoadSeconds()));
        n.put("latent_frames", p.latentFrames());
        n.put("window", p.window());
        n.put("overlap", p.overlap());
        ObjectNode sources = n.putObject("sources");
        p.sources().forEach(sources::put);
        Results.write(dir.resolve("profile.json"), n);
        Overheads o = overheads(cost, plan);
        ObjectNode h = Results.object();
        h.put("per_round_s", o.perRoundS());
        h.put("per_task_s", o.perTaskS());
        h.put("per_call_s", Results.round(o.perCallS() * 1000) / 1000);
        if (!Double.isNaN(startS)) {
            h.put("start_s", Results.round(startS));
        }
        h.put("encode_pixels_per_cpu_s", o.encodePixelsPerCpuS());
        Results.write(dir.resolve("overheads.json"), h);
    }

    private Input filmInput(PreviewFilm film, Path work) throws IOException {
        Path csv = film.writeCsv(work.resolve("films"));
        Workload whole = new Workload(List.of(workloadFilm(film)));
        return new Input("film", csv, film.name(), whole, List.of(film.name()));
    }

    /** {@value #LESSONS} one-shot lessons in one directory, rendered as a library. */
    private Input libraryInput(Path work) throws IOException {
        Path lib = Files.createDirectories(work.resolve("library"));
        List<Workload.Film> films = new ArrayList<>();
        for (int i = 1; i <= LESSONS; i++) {
            PreviewFilm lesson = new PreviewFilm("lesson-" + i, List.of(PreviewFilm.of("x", i).lines().get(i - 1)));
            lesson.writeCsv(lib);
            films.add(workloadFilm(lesson));
        }
        return new Input("library", lib, "lesson-1", new Workload(films), List.of("lesson-1", "lesson-2"));
    }

    private static Workload.Film workloadFilm(PreviewFilm film) {
        return new Workload.Film(film.name(), film.lines().stream().map(PreviewFilm.Line::seconds).toList());
    }

    private void progress(String format, Object... args) {
        BenchLog.line(log, "capacity", format, args);
    }
}
