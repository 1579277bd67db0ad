package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stage-level GPU scheduling on a real standalone cluster: one Worker with 2 cores and 1 (fake)
 * GPU. Only the denoise stages ask for a GPU, so they run one task at a time while the segment
 * stage (blend, decode, encode) runs two. The task timeline is Spark's own listener record, the
 * event log ({@code spark.eventLog.enabled}): every task's stage, launch and finish time, and
 * every stage's resource profile.
 */
class GpuStagesIT {
    @RegisterExtension
    static final StandaloneCluster TWO_CORES_ONE_GPU = StandaloneCluster.withWorkers(1).withCoresPerWorker(2)
            .withFakeGpusPerWorker(1);

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path lesson;
    static Path model;
    static final Map<String, Path> FILMS = new ConcurrentHashMap<>();

    @BeforeAll
    static void setUp() throws IOException {
        model = TestModels.reference();
        lesson = dir.resolve("colours.md");
        Files.writeString(lesson, RenderIT.LESSON);
    }

    /** A finished render's output directory (with events/ for its event log), shared by the tests. */
    static Path render(String strategy, String master, String... extra) {
        return FILMS.computeIfAbsent(strategy + " " + master, key -> {
            Path out = dir.resolve("run-" + FILMS.size());
            Path events = out.resolveSibling(out.getFileName() + "-events");
            try {
                Files.createDirectories(events);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> args = new ArrayList<>(List.of("render", lesson.toString(), "--out", out.toString(), "--model",
                    model.toString(), "--master", master, "--steps", "8", "--batch", "2", "--strategy", strategy,
                    "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.compress=false",
                    "--conf", "spark.eventLog.dir=" + events.toUri()));
            args.addAll(List.of(extra));
            ReelfarmProcess.Result run = ReelfarmProcess.run("2g", args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            return out;
        });
    }

    /** Task spans of one run by kind: "denoise" (a stage with a resource profile), "segments", "other". */
    record Span(String kind, int stage, long start, long end) {}

    static List<Span> timeline(Path out) throws IOException {
        Path events = out.resolveSibling(out.getFileName() + "-events");
        Path log;
        try (Stream<Path> files = Files.list(events)) {
            log = files.filter(Files::isRegularFile).findFirst().orElseThrow(() -> new AssertionError("no event log in " + events));
        }
        Map<Integer, String> kinds = new HashMap<>();
        List<JsonNode> ends = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode event = JSON.readTree(line);
            switch (event.get("Event").asText()) {
                case "SparkListenerStageSubmitted" -> {
                    JsonNode stage = event.get("Stage Info");
                    // The segment stage is the job's collect (ingest's Spark NLP stage is a collectAsList).
                    String kind = stage.get("Resource Profile Id").asInt() != 0 ? "denoise"
                            : stage.get("Stage Name").asText().startsWith("collect at ") ? "segments" : "other";
                    kinds.put(stage.get("Stage ID").asInt(), kind);
                }
                case "SparkListenerTaskEnd" -> ends.add(event);
                default -> { }
            }
        }
        List<Span> spans = new ArrayList<>();
        for (JsonNode end : ends) {
            int stage = end.get("Stage ID").asInt();
            JsonNode info = end.get("Task Info");
            JsonNode metrics = end.get("Task Metrics");
            // The driver marks a task finished only after it has fetched the result, and it may
            // launch the next task on the freed slot before that: "Finish Time" overlaps the next
            // launch by a few ms. The slot is held from launch to the end of the executor's work.
            long busy = metrics.get("Executor Deserialize Time").asLong() + metrics.get("Executor Run Time").asLong()
                    + metrics.get("Result Serialization Time").asLong();
            long launch = info.get("Launch Time").asLong();
            spans.add(new Span(kinds.getOrDefault(stage, "other"), stage, launch, launch + Math.max(1, busy)));
        }
        return spans;
    }

    /** The most tasks of a kind running at the same instant (a task holds [launch, finish)). */
    static int concurrency(List<Span> spans, String kind) {
        List<long[]> edges = new ArrayList<>();
        spans.stream().filter(s -> s.kind().equals(kind)).forEach(s -> {
            edges.add(new long[] {s.start(), 1});
            edges.add(new long[] {s.end(), -1});
        });
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0, most = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }

    static List<String> frameHashes(Path out) throws IOException {
        List<String> hashes = new ArrayList<>();
        JSON.readTree(out.resolve("colours/manifest.json").toFile()).get("shots")
                .forEach(shot -> hashes.add(shot.get("frames_sha256").asText()));
        return hashes;
    }

    /**
     * Co-denoising, the default strategy, whose take-up and sync-round stages carry the profile.
     * (The independent strategy's batch stage carries it through the same {@code DenoiseResources}
     * call; it was checked the same way, 9 tasks at concurrency 1, and left out to keep the suite short.)
     */
    @Test
    void denoiseTasksTakeTheOneGpuInTurnWhileSegmentTasksUseBothCores() throws IOException {
        String strategy = "codenoise";
        List<Span> spans = timeline(render(strategy, TWO_CORES_ONE_GPU.masterUrl(), "--gpus", "1"));
        long denoiseTasks = spans.stream().filter(s -> s.kind().equals("denoise")).count();
        long segmentTasks = spans.stream().filter(s -> s.kind().equals("segments")).count();
        System.out.printf("%s on 1 worker, 2 cores, 1 GPU: %d denoise tasks in %d stages, concurrency %d;"
                + " %d segment tasks, concurrency %d%n", strategy, denoiseTasks,
                spans.stream().filter(s -> s.kind().equals("denoise")).map(Span::stage).distinct().count(),
                concurrency(spans, "denoise"), segmentTasks, concurrency(spans, "segments"));
        assertTrue(denoiseTasks >= 2, "denoise tasks: " + spans);
        assertTrue(segmentTasks >= 2, "segment tasks: " + spans);
        assertEquals(1, concurrency(spans, "denoise"), "denoise tasks overlapped: " + spans);
        assertEquals(2, concurrency(spans, "segments"), "segment tasks: " + spans);
    }

    /** Co-denoising, the default strategy (ClusterIT compares more clusters with local[2]). */
    @Test
    void framesOnTheGpuClusterEqualThoseOfLocalTwo() throws IOException {
        List<String> local = frameHashes(render("codenoise", "local[2]"));
        assertEquals(3, local.size());
        assertEquals(local, frameHashes(render("codenoise", TWO_CORES_ONE_GPU.masterUrl(), "--gpus", "1")));
    }

    @Test
    void aLocalRunHasNoResourceProfile() throws IOException {
        List<Span> spans = timeline(render("codenoise", "local[2]"));
        assertTrue(spans.stream().anyMatch(s -> s.kind().equals("segments")), spans.toString());
        assertEquals(0, spans.stream().filter(s -> s.kind().equals("denoise")).count(), spans.toString());
    }
}
