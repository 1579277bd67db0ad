package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.plan.Batch;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.plan.Window;
import org.reelfarm.render.Profile;

/**
 * {@code bench render} (issue 4): what Reelfarm costs on top of the model, how it scales from one
 * to two cores, and whether driver memory stays flat as films get longer, all in one run so the
 * figures sit side by side.
 *
 * <ol>
 *   <li>A 1-minute preview film (10 shots of 6 s) and a 10-minute one (100 shots) as CSV shot lists.
 *   <li>Raw loop: in this JVM, on one thread, the 1-minute film's batches sampled exactly as the
 *       render samples them ({@link RawLoop}).
 *   <li>Reelfarm on {@code local[1]} and {@code local[2]}, each a fresh JVM with the launcher's
 *       default heap ({@value #LAUNCHER_HEAP}), timed from outside and through the manifest.
 *       Steps 2 and 3 run {@code --repeat} rounds (raw loop, local[1], local[2] in turn); the
 *       figures are medians, since the speed of a shared machine drifts.
 *   <li>The 1-minute and the 10-minute film on {@code local[2]} with the heap limited
 *       ({@code --heap}, default {@value BenchOptions#DEFAULT_HEAP}); peak heap from the GC log.
 * </ol>
 *
 * The renders run a copy of the driver build taken when the benchmark starts
 * ({@link RenderProcess#snapshot}). Every render must make the raw loop's (for the 10-minute
 * film, the plan's) model calls in the same batches: otherwise the benchmark fails at once, since
 * the comparison would be false.
 * The work area {@code DIR/render/} (model, shot lists, the driver build, one directory per run
 * with the film and its logs) is replaced on every run.
 */
final class RenderBenchmark {
    static final String NAME = "render";
    /** The driver heap of {@code ./reelfarm render} unless REELFARM_DRIVER_MEMORY says otherwise. */
    static final String LAUNCHER_HEAP = "4g";
    static final int ONE_MINUTE_SHOTS = 10;
    static final int TEN_MINUTE_SHOTS = 100;
    /** The CLI's default --seed; every benchmark shot has its own seed anyway. */
    static final long FILM_SEED = 0;

    private final BenchOptions options;
    private final QuietMachine quiet;
    private final PrintStream log;

    RenderBenchmark(BenchOptions options, PrintStream log) {
        this.options = options;
        this.quiet = new QuietMachine(options.maxWaitSeconds() * 1000L, log);
        this.log = log;
    }

    /** A film of the benchmark: its shot list, its file and the plan the render must follow. */
    record Film(PreviewFilm film, Path csv, FilmPlan plan) {
        String name() {
            return film.name();
        }
    }

    JsonNode run(Path dir) throws IOException {
        Path work = dir.resolve(NAME);
        TempDirs.delete(work);
        Files.createDirectories(work);
        RenderProcess farm = RenderProcess.snapshot(RenderProcess.findHome(), work.resolve("app"));
        RenderReport report = new RenderReport(options, Results.machine());

        Path modelDir = work.resolve("model");
        progress("exporting the reference model into %s", modelDir);
        // In a child JVM, so that the raw loop's TensorFlow threads are the model's own (see ReferenceModelExport).
        ReferenceModelExport.inChildJvm(modelDir);
        ModelSpec spec = ModelSpec.read(modelDir);
        int steps = Profile.PREVIEW.steps(spec.defaultSteps());
        PlanSettings planSettings = PlanSettings.defaults(spec);
        report.settings(spec, modelDir, steps, planSettings);

        Film oneMinute = film(PreviewFilm.of("preview-1min", ONE_MINUTE_SHOTS), work, spec, planSettings);
        report.film(oneMinute, steps);
        Film tenMinutes = null;
        if (!options.quick()) {
            tenMinutes = film(PreviewFilm.of("preview-10min", TEN_MINUTE_SHOTS), work, spec, planSettings);
            report.film(tenMinutes, steps);
        }

        long expected = oneMinute.plan().modelCalls(steps);
        for (int round = 1; round <= options.repeat(); round++) {
            report.rawLoop(oneMinute, rawLoop(oneMinute, modelDir, steps, round));
            report.run(render(farm, work, "local1", round, oneMinute, modelDir, "local[1]", LAUNCHER_HEAP, expected, steps));
            report.run(render(farm, work, "local2", round, oneMinute, modelDir, "local[2]", LAUNCHER_HEAP, expected, steps));
        }
        report.run(render(farm, work, "memory-1min", 1, oneMinute, modelDir, "local[2]", options.heap(), expected, steps));
        if (tenMinutes != null) {
            report.run(render(farm, work, "memory-10min", 1, tenMinutes, modelDir, "local[2]", options.heap(),
                    tenMinutes.plan().modelCalls(steps), steps));
        }

        JsonNode json = report.json();
        Results.write(dir.resolve(NAME + ".json"), json);
        Charts.save(report.charts(), 2, dir.resolve(NAME + ".png"));
        progress("wrote %s and %s", dir.resolve(NAME + ".json"), dir.resolve(NAME + ".png"));
        return json;
    }

    private RenderReport.RawSample rawLoop(Film film, Path modelDir, int steps, int round) {
        quiet.await("raw loop");
        progress("raw loop %d/%d: %s, %d batches x %d steps in this JVM on one thread", round, options.repeat(),
                film.name(), film.plan().batches().size(), steps);
        Optional<CpuSample> cpuStart = CpuSample.now();
        RawLoop.Result raw = RawLoop.run(modelDir, film.plan(), film.film().shots(), FILM_SEED, steps);
        Optional<CpuSample.Use> cpu = cpuStart.flatMap(s -> CpuSample.now().map(e -> e.since(s)));
        progress("raw loop %d/%d: %.1f s for %d model calls", round, options.repeat(), raw.seconds(), raw.modelCalls());
        if (raw.modelCalls() != film.plan().modelCalls(steps)) {
            throw new BenchmarkFailure("the raw loop made " + raw.modelCalls() + " model calls, the plan has "
                    + film.plan().modelCalls(steps));
        }
        return new RenderReport.RawSample(raw, cpu);
    }

    private Film film(PreviewFilm film, Path work, ModelSpec spec, PlanSettings planSettings) throws IOException {
        Path csv = film.writeCsv(work.resolve("films"));
        return new Film(film, csv, FilmPlanner.plan(film.name(), film.shots(), spec, planSettings));
    }

    private RenderProcess.Run render(RenderProcess farm, Path work, String label, int round, Film film, Path modelDir,
            String master, String heap, long expectedCalls, int steps) throws IOException {
        quiet.await(label);
        progress("%s: rendering %s on %s with -Xmx%s in a fresh JVM", label, film.name(), master, heap);
        RenderProcess.Run run = farm.render(label, work.resolve("runs").resolve(label + "-" + round), film.csv(),
                film.name(), modelDir, master, heap);
        progress("%s: %.1f s wall, render_job %.1f s, peak heap after GC %.0f MB", label, run.wallSeconds(),
                run.timing("render_job"), run.gc().maxAfterMb());
        checkSameWork(run, film.plan(), expectedCalls, steps);
        return run;
    }

    /**
     * Fails loudly unless the render made the expected number of model calls over the same
     * windows in the same batches: only then is its time comparable with the raw loop's.
     */
    static void checkSameWork(RenderProcess.Run run, FilmPlan plan, long expectedCalls, int steps) {
        String where = run.label() + " (" + run.dir().resolve("out").resolve(run.film()).resolve("manifest.json") + ")";
        if (run.modelCalls() != expectedCalls) {
            throw new BenchmarkFailure("MODEL CALLS DIFFER: " + where + " made " + run.modelCalls()
                    + " model calls, the raw loop / plan " + expectedCalls + "; the overhead figures would be false");
        }
        JsonNode windows = run.manifest().path("windows");
        JsonNode batches = run.manifest().path("batches");
        boolean same = windows.size() == plan.windows().size() && batches.size() == plan.batches().size();
        for (int i = 0; same && i < plan.windows().size(); i++) {
            Window w = plan.windows().get(i);
            JsonNode row = windows.get(i);
            same = row.get(0).asInt() == w.index() && row.get(1).asInt() == w.shotIndex()
                    && row.get(2).asInt() == w.start() && row.get(3).asInt() == w.length();
        }
        for (int i = 0; same && i < plan.batches().size(); i++) {
            Batch b = plan.batches().get(i);
            JsonNode row = batches.get(i);
            same = row.size() == b.size();
            for (int k = 0; same && k < b.size(); k++) {
                same = row.get(k).asInt() == b.windowIndices().get(k);
            }
        }
        if (!same) {
            throw new BenchmarkFailure("PLANS DIFFER: " + where + " rendered other windows or batches than the raw"
                    + " loop's plan (" + plan.windows().size() + " windows in " + plan.batches().size() + " batches)");
        }
        JsonNode recordedSteps = run.manifest().path("settings").path("steps");
        if (recordedSteps.isNumber() && recordedSteps.asInt() != steps) {
            throw new BenchmarkFailure("STEPS DIFFER: " + where + " sampled " + recordedSteps.asInt() + " steps, the raw loop "
                    + steps);
        }
    }

    private void progress(String format, Object... args) {
        BenchLog.line(log, "render", format, args);
    }
}
