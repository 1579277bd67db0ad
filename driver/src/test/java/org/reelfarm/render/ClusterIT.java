package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.storage.S3Server;

/**
 * Renders on real standalone clusters (a Master, Workers and executors, each its own JVM): the
 * frames do not depend on the number of workers, survive the loss of an executor, and a task on a
 * Worker with (fake) GPUs gets one. The two-worker render writes its film to a real S3 server,
 * as a cluster whose machines share no disk must. Every comparison is between runs of the same
 * command.
 */
class ClusterIT {
    @RegisterExtension
    static final StandaloneCluster ONE_WORKER_WITH_GPU = StandaloneCluster.withWorkers(1).withFakeGpusPerWorker(1);

    @RegisterExtension
    static final StandaloneCluster TWO_WORKERS = StandaloneCluster.withWorkers(2);

    @RegisterExtension
    static final S3Server S3 = S3Server.withBuckets("films");

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path lesson;
    static Path model;
    /** Finished renders by name, so tests share the reference runs. */
    static final Map<String, Path> FILMS = new ConcurrentHashMap<>();

    @BeforeAll
    static void setUp() throws IOException {
        model = TestModels.reference();
        lesson = dir.resolve("colours.md");
        Files.writeString(lesson, RenderIT.LESSON);
    }

    /** The command every test runs; only the master, GPUs and output differ. */
    static List<String> command(Path out, String master, String... extra) {
        return command(out.toString(), master, extra);
    }

    static List<String> command(String out, String master, String... extra) {
        List<String> args = new ArrayList<>(List.of("render", lesson.toString(), "--out", out, "--model",
                model.toString(), "--master", master, "--steps", "8", "--batch", "2"));
        args.addAll(List.of(extra));
        return args;
    }

    static Path film(String name, String master, String... extra) {
        return FILMS.computeIfAbsent(name, n -> {
            Path out = dir.resolve(n);
            ReelfarmProcess.Result run = ReelfarmProcess.run("2g", command(out, master, extra).toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            return out.resolve("colours");
        });
    }

    /** {@link #film} with {@code --out s3a://films/NAME/}; the film is downloaded once it is rendered. */
    static Path filmOnS3(String name, String master) {
        return FILMS.computeIfAbsent(name, n -> {
            List<String> args = command("s3a://films/" + n + "/", master);
            args.addAll(S3.sparkConfArgs());
            ReelfarmProcess.Result run = ReelfarmProcess.run("2g", args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            Path local = dir.resolve(n);
            try (org.apache.hadoop.fs.FileSystem films = S3.bucket("films")) {
                films.copyToLocalFile(false, new org.apache.hadoop.fs.Path("s3a://films/" + n + "/colours"),
                        new org.apache.hadoop.fs.Path(local.resolve("colours").toUri()), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return local.resolve("colours");
        });
    }

    static List<String> frameHashes(Path film) {
        try {
            JsonNode manifest = JSON.readTree(film.resolve("manifest.json").toFile());
            List<String> hashes = new ArrayList<>();
            manifest.get("shots").forEach(shot -> hashes.add(shot.get("frames_sha256").asText()));
            return hashes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void framesOnOneAndTwoWorkersEqualThoseOfLocalTwo() {
        List<String> local = frameHashes(film("local2", "local[2]"));
        assertEquals(3, local.size());
        assertEquals(local, frameHashes(film("one-worker-gpu", ONE_WORKER_WITH_GPU.masterUrl(), "--gpus", "1")));
        Path onS3 = filmOnS3("two-workers", TWO_WORKERS.masterUrl());
        assertEquals(local, frameHashes(onS3));
        long frames = 0;
        try { // the film read back from S3 holds every frame its manifest lists
            for (JsonNode shot : JSON.readTree(onS3.resolve("manifest.json").toFile()).get("shots")) {
                frames += shot.get("frames").asLong();
            }
            assertEquals(frames, org.reelfarm.encode.Mp4Frames.probe(onS3.resolve("film.mp4")).frameCount());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTaskOnAWorkerWithAGpuGetsItsAddressAndTensorFlowStaysOnTheCpu() {
        Path film = film("one-worker-gpu", ONE_WORKER_WITH_GPU.masterUrl(), "--gpus", "1");
        // This cluster runs only renders with --gpus 1.
        List<String> loads = ONE_WORKER_WITH_GPU.executorLogs().stream()
                .flatMap(log -> StandaloneCluster.read(log).lines())
                .filter(line -> line.contains("ModelCache: loaded model"))
                .toList();
        assertFalse(loads.isEmpty(), "an executor loaded the model");
        // The worker's one fake GPU has address 0; a denoise task hands it to TensorFlow as its
        // device. Segment tasks (decode) ask for no GPU (DenoiseResources) and load a CPU model.
        assertEquals(Set.of("GPU 0", "CPU"), loads.stream()
                .map(line -> line.substring(line.lastIndexOf('(') + 1, line.length() - 1)).collect(Collectors.toSet()),
                loads.toString());
        // No GPU exists, so TensorFlow runs on the CPU: the frames are those of a CPU run.
        assertEquals(frameHashes(film("local2", "local[2]")), frameHashes(film));
    }

    @Test
    void aFilmSurvivesTheLossOfAnExecutorMidDenoiseWithIdenticalFrames() throws Exception {
        List<String> undisturbed = frameHashes(filmOnS3("two-workers", TWO_WORKERS.masterUrl()));
        Set<Path> before = new HashSet<>(TWO_WORKERS.executorLogs());
        Path out = dir.resolve("two-workers-executor-killed");
        ReelfarmProcess.Result run;
        try (ReelfarmProcess.Running render = ReelfarmProcess.start("2g",
                command(out, TWO_WORKERS.masterUrl()).toArray(String[]::new))) {
            // The first executor that logs denoising work (a batch of independent windows, or a sync
            // round of co-denoised ones, the default): it is in the denoise stage with work to go,
            // and what it holds (cached window state, shuffle output) dies with it.
            Path denoising = null;
            while (denoising == null && render.isAlive()) {
                denoising = firstLogWith(TWO_WORKERS.executorLogs(), before, "denoised", "sync round").orElse(null);
                Thread.sleep(50);
            }
            assertTrue(denoising != null, "no executor logged a denoised batch before the render ended:\n"
                    + render.errSoFar());
            long pid = StandaloneCluster.pidOf(denoising);
            ProcessHandle executor = ProcessHandle.of(pid).orElseThrow();
            assertTrue(TWO_WORKERS.executors().contains(executor), "pid " + pid + " is an executor of the cluster");
            assertTrue(executor.destroyForcibly(), "killed executor " + pid);
            executor.onExit().get();
            assertTrue(render.isAlive(), "the render was still running when its executor died");
            run = render.await();
        }
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("Lost executor"), "the driver saw the executor go:\n" + run.err());
        List<Path> executorsOfRun = TWO_WORKERS.executorLogs().stream().filter(log -> !before.contains(log)).toList();
        assertTrue(executorsOfRun.size() >= 3, "a Worker launched a replacement executor: " + executorsOfRun);
        assertEquals(undisturbed, frameHashes(out.resolve("colours")));
        System.out.printf("render on 2 workers: %.1f s undisturbed, %.1f s with an executor killed%n",
                totalSeconds(filmOnS3("two-workers", TWO_WORKERS.masterUrl())), totalSeconds(out.resolve("colours")));
    }

    static double totalSeconds(Path film) throws IOException {
        return JSON.readTree(film.resolve("manifest.json").toFile()).get("timings_s").get("total").asDouble();
    }

    @Test
    void withoutRetriesLosingAnExecutorDuringATaskFailsTheRender() throws Exception {
        Set<Path> before = new HashSet<>(TWO_WORKERS.executorLogs());
        Path out = dir.resolve("two-workers-no-retries");
        ReelfarmProcess.Result run;
        try (ReelfarmProcess.Running render = ReelfarmProcess.start("2g",
                command(out, TWO_WORKERS.masterUrl(), "--max-retries", "0").toArray(String[]::new))) {
            // An executor that has begun loading the model and not finished is inside a task: the
            // load runs in the first task that needs the model, and takes seconds.
            Path loading = null;
            while (loading == null && render.isAlive()) {
                loading = TWO_WORKERS.executorLogs().stream().filter(log -> !before.contains(log))
                        .filter(log -> {
                            String text = StandaloneCluster.read(log);
                            return text.contains("ModelCache: loading model") && !text.contains("ModelCache: loaded model");
                        })
                        .findFirst().orElse(null);
                Thread.sleep(20);
            }
            assertTrue(loading != null, "no executor was caught loading the model:\n" + render.errSoFar());
            ProcessHandle executor = ProcessHandle.of(StandaloneCluster.pidOf(loading)).orElseThrow();
            assertTrue(TWO_WORKERS.executors().contains(executor), executor.pid() + " is an executor of the cluster");
            executor.destroyForcibly();
            run = render.await();
        }
        assertEquals(1, run.exitCode(), run.err());
        // spark.task.maxFailures = 1: the task lost with its executor is not tried again.
        assertTrue(run.err().contains("failed 1 times"), run.err());
        assertTrue(run.err().contains("ExecutorLostFailure"), run.err());
        assertFalse(Files.exists(out.resolve("colours")), "no film appears from a failed render");
    }

    static Optional<Path> firstLogWith(List<Path> logs, Set<Path> except, String... texts) {
        return logs.stream().filter(log -> !except.contains(log))
                .filter(log -> {
                    String content = StandaloneCluster.read(log);
                    return java.util.Arrays.stream(texts).anyMatch(content::contains);
                }).findFirst();
    }
}
