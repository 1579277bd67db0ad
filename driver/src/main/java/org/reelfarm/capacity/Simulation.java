package org.reelfarm.capacity;

/**
 * What {@link FarmSimulator} found for one GPU count: the wall time and where it went. Times are
 * seconds; "gpu_s" figures are GPU-seconds (replica wall × GPUs per replica).
 */
public record Simulation(
        int gpus,
        int replicas,
        double wallS,
        Compute compute,
        Codenoise codenoise,
        Loads loads,
        Encode encode,
        Storage storage,
        Retries retries) {

    /** Model compute: window-steps and their GPU time, with the overlap's extra frames. */
    public record Compute(double videoSeconds, long windows, long windowSteps, double overlapFactor,
            double measuredOverlapFactor, double gpuS, double denoiseWallS, long tasks, double taskOverheadS) {}

    /**
     * Codenoise's model calls beyond independent windows', its sync rounds and the Spark stages
     * they run in (one per round when a shot is cut over partitions), each ending in a barrier.
     */
    public record Codenoise(boolean enabled, long modelCalls, long independentCalls, double extraCallsGpuS,
            int syncRounds, int stages, double roundOverheadWallS) {}

    /**
     * Start-up: the render's fixed start cost ({@link Overheads#startS}), and model loads, one per
     * executor at the start and one per replaced executor; {@code wallS} is the start-up's wall.
     */
    public record Loads(int executors, int loads, double secondsPerLoad, double startS, double wallS, double gpuS) {}

    /** Blend, decode and H.264 encode on the executors' CPU cores, after the denoise stage. */
    public record Encode(long segments, double cpuS, int cpuSlots, double wallS) {}

    /** The film written out and published by the driver. */
    public record Storage(double outputGb, double wallS) {}

    /** Failed tasks, lost executors and stragglers at the assumed rates. */
    public record Retries(double failureRate, double executorLossPerHour, int failedTasks, int lostExecutors,
            int stragglers, double gpuS) {}

    /** GPU-hours billed: every GPU for the whole wall. */
    public double gpuHours() {
        return gpus * wallS / 3600.0;
    }
}
