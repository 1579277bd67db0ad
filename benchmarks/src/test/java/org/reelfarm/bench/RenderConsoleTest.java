package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RenderConsoleTest {
    static final String CODENOISE_CONSOLE = """
            WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
            I0000 00:00:1795660430.194844     346 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled
            film60: 10 shots, 60.0 s, 1440 frames, 60 windows in 15 batches, 300 model calls
              co-denoising 60 windows in 25 sync rounds (8 partitions, window states saved every 10 rounds)
              sync round 10/25  (7 s)
            """;

    @Test
    void syncRoundsAreTheOnesTheDriverAnnounced() {
        assertEquals(OptionalInt.of(25), RenderConsole.syncRounds(CODENOISE_CONSOLE));
        assertEquals(OptionalInt.empty(), RenderConsole.syncRounds("film60: 10 shots, 60.0 s\n"));
    }

    @Test
    void theRenderJobStartsOnceTheFilmIsPlanned() {
        assertTrue(RenderConsole.renderJobStarting(CODENOISE_CONSOLE));
        assertFalse(RenderConsole.renderJobStarting(CODENOISE_CONSOLE.lines().limit(2).reduce("", (a, b) -> a + b + "\n")));
        assertTrue(RenderConsole.renderJobStarting(
                "faults-18s: 3 shots, 18.0 s, 432 frames, 18 windows in 5 batches, 100 model calls\n"));
    }

    @Test
    void aResumedRenderNamesTheRoundItTookTheFilmUpAfter() {
        assertEquals(20, RenderConsole.resumedAfterRound(
                "film60: resuming co-denoising after sync round 20: 60 windows taken up from their saved state\n"));
        assertEquals(0, RenderConsole.resumedAfterRound(CODENOISE_CONSOLE));
    }

    @Test
    void latestExecutorRoundIsTheHighestReported() {
        String log = """
                02:38:48.348 INFO  SyncRounds: sync round 0: 8 windows of partition 1 took 1 steps in 1 batched calls, 687 ms
                02:38:49.348 INFO  SyncRounds: sync round 12: 8 windows of partition 3 took 1 steps in 1 batched calls, 12 ms
                02:38:49.948 INFO  SyncRounds: sync round 11: 8 windows of partition 5 took 1 steps in 1 batched calls, 12 ms
                02:38:50.001 INFO  Executor: Finished task 5.0 in stage 14.0 (TID 90)
                """;
        assertEquals(12, RenderConsole.latestExecutorRound(log));
        assertEquals(-1, RenderConsole.latestExecutorRound("02:38:02.449 INFO  Executor: Starting executor ID 1\n"));
    }

    @Test
    void lastLineSkipsTensorFlowsOwnLogLines() {
        assertEquals("sync round 10/25  (7 s)", RenderConsole.lastLine(CODENOISE_CONSOLE + "\n\n"));
        assertEquals("", RenderConsole.lastLine(CODENOISE_CONSOLE.lines().limit(2).reduce("", (a, b) -> a + b + "\n")));
        assertEquals("", RenderConsole.lastLine(""));
    }

    @Test
    void framesAreComparedShotByShot() throws Exception {
        RenderProcess.Run full = run("full", "[\"aa\", \"bb\"]");

        assertEquals(List.of("aa", "bb"), RenderConsole.frameHashes(full.manifest()));
        assertDoesNotThrow(() -> RenderConsole.checkSameFrames(full, run("resumed", "[\"aa\", \"bb\"]")));
        BenchmarkFailure e = assertThrows(BenchmarkFailure.class,
                () -> RenderConsole.checkSameFrames(full, run("resumed", "[\"aa\", \"cc\"]")));
        assertTrue(e.getMessage().startsWith("FRAMES DIFFER: resumed (/tmp/runs/resumed) has shots with frames_sha256"
                + " [aa, cc], full (/tmp/runs/full) [aa, bb]"), e.getMessage());
    }

    @Test
    void aManifestWithoutShotsNeverCountsAsTheSameFrames() throws Exception {
        assertThrows(BenchmarkFailure.class, () -> RenderConsole.checkSameFrames(run("a", "[]"), run("b", "[]")));
    }

    private static RenderProcess.Run run(String label, String hashes) throws Exception {
        JsonNode hashList = Results.JSON.readTree(hashes);
        StringBuilder shots = new StringBuilder("[");
        for (int i = 0; i < hashList.size(); i++) {
            shots.append(i == 0 ? "" : ",").append("{\"frames_sha256\": \"").append(hashList.get(i).asText()).append("\"}");
        }
        JsonNode manifest = Results.JSON.readTree("{\"shots\": " + shots + "]}");
        return new RenderProcess.Run(label, "film", "local[2]", "4g", 10, Path.of("/tmp/runs", label), manifest,
                new GcLog(0, 0, 0, 0), Optional.empty());
    }
}
