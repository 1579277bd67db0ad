package org.reelfarm.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The farm's own costs and the schedule's settings, as the simulator uses them. {@link #DEFAULTS}
 * documents where each figure comes from (README "Capacity planning"); {@link #withMeasured}
 * takes the figures a bench run measured from {@code DIR/overheads.json} (same keys, snake case).
 *
 * @param perRoundS wall of one codenoise stage's barrier beyond its tasks' work (a stage is one sync
 *     round, or the rounds between two saves when no shot is cut over partitions)
 * @param perTaskS scheduling and serialization cost of one Spark task
 * @param perCallS fixed cost of one batched model call (kernel launches, host-device copies)
 * @param startS fixed cost of a render's start beyond its stages and model loads, once per render:
 *     its first Spark job's class loading and JIT, the executors taking their first tasks
 * @param encodePixelsPerCpuS H.264 encode rate of one CPU core, pixels per second
 * @param cpusPerReplica CPU cores next to each replica's GPUs, for blend/decode/encode
 * @param failureRate probability that a task fails and is retried
 * @param executorLossPerHour probability per executor-hour that an executor is lost
 * @param stragglerProbability probability that a task is a straggler
 * @param stragglerFactor how much longer a straggler takes
 * @param checkpointEvery sync rounds between saved window states (lost rounds are redone from there)
 * @param outputBitsPerPixel H.264 bits per pixel of film, for the output size
 * @param storageMBps driver's remux/publish bandwidth, MB/s
 * @param segmentSeconds seconds of film per encoded segment
 * @param syncEvery ticks per sync round ({@code --sync-every})
 * @param stagger ticks between neighbouring windows ({@code --stagger})
 * @param batch windows per model call ({@code --batch})
 * @param codenoise codenoise's rounds (true) or one stage of independent batches (false)
 * @param seed seed of the stragglers and failures (the simulation is deterministic)
 */
public record Overheads(double perRoundS, double perTaskS, double perCallS, double startS,
        double encodePixelsPerCpuS, int cpusPerReplica, double failureRate, double executorLossPerHour,
        double stragglerProbability, double stragglerFactor, int checkpointEvery, double outputBitsPerPixel,
        double storageMBps, double segmentSeconds, int syncEvery, int stagger, int batch, boolean codenoise,
        long seed) {

    /** Measured here where marked (benchmarks/README.md), assumed otherwise; see README "Capacity planning". */
    public static final Overheads DEFAULTS = new Overheads(
            0.13,      // measured: codenoise vs independent render job on the 10-minute film, (69.8 - 66.1) s / 29 extra stages
            0.05,      // assumed: Spark task launch, typical 10-100 ms
            0.01,      // assumed: fixed cost of a GPU model call
            4.0,       // measured: bench capacity's fitted start cost on the 2-worker standalone cluster, 3.96 s
            22.1e6,    // measured: 14,400 frames of 256x192 encoded in 32 s of executor time (10-minute film)
            8,         // assumed: 8 CPU cores per GPU, as on common 8-GPU servers
            0.001,     // assumed: one task in a thousand fails once
            0.001,     // assumed: 0.1 % chance per executor-hour of losing an executor (on-demand, not spot, GPUs)
            0.01,      // assumed: 1 % of tasks straggle
            1.25,      // assumed: a straggler takes 1.25 times as long
            10,        // Reelfarm: codenoise saves window state every 10 rounds
            0.1,       // assumed: H.264 at CRF ~23, about 0.1 bit per pixel
            200,       // assumed: 200 MB/s to the output store
            5,         // Reelfarm: 5-second segments
            1, 1, 4, true, 17L);

    public Overheads {
        if (perRoundS < 0 || perTaskS < 0 || perCallS < 0 || startS < 0 || !(encodePixelsPerCpuS > 0)
                || cpusPerReplica < 1 || failureRate < 0 || failureRate >= 1 || executorLossPerHour < 0
                || stragglerProbability < 0
                || stragglerProbability > 1 || stragglerFactor < 1 || checkpointEvery < 1 || outputBitsPerPixel < 0
                || !(storageMBps > 0) || !(segmentSeconds > 0) || syncEvery < 1 || stagger < 0 || batch < 1) {
            throw new CapacityException("impossible overheads: times and rates must be >= 0, rates of failure below 1,"
                    + " the straggler factor >= 1 and counts >= 1");
        }
    }

    public Overheads withSchedule(int newSyncEvery, int newStagger, int newBatch, boolean newCodenoise) {
        return new Overheads(perRoundS, perTaskS, perCallS, startS, encodePixelsPerCpuS, cpusPerReplica,
                failureRate, executorLossPerHour, stragglerProbability, stragglerFactor, checkpointEvery,
                outputBitsPerPixel, storageMBps, segmentSeconds, newSyncEvery, newStagger, newBatch, newCodenoise,
                seed);
    }

    public Overheads withFailures(double newFailureRate, double newLossPerHour, double newStragglerProbability) {
        return new Overheads(perRoundS, perTaskS, perCallS, startS, encodePixelsPerCpuS, cpusPerReplica,
                newFailureRate, newLossPerHour, newStragglerProbability, stragglerFactor, checkpointEvery,
                outputBitsPerPixel, storageMBps, segmentSeconds, syncEvery, stagger, batch, codenoise, seed);
    }

    /** These overheads with the figures in {@code dir/overheads.json}, if that file exists. */
    public Overheads withMeasured(Path dir) {
        Path file = dir.resolve("overheads.json");
        if (!Files.isRegularFile(file)) {
            return this;
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new CapacityException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Overheads(n.path("per_round_s").asDouble(perRoundS), n.path("per_task_s").asDouble(perTaskS),
                n.path("per_call_s").asDouble(perCallS), n.path("start_s").asDouble(startS),
                n.path("encode_pixels_per_cpu_s").asDouble(encodePixelsPerCpuS),
                cpusPerReplica, failureRate, executorLossPerHour, stragglerProbability, stragglerFactor, checkpointEvery,
                outputBitsPerPixel, storageMBps, segmentSeconds, syncEvery, stagger, batch, codenoise, seed);
    }
}
