package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures {@code bench library} takes from a render's GC log and manifest. */
class LibraryBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void theLiveHeapIsTakenAfterCollectionsOfTheOldGeneration() throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, """
                [0.010s][info][gc] Using G1
                [1.500s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M) 5.1ms
                [9.000s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 1959M->1902M(2118M) 22.7ms
                [9.400s][info][gc] GC(8) Pause Cleanup 652M->652M(2118M) 0.6ms
                [9.600s][info][gc] GC(9) Pause Young (Mixed) (G1 Evacuation Pause) 1717M->1438M(2118M) 19.2ms
                [9.800s][info][gc] GC(10) Pause Young (Mixed) (G1 Evacuation Pause) 1528M->901M(2118M) 16.7ms
                [10.50s][info][gc] GC(11) Pause Young (Normal) (G1 Evacuation Pause) 1100M->1000M(2118M) 9.0ms
                [12.00s][info][gc] GC(12) Pause Full (G1 Compaction Pause) 2G->1G(2118M) 80.1ms
                [13.00s][info][gc] GC(13) Pause Young (Mixed) (G1 Evacuation Pause) 900K->512K(2118M) 1.0ms
                """);
        List<GcLog.Sample> heap = GcLog.timeline(log);
        assertEquals(8, heap.size(), "every pause with a before->after figure");
        assertEquals(List.of(false, false, false, false, true, false, true, true),
                heap.stream().map(GcLog.Sample::oldCollected).toList(),
                "the old generation is collected after the last mixed pause of a run and after a full one");
        LibraryBenchmark.Watched watched = new LibraryBenchmark.Watched(null, List.of(), heap, List.of(), 0);
        assertEquals(1902, watched.peakHeapAfterGc(), 1e-9);
        assertEquals(1024, watched.peakHeapAfterOldGc(), 1e-9, "the full pause's 1G; young pauses hold old garbage");
        assertEquals(1024, watched.peakLiveHeap(), 1e-9, "no live sample: the peak after an old collection");
        LibraryBenchmark.Watched sampled = new LibraryBenchmark.Watched(null, List.of(), heap,
                List.of(new LibraryBenchmark.Point(15, 700), new LibraryBenchmark.Point(30, 750),
                        new LibraryBenchmark.Point(45, 640)), 0);
        assertEquals(750, sampled.peakLiveHeap(), 1e-9, "the largest sample, whatever the log says");
        assertEquals(0.5, heap.get(7).heapMb(), 1e-9);
    }

    @Test
    void withoutAnOldCollectionTheLiveHeapIsTheWholePeak() throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log,
                "[1.5s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M) 5ms\n");
        LibraryBenchmark.Watched watched = new LibraryBenchmark.Watched(null, List.of(), GcLog.timeline(log), List.of(), 0);
        assertEquals(120, watched.peakHeapAfterOldGc(), 1e-9);
    }

    @Test
    void aRoundCostsTheJobsWallLessItsTaskTimeOnTwoCoresPerRound() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree("""
                {"job": {"sync_rounds": 25},
                 "timings_s": {"render_job": 90.0, "executor_tasks": 170.0, "executor_denoise": 80.0,
                   "executor_blend": 1.0, "executor_decode": 15.0, "executor_encode": 40.0, "executor_checkpoint": 2.0}}
                """);

        assertEquals((90.0 - 170.0 / 2) / 25, LibraryBenchmark.roundCost(manifest), 1e-9);
        assertEquals(138.0, LibraryBenchmark.executorWork(manifest), 1e-9, "the work tasks time themselves");
    }
}
