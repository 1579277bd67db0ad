package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a render says about its progress, read from the outside: the driver's console (standard
 * error), an executor's log and the manifest. Pure text parsing, so the faults benchmark can be
 * tested without rendering.
 */
final class RenderConsole {
    /** Driver: {@code   co-denoising 60 windows in 25 sync rounds (8 partitions, ...)}. */
    private static final Pattern ROUNDS = Pattern.compile("co-denoising \\d+ windows in (\\d+) sync rounds");
    /** Driver, once a film is planned: {@code film60: 10 shots, 60.0 s, 1440 frames, ... 300 model calls}. */
    private static final Pattern PLANNED = Pattern.compile(": \\d+ shots?, [0-9.]+ s, \\d+ frames, .* model calls");
    /** Driver, with {@code --resume}: {@code NAME: resuming co-denoising after sync round 10: ...}. */
    private static final Pattern RESUMED = Pattern.compile("resuming co-denoising after sync round (\\d+)");
    /** Executor: {@code RenderJob: sync round 12: 8 windows of partition 1 took ...}, rounds from 0. */
    /** TensorFlow's own log lines (absl): {@code I0000 00:00:...} and the warning that precedes them. */
    private static final Pattern TENSORFLOW_LOG = Pattern.compile("^([IWEF]\\d{4} \\d\\d:\\d\\d:|WARNING: All log messages before absl)");
    /** The log line {@code codenoise.SyncRounds} writes on an executor for each round of a partition. */
    private static final Pattern EXECUTOR_ROUND = Pattern.compile(
            "SyncRounds: sync round (\\d+): \\d+ windows of partition");

    private RenderConsole() {}

    /** The number of co-denoising sync rounds the driver announced; empty before it did (or independent). */
    static OptionalInt syncRounds(String console) {
        Matcher m = ROUNDS.matcher(console);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /**
     * Whether the driver has planned its films and is starting the Spark render job: it prints
     * {@code NAME: 10 shots, 60.0 s, 1440 frames, 60 windows in 15 batches, 300 model calls} then.
     */
    static boolean renderJobStarting(String console) {
        return PLANNED.matcher(console).find();
    }

    /** The sync round after which a resumed codenoise render took its film up; 0 if it started afresh. */
    static int resumedAfterRound(String console) {
        Matcher m = RESUMED.matcher(console);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The latest sync round (counted from 0) an executor's log reports; -1 if none yet. */
    static int latestExecutorRound(String executorLog) {
        Matcher m = EXECUTOR_ROUND.matcher(executorLog);
        int latest = -1;
        while (m.find()) {
            latest = Math.max(latest, Integer.parseInt(m.group(1)));
        }
        return latest;
    }

    /**
     * The console's last line that is Reelfarm's or Spark's, stripped: not blank and not one of
     * TensorFlow's native log lines ({@code I0000 00:00:... mlir_graph_...}); "" if there is none.
     */
    static String lastLine(String console) {
        List<String> lines = console.lines().filter(l -> !l.isBlank() && !TENSORFLOW_LOG.matcher(l).find()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    /** Each shot's {@code frames_sha256}, in shot order, from a manifest. */
    static List<String> frameHashes(JsonNode manifest) {
        List<String> hashes = new ArrayList<>();
        manifest.path("shots").forEach(shot -> hashes.add(shot.path("frames_sha256").asText()));
        return hashes;
    }

    /**
     * Fails the benchmark unless {@code actual} has the frames of {@code expected}: a render that
     * survived a fault with other frames did not survive it.
     */
    static void checkSameFrames(RenderProcess.Run expected, RenderProcess.Run actual) {
        List<String> want = frameHashes(expected.manifest());
        List<String> got = frameHashes(actual.manifest());
        if (want.isEmpty() || !want.equals(got)) {
            throw new BenchmarkFailure("FRAMES DIFFER: " + actual.label() + " (" + actual.dir() + ") has shots with"
                    + " frames_sha256 " + got + ", " + expected.label() + " (" + expected.dir() + ") " + want);
        }
    }
}
