package org.reelfarm.capacity;

import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A discrete-event simulation of the schedule Reelfarm runs, for any number of GPUs. Built once for
 * a workload, profile and overheads (the windows and the staggered ticks are counted then), then
 * {@link #simulate(int)} runs the schedule for one GPU count; deterministic for a given seed.
 *
 * <p>The schedule: every executor (one replica of {@code gpus_per_replica} GPUs, one task slot)
 * loads the model; with codenoise, the windows of every shot in flight advance together in sync
 * rounds (window j of a shot takes step i at tick {@code j * stagger + i}; a round is
 * {@code sync_every} ticks) over two partitions per executor. Partitions hold whole shots unless a
 * shot has more windows than an executor's share of the job: then its overlaps cross partitions
 * and each round is a Spark stage ending in a barrier; else a stage runs {@code checkpoint_every}
 * rounds (up to the next saved state). Without codenoise, one stage of batch tasks. Tasks are
 * placed on the first free slot; a task may straggle, fail and be retried, or lose its executor
 * (replaced after a model load, and with codenoise the rounds since the last saved state are
 * redone). After the last window, segments
 * are blended, decoded and encoded on the executors' CPU cores; the driver then publishes the film.
 *
 * <p>Assumed, not modelled in detail: the active windows of a round spread evenly over its
 * partitions; a window's cost is linear in its latent frames; no in-flight bound (every film is in
 * flight at once, where a streaming library admits groups of films up to a budget); the shuffle
 * of overlaps costs nothing beyond the per-stage cost. Not thread-safe.
 */
public final class FarmSimulator {
    private final ModelProfile profile;
    private final Overheads o;
    private final int window;
    private final int overlap;
    private final double videoSeconds;
    private long windows;
    private int longestShotWindows;
    private double latentTotal;
    private double windowLatentTotal;
    private double computeGpuS;
    /** Per tick: replica wall of the window-steps active in it, and their number. */
    private final double[] tickCost;
    private final long[] tickCount;
    /** Independent windows: batch task work (replica wall, without overheads) -> tasks. */
    private final Map<Double, Long> batchTasks = new TreeMap<>();
    private long independentCalls;
    /** Segment CPU-seconds -> segments. */
    private final Map<Double, Long> segments = new TreeMap<>();
    private double outputBytes;

    public FarmSimulator(Workload workload, ModelProfile profile, Overheads overheads, int window, int overlap) {
        if (window < 1 || overlap < 0 || overlap >= window) {
            throw new CapacityException("--window and --overlap need 0 <= overlap < window, got window " + window
                    + ", overlap " + overlap);
        }
        this.profile = profile;
        this.o = overheads;
        this.window = window;
        this.overlap = overlap;
        this.videoSeconds = workload.seconds();
        int steps = profile.steps();
        Map<Integer, Long> maxTicks = new TreeMap<>();
        // Shots of one latent length are cut alike: count them once.
        Map<Integer, Long> shotsByLength = new TreeMap<>();
        for (Workload.Film film : workload.films()) {
            Map<Integer, Long> windowsByLength = new TreeMap<>();
            for (double seconds : film.shotSeconds()) {
                int latents = Math.max(1, (int) Math.round(seconds * profile.latentFps()));
                shotsByLength.merge(latents, 1L, Long::sum);
                int n = windowsOf(latents);
                windowsByLength.merge(Math.min(latents, window), (long) n, Long::sum);
                addSegments(seconds);
            }
            for (Map.Entry<Integer, Long> e : windowsByLength.entrySet()) {
                long batches = (e.getValue() + o.batch() - 1) / o.batch();
                long full = e.getValue() / o.batch();
                double perWindow = profile.wallSecondsPerWindowStep(e.getKey()) * steps;
                if (full > 0) {
                    batchTasks.merge(perWindow * o.batch(), full, Long::sum);
                }
                if (batches > full) {
                    batchTasks.merge(perWindow * (e.getValue() % o.batch()), 1L, Long::sum);
                }
                independentCalls += batches * steps;
            }
        }
        long longest = 1;
        for (Map.Entry<Integer, Long> e : shotsByLength.entrySet()) {
            longest = Math.max(longest, ((long) windowsOf(e.getKey()) - 1) * o.stagger() + steps);
        }
        if (longest > 50_000_000L) {
            throw new CapacityException("a shot needs " + longest + " codenoise ticks; plan shorter shots");
        }
        tickCost = new double[(int) longest + 1];
        tickCount = new long[(int) longest + 1];
        for (Map.Entry<Integer, Long> e : shotsByLength.entrySet()) {
            int latents = e.getKey();
            long count = e.getValue();
            int n = windowsOf(latents);
            int len = Math.min(latents, window);
            double step = profile.wallSecondsPerWindowStep(len) * count;
            windows += n * count;
            longestShotWindows = Math.max(longestShotWindows, n);
            latentTotal += (double) latents * count;
            windowLatentTotal += (double) len * n * count;
            computeGpuS += profile.gpuSecondsPerWindowStep(len) * steps * n * count;
            for (int j = 0; j < n; j++) {
                int from = j * o.stagger();
                tickCost[from] += step;
                tickCost[from + steps] -= step;
                tickCount[from] += count;
                tickCount[from + steps] -= count;
            }
        }
        for (int t = 1; t < tickCost.length; t++) {
            tickCost[t] += tickCost[t - 1];
            tickCount[t] += tickCount[t - 1];
        }
    }

    /** Windows of a shot of {@code latents} latent frames, cut as {@code plan.FilmPlanner} cuts them. */
    int windowsOf(int latents) {
        if (latents <= window) {
            return 1;
        }
        int stride = window - overlap;
        return 1 + (latents - window + stride - 1) / stride;
    }

    private void addSegments(double shotSeconds) {
        long whole = (long) Math.floor(shotSeconds / o.segmentSeconds());
        double rest = shotSeconds - whole * o.segmentSeconds();
        if (whole > 0) {
            segments.merge(encodeCpuS(o.segmentSeconds()), whole, Long::sum);
        }
        if (rest > 1e-9) {
            segments.merge(encodeCpuS(rest), 1L, Long::sum);
        }
        outputBytes += shotSeconds * profile.fps() * profile.pixels() * o.outputBitsPerPixel() / 8;
    }

    private double encodeCpuS(double seconds) {
        return seconds * profile.fps() * profile.pixels() / o.encodePixelsPerCpuS();
    }

    /** Replicas beyond which more GPUs cannot shorten the denoise stage. */
    public int maxUsefulReplicas() {
        long most = 1;
        if (o.codenoise()) {
            for (long c : tickCount) {
                most = Math.max(most, c);
            }
        } else {
            most = Math.max(1, batchTasks.values().stream().mapToLong(Long::longValue).sum());
        }
        return (int) Math.min(Integer.MAX_VALUE / Math.max(1, profile.gpusPerReplica()), most);
    }

    /** The model's GPU-seconds of window-steps, without any overhead. */
    public double computeGpuSeconds() {
        return computeGpuS;
    }

    /** Runs the schedule on {@code gpus} GPUs (a multiple of the profile's GPUs per replica is used whole). */
    public Simulation simulate(int gpus) {
        if (gpus < 1) {
            throw new CapacityException("--gpus must be at least 1, got " + gpus);
        }
        int replicas = gpus / profile.gpusPerReplica();
        if (replicas < 1) {
            throw new CapacityException("--gpus " + gpus + " is fewer than one replica of " + profile.id() + " ("
                    + profile.gpusPerReplica() + " GPUs); give at least " + profile.gpusPerReplica());
        }
        Run run = new Run(replicas);
        double load = profile.modelLoadSeconds();
        double denoise = o.codenoise() ? run.rounds() : run.batches();
        double encode = run.encode();
        double stitch = outputBytes / (o.storageMBps() * 1e6);
        double wall = load + denoise + encode + stitch;
        int gpr = profile.gpusPerReplica();
        long calls = o.codenoise() ? run.calls : independentCalls;
        Simulation.Compute compute = new Simulation.Compute(videoSeconds, windows, windows * profile.steps(),
                window / (double) (window - overlap), latentTotal == 0 ? 1 : windowLatentTotal / latentTotal,
                computeGpuS, denoise, run.tasks, run.tasks * o.perTaskS());
        Simulation.Codenoise codenoise = new Simulation.Codenoise(o.codenoise(), calls, independentCalls,
                Math.max(0, calls - independentCalls) * o.perCallS() * gpr, o.codenoise() ? run.roundCount : 0,
                o.codenoise() ? run.stageCount : 0, o.codenoise() ? run.stageCount * o.perRoundS() : 0);
        Simulation.Loads loads = new Simulation.Loads(replicas, replicas + run.lost, load, load,
                (replicas + run.lost) * load * gpr);
        Simulation.Encode enc = new Simulation.Encode(segments.values().stream().mapToLong(Long::longValue).sum(),
                segments.entrySet().stream().mapToDouble(e -> e.getKey() * e.getValue()).sum(),
                replicas * o.cpusPerReplica(), encode);
        Simulation.Retries retries = new Simulation.Retries(o.failureRate(), o.executorLossPerHour(), run.failed,
                run.lost, run.stragglers, run.retryWallS * gpr);
        return new Simulation(replicas * gpr, replicas, wall, compute, codenoise, loads, enc,
                new Simulation.Storage(outputBytes / 1e9, stitch), retries);
    }

    /** One simulated run: mutable counters, used once. */
    private final class Run {
        private final int replicas;
        private final SplittableRandom random = new SplittableRandom(o.seed());
        long tasks;
        long calls;
        int roundCount;
        int stageCount;
        int failed;
        int lost;
        int stragglers;
        double retryWallS;

        Run(int replicas) {
            this.replicas = replicas;
        }

        /**
         * Codenoise: two partitions per executor; a stage per sync round when a shot is cut over
         * partitions, else per {@code checkpoint_every} rounds; a barrier after each stage.
         */
        double rounds() {
            int k = o.syncEvery();
            long partitions = 2L * replicas;
            boolean cut = longestShotWindows > (windows + replicas - 1) / replicas;
            int roundsPerStage = cut ? 1 : o.checkpointEvery();
            double wall = 0;
            double work = 0;
            long active = 0;
            long stageCalls = 0;
            int stageRounds = 0;
            for (int from = 0, r = 0; from < tickCost.length - 1; from += k, r++) {
                long roundActive = 0;
                for (int t = from; t < Math.min(from + k, tickCost.length - 1); t++) {
                    work += tickCost[t];
                    roundActive = Math.max(roundActive, tickCount[t]);
                    long n = Math.min(partitions, tickCount[t]);
                    if (n > 0) {
                        long perPartition = (tickCount[t] + n - 1) / n;
                        stageCalls += n * ((perPartition + o.batch() - 1) / o.batch());
                    }
                }
                if (roundActive > 0) {
                    roundCount++;
                    stageRounds++;
                    active = Math.max(active, roundActive);
                }
                boolean last = from + k >= tickCost.length - 1;
                if (active > 0 && (stageRounds == roundsPerStage || last)) {
                    stageCount++;
                    calls += stageCalls;
                    long n = Math.min(partitions, active);
                    double base = work / n + (double) stageCalls / n * o.perCallS();
                    // A lost executor redoes the rounds since the last save: within the stage when it runs them all.
                    wall += stage(n, base, cut ? r : 0) + o.perRoundS();
                    work = 0;
                    active = 0;
                    stageCalls = 0;
                    stageRounds = 0;
                }
            }
            return wall;
        }

        /** Independent windows: one stage of batch tasks. */
        double batches() {
            double[] works = batchTasks.entrySet().stream()
                    .flatMapToDouble(e -> java.util.stream.DoubleStream.generate(e::getKey).limit(e.getValue()))
                    .toArray();
            java.util.Arrays.sort(works);
            PriorityQueue<Double> free = new PriorityQueue<>();
            for (int i = 0; i < Math.min(replicas, works.length); i++) {
                free.add(0.0);
            }
            double end = 0;
            for (int i = works.length - 1; i >= 0; i--) { // longest first
                double start = free.poll();
                double finish = start + duration(works[i] + profile.steps() * o.perCallS(), 0);
                end = Math.max(end, finish);
                free.add(finish);
            }
            return end;
        }

        /** A stage of {@code n} tasks of {@code base} seconds each over the slots; its wall. */
        private double stage(long n, double base, int round) {
            if (n <= replicas) {
                double end = 0;
                for (long i = 0; i < n; i++) {
                    end = Math.max(end, duration(base, round));
                }
                return end;
            }
            PriorityQueue<Double> free = new PriorityQueue<>();
            for (int i = 0; i < replicas; i++) {
                free.add(0.0);
            }
            double end = 0;
            for (long i = 0; i < n; i++) {
                double finish = free.poll() + duration(base, round);
                end = Math.max(end, finish);
                free.add(finish);
            }
            return end;
        }

        /** One task's wall, with its straggling, failure and executor loss drawn. */
        private double duration(double base, int round) {
            tasks++;
            double d = base + o.perTaskS();
            if (random.nextDouble() < o.stragglerProbability()) {
                stragglers++;
                d *= o.stragglerFactor();
            }
            if (random.nextDouble() < o.failureRate()) {
                failed++;
                double wasted = random.nextDouble() * d;
                retryWallS += wasted;
                d += wasted + o.perTaskS();
            }
            if (random.nextDouble() < 1 - Math.exp(-o.executorLossPerHour() * d / 3600.0)) {
                lost++;
                double wasted = random.nextDouble() * d;
                double redo = o.codenoise() ? (round % o.checkpointEvery()) * base : 0;
                retryWallS += wasted + redo;
                d += wasted + profile.modelLoadSeconds() + redo;
            }
            return d;
        }

        /** Blend, decode and encode of every segment on the CPU slots, longest first. */
        double encode() {
            int slots = replicas * o.cpusPerReplica();
            long total = segments.values().stream().mapToLong(Long::longValue).sum();
            if (total <= slots) {
                return segments.isEmpty() ? 0 : ((TreeMap<Double, Long>) segments).lastKey();
            }
            PriorityQueue<Double> free = new PriorityQueue<>();
            for (int i = 0; i < slots; i++) {
                free.add(0.0);
            }
            double end = 0;
            for (Map.Entry<Double, Long> e : ((TreeMap<Double, Long>) segments).descendingMap().entrySet()) {
                for (long i = 0; i < e.getValue(); i++) {
                    double finish = free.poll() + e.getKey();
                    end = Math.max(end, finish);
                    free.add(finish);
                }
            }
            return end;
        }
    }
}
