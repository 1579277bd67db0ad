package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench seams} (issue 6): what the three long-video strategies give and cost. The same
 * films are rendered with {@code independent}, {@code shared-noise} and {@code codenoise} on
 * {@value #MASTER}, each a fresh JVM ({@link RenderProcess}):
 *
 * <ol>
 *   <li>{@code still}: one still shot, {@value #STILL_SECONDS} s ({@code --quick}: {@value #STILL_SECONDS_QUICK} s),
 *       where any seam or drift is the strategy's fault;
 *   <li>{@code moving}: one moving shot, {@value #MOVING_SECONDS} s ({@code --quick}: {@value #MOVING_SECONDS_QUICK} s);
 *   <li>{@code scene}: four shots of 3-4 s joined by a crossfade, a fade and a cut.
 * </ol>
 *
 * Then codenoise on the still film with {@code --sync-every K --stagger K} for K in
 * {@link #SWEEP}, so the defaults are measured against the alternatives. Writes
 * {@code DIR/seams.json}, {@code DIR/seams.png} (seam per boundary) and
 * {@code DIR/seams-cost.png} (wall time, Spark job, stages, rounds); the work area
 * {@code DIR/seams/} is replaced on every run. Fails (after writing the results) if codenoise did
 * other model work (window steps) than independent on any film.
 */
final class SeamsBenchmark {
    static final String NAME = "seams";
    static final String MASTER = "local[2]";
    static final int STILL_SECONDS = 30;
    static final int STILL_SECONDS_QUICK = 12;
    static final int MOVING_SECONDS = 10;
    static final int MOVING_SECONDS_QUICK = 6;
    static final List<Integer> SWEEP = List.of(1, 2, 4);
    static final String HEADER = "shot_id,prompt,duration_s,transition";

    private final BenchOptions options;
    private final QuietMachine quiet;
    private final PrintStream log;

    SeamsBenchmark(BenchOptions options, PrintStream log) {
        this.options = options;
        this.quiet = new QuietMachine(options.maxWaitSeconds() * 1000L, log);
        this.log = log;
    }

    /** A film of the benchmark: name, what it is, its CSV rows (without header) and its length. */
    record Film(String name, String description, List<String> rows, double seconds) {
        Path writeCsv(Path dir) throws IOException {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name + ".csv"), HEADER + "\n" + String.join("\n", rows) + "\n");
        }
    }

    /** The three films; {@code quick} shortens the still and the moving shot. */
    static List<Film> films(boolean quick) {
        int still = quick ? STILL_SECONDS_QUICK : STILL_SECONDS;
        int moving = quick ? MOVING_SECONDS_QUICK : MOVING_SECONDS;
        return List.of(
                new Film("still", "one still shot of " + still + " s", List.of(
                        "s1,A red square stays still on a blue background.," + still + ",cut"), still),
                new Film("moving", "one moving shot of " + moving + " s", List.of(
                        "m1,A yellow circle moves right on a black background.," + moving + ",cut"), moving),
                new Film("scene", "4 shots of 3-4 s: cut, crossfade, fade, cut", List.of(
                        "c1,A red square stays still on a blue background.,4,cut",
                        "c2,A yellow circle moves right on a black background.,3,crossfade",
                        "c3,A green triangle moves up on a white background.,4,fade",
                        "c4,A red square stays still on a blue background.,3,cut"), 14));
    }

    JsonNode run(Path dir) throws IOException {
        BenchWork bench = BenchWork.fresh(dir, NAME);
        Path work = bench.dir();
        RenderProcess farm = bench.farm();
        Path modelDir = bench.referenceModel(log, NAME);

        SeamsReport report = new SeamsReport(Results.machine(), options.quick(), MASTER);
        List<Film> films = films(options.quick());
        List<Path> csvs = new ArrayList<>();
        for (Film film : films) {
            report.film(film.name(), film.description(), film.seconds());
            csvs.add(film.writeCsv(work.resolve("films")));
        }
        for (int i = 0; i < films.size(); i++) {
            Film film = films.get(i);
            for (String strategy : SeamsReport.STRATEGIES) {
                RenderProcess.Run run = render(farm, work, film.name() + "-" + strategy, film, csvs.get(i), modelDir,
                        List.of("--strategy", strategy));
                report.add(film.name(), strategy, run.wallSeconds(), run.manifest(), run.cpu());
            }
        }
        for (int k : SWEEP) {
            RenderProcess.Run run = render(farm, work, "still-codenoise-k" + k, films.get(0), csvs.get(0), modelDir,
                    List.of("--strategy", "codenoise", "--sync-every", Integer.toString(k), "--stagger",
                            Integer.toString(k)));
            report.sweep(k, k, run.wallSeconds(), run.manifest(), run.cpu());
        }

        JsonNode json = report.json();
        Results.write(dir.resolve(NAME + ".json"), json);
        Charts.save(report.seamCharts(), 2, dir.resolve(NAME + ".png"));
        Charts.save(report.costCharts(), 2, dir.resolve(NAME + "-cost.png"));
        progress("wrote %s, %s and %s", dir.resolve(NAME + ".json"), dir.resolve(NAME + ".png"),
                dir.resolve(NAME + "-cost.png"));
        List<String> differ = report.modelWorkDiffers();
        if (!differ.isEmpty()) {
            throw new BenchmarkFailure("MODEL WORK DIFFERS between codenoise and independent (" + String.join("; ", differ)
                    + "); the cost comparison in " + dir.resolve(NAME + ".json") + " is not like for like");
        }
        return json;
    }

    private RenderProcess.Run render(RenderProcess farm, Path work, String label, Film film, Path csv, Path modelDir,
            List<String> args) throws IOException {
        quiet.await(label);
        progress("%s: rendering %s on %s %s", label, film.name(), MASTER, String.join(" ", args));
        RenderProcess.Run run = farm.render(label, work.resolve("runs").resolve(label), csv, film.name(), modelDir,
                MASTER, RenderBenchmark.LAUNCHER_HEAP, args);
        JsonNode job = run.manifest().path("job");
        progress("%s: %.1f s wall, render_job %.1f s, seam %s, drift %s, %s stages, %s sync rounds", label,
                run.wallSeconds(), run.timing("render_job"), run.manifest().at("/seams/film").asText(),
                run.manifest().at("/seams/drift_latent_px").asText(), job.path("spark_stages").asText(),
                job.path("sync_rounds").asText());
        return run;
    }

    private void progress(String format, Object... args) {
        BenchLog.line(log, "seams", format, args);
    }
}
