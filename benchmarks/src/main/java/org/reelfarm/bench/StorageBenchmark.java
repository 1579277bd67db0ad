package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.knowm.xchart.CategoryChart;
import org.reelfarm.model.ModelCache;
import org.reelfarm.storage.S3Process;

/**
 * {@code bench storage} (issue 13): what S3 costs a render. The same preview film (10 minutes;
 * {@code --quick}: 2 minutes) is rendered on {@value #MASTER} with {@code --out} on local disk and
 * on an S3 server (S3Mock on 127.0.0.1, started here, as the tests run it), each a fresh JVM,
 * alternating, {@code --repeat} rounds. Reports:
 *
 * <ul>
 *   <li>storage's share of the wall: (S3 wall − local wall) ÷ S3 wall, medians (goal ≤ 5 %);
 *   <li>upload throughput: the rendered film.mp4, and {@value #BULK_MB} MB of random bytes, put to
 *       the S3 server and to local disk through the Hadoop file system, MB/s, best of {@value #UPLOADS};
 *   <li>the model copy of {@code --model s3a://}: the reference model fetched from the S3 server
 *       into an empty local cache by the code the executors run ({@link ModelCache#localDirectory}).
 * </ul>
 *
 * The S3 server runs on the same two cores as the render, so its own CPU is part of the cost:
 * an upper bound for a remote store with the same bandwidth. Its CPU-seconds during each S3
 * render are read from {@code /proc}, and the share is estimated again with them spread over the
 * two cores taken off the S3 wall. Writes {@code DIR/storage.json} and
 * {@code DIR/storage.png}; the work area {@code DIR/storage/} is replaced on every run.
 */
final class StorageBenchmark {
    static final String NAME = "storage";
    static final String MASTER = "local[2]";
    static final int SHOTS = 100; // 600 s of film
    static final int SHOTS_QUICK = 20;
    static final int UPLOADS = 3;
    static final int BULK_MB = 64;
    static final double SHARE_GOAL = 0.05;
    /** The cores the render and the server share. */
    static final int CORES = 2;

    private final BenchOptions options;
    private final QuietMachine quiet;
    private final PrintStream log;

    StorageBenchmark(BenchOptions options, PrintStream log) {
        this.options = options;
        this.quiet = new QuietMachine(options.maxWaitSeconds() * 1000L, log);
        this.log = log;
    }

    JsonNode run(Path dir) throws IOException {
        BenchWork bench = BenchWork.fresh(dir, NAME);
        Path work = bench.dir();
        RenderProcess farm = bench.farm();
        Path modelDir = bench.referenceModel(log, NAME);
        PreviewFilm film = PreviewFilm.of(options.quick() ? "preview-2min" : "preview-10min",
                options.quick() ? SHOTS_QUICK : SHOTS);
        Path csv = film.writeCsv(work.resolve("films"));

        progress("starting the S3 server (S3Mock on 127.0.0.1, full JIT)");
        try (S3Process s3 = S3Process.startedForThroughput("films", "models")) {
            List<RenderProcess.Run> local = new ArrayList<>();
            List<RenderProcess.Run> remote = new ArrayList<>();
            List<Double> serverCpu = new ArrayList<>();
            for (int round = 1; round <= options.repeat(); round++) {
                local.add(render(farm, work, "local-" + round, film, csv, modelDir, List.of(),
                        RenderProcess.Output.local(work.resolve("runs/local-" + round + "/out"))));
                long before = CpuSample.processTicks(s3.pid());
                remote.add(render(farm, work, "s3-" + round, film, csv, modelDir, s3.sparkConfArgs(),
                        onS3(s3, "s3a://films/s3-" + round)));
                serverCpu.add((CpuSample.processTicks(s3.pid()) - before) / CpuSample.TICKS_PER_SECOND);
            }
            ObjectNode json = Results.object();
            json.set("machine", Results.machine());
            json.put("master", MASTER);
            json.put("film", film.name());
            json.put("film_seconds", film.lines().size() * PreviewFilm.SHOT_SECONDS);
            json.put("store", "S3Mock on 127.0.0.1, on the cores of the render");
            double localWall = RenderReport.median(local, RenderProcess.Run::wallSeconds);
            double s3Wall = RenderReport.median(remote, RenderProcess.Run::wallSeconds);
            double localJob = RenderReport.median(local, r -> r.timing("render_job"));
            double s3Job = RenderReport.median(remote, r -> r.timing("render_job"));
            json.put("local_wall_s", Results.round(localWall));
            json.put("s3_wall_s", Results.round(s3Wall));
            json.put("local_render_job_s", Results.round(localJob));
            json.put("s3_render_job_s", Results.round(s3Job));
            double share = (s3Wall - localWall) / s3Wall;
            json.put("storage_share_of_wall", Results.round(share));
            // The server's CPU-seconds during an S3 render, taken from the cores the render needed:
            // spread over both, what the wall would lose if the server ran elsewhere. An estimate
            // for a remote store of this one's bandwidth; the goal is on the measured share.
            double cpu = serverCpu.stream().sorted().toList().get(serverCpu.size() / 2);
            double elsewhere = (s3Wall - cpu / CORES - localWall) / (s3Wall - cpu / CORES);
            json.put("s3_server_cpu_s", Results.round(cpu));
            json.put("storage_share_server_elsewhere_estimate", Results.round(elsewhere));
            // Where the time goes, per phase (timings_s of the manifests, first round).
            json.set("local_timings_s", local.get(0).manifest().path("timings_s"));
            json.set("s3_timings_s", remote.get(0).manifest().path("timings_s"));
            json.set("walls_s", Results.JSON.valueToTree(List.of(
                    local.stream().map(r -> Results.round(r.wallSeconds())).toList(),
                    remote.stream().map(r -> Results.round(r.wallSeconds())).toList())));

            // The film itself (small: the reference model's frames compress well), and a bulk file
            // of incompressible bytes the size of a feature's film, for bandwidth.
            Path mp4 = work.resolve("runs/local-1/out").resolve(film.name()).resolve("film.mp4");
            Path bulk = work.resolve("bulk.bin");
            byte[] bytes = new byte[BULK_MB * 1_000_000];
            new java.util.Random(13).nextBytes(bytes);
            Files.write(bulk, bytes);
            ObjectNode uploads = Results.object();
            double s3Rate = 0;
            double diskRate = 0;
            for (Path file : List.of(mp4, bulk)) {
                double megabytes = Files.size(file) / 1e6;
                String name = file.getFileName().toString();
                s3Rate = bestRate(s3.hadoopConfiguration(), file, "s3a://films/upload/" + name, megabytes);
                diskRate = bestRate(new Configuration(), file, work.resolve("upload").resolve(name).toUri().toString(),
                        megabytes);
                ObjectNode upload = uploads.putObject(name);
                upload.put("mb", Results.round(megabytes));
                upload.put("s3_mb_per_s", Results.round(s3Rate));
                upload.put("local_disk_mb_per_s", Results.round(diskRate));
            }
            json.set("uploads", uploads);

            double copySeconds = modelCopySeconds(s3, modelDir, work.resolve("model-cache"));
            json.put("model_mb", Results.round(treeBytes(modelDir) / 1e6));
            json.put("model_copy_s", Results.round(copySeconds));

            ObjectNode goals = Results.object();
            Results.goal(goals, "storage_share_of_wall", "<= " + SHARE_GOAL, share, share <= SHARE_GOAL);
            json.set("goals", goals);
            Results.write(dir.resolve(NAME + ".json"), json);
            Charts.save(charts(localWall, s3Wall, localJob, s3Job, s3Rate, diskRate), 2, dir.resolve(NAME + ".png"));
            progress("storage share of the wall %.1f %% (server's %.1f CPU-s elsewhere: %.1f %%); upload of %d MB %.0f MB/s"
                    + " to S3, %.0f MB/s to disk; model copy %.2f s; wrote %s and %s", 100 * share, cpu, 100 * elsewhere,
                    BULK_MB, s3Rate, diskRate, copySeconds, dir.resolve(NAME + ".json"), dir.resolve(NAME + ".png"));
            return json;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while starting the S3 server", e);
        }
    }

    /** Films under {@code prefix} on the server; a manifest is read back through s3a. */
    private static RenderProcess.Output onS3(S3Process s3, String prefix) {
        return new RenderProcess.Output() {
            public String out() {
                return prefix + "/";
            }

            public JsonNode manifest(String film) throws IOException {
                try (FileSystem fs = s3.bucket("films");
                        var in = fs.open(new org.apache.hadoop.fs.Path(prefix + "/" + film + "/manifest.json"))) {
                    return Results.JSON.readTree(in);
                }
            }
        };
    }

    private RenderProcess.Run render(RenderProcess farm, Path work, String label, PreviewFilm film, Path csv,
            Path modelDir, List<String> args, RenderProcess.Output output) throws IOException {
        quiet.await(label);
        progress("%s: rendering %s on %s --out %s", label, film.name(), MASTER, output.out());
        try (RenderProcess.Running running = farm.start(label, work.resolve("runs").resolve(label), csv, film.name(),
                modelDir, MASTER, RenderBenchmark.LAUNCHER_HEAP, args, output)) {
            RenderProcess.Run run = running.await();
            progress("%s: %.1f s wall, render_job %.1f s", label, run.wallSeconds(), run.timing("render_job"));
            return run;
        }
    }

    /** MB/s of the best of {@value #UPLOADS} copies of {@code file} to {@code target} through Hadoop. */
    private double bestRate(Configuration conf, Path file, String target, double megabytes) throws IOException {
        quiet.await("upload to " + target);
        conf.setBoolean("fs.s3a.impl.disable.cache", true);
        org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(target);
        double best = Double.MAX_VALUE;
        try (FileSystem fs = to.getFileSystem(conf)) {
            for (int i = 0; i < UPLOADS; i++) {
                long t0 = System.nanoTime();
                fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()), to);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
        }
        return megabytes / best;
    }

    /** Seconds to fetch the model from the server into an empty cache, as an executor does. */
    private double modelCopySeconds(S3Process s3, Path modelDir, Path cache) throws IOException {
        try (FileSystem fs = s3.bucket("models")) {
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(modelDir.toUri()),
                    new org.apache.hadoop.fs.Path("s3a://models/reference"));
        }
        quiet.await("model copy");
        Configuration conf = s3.hadoopConfiguration();
        conf.set("reelfarm.model.cache.dir", cache.toString());
        long t0 = System.nanoTime();
        Path copied = ModelCache.localDirectory("s3a://models/reference", () -> conf);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!Files.isRegularFile(copied.resolve("saved_model.pb"))) {
            throw new BenchmarkFailure("the model copy in " + copied + " has no saved_model.pb");
        }
        return seconds;
    }

    private static long treeBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private List<CategoryChart> charts(double localWall, double s3Wall, double localJob, double s3Job, double s3Rate,
            double diskRate) {
        CategoryChart walls = Charts.bars(String.format("%s, --out local vs S3: storage %.1f %% of the wall (goal <= %.0f %%)",
                MASTER, 100 * (s3Wall - localWall) / s3Wall, 100 * SHARE_GOAL), "", "seconds");
        walls.addSeries("wall", List.of("local disk", "S3"), List.of(localWall, s3Wall));
        walls.addSeries("render_job", List.of("local disk", "S3"), List.of(localJob, s3Job));
        CategoryChart uploads = Charts.bars("Upload of " + BULK_MB + " MB through Hadoop (best of " + UPLOADS + ")", "",
                "MB/s");
        uploads.addSeries("MB/s", List.of("S3 server", "local disk"), List.of(s3Rate, diskRate));
        return List.of(walls, uploads);
    }

    private void progress(String format, Object... args) {
        BenchLog.line(log, NAME, format, args);
    }
}
