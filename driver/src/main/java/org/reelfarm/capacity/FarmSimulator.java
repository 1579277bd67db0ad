package org.reelfarm.capacity;

import java.util.ArrayList;
import java.util.List;
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
 * {@code sync_every} ticks) over about two partitions per executor. Partitions hold whole shots,
 * packed in film order as the render packs them; a stage runs {@code checkpoint_every} rounds (up
 * to the next saved state), each partition one task of its own shots' window-steps, so few or
 * uneven shots leave slots idle. A shot with more windows than an executor's share of the job is
 * cut over partitions: its overlaps cross them, each round is a Spark stage ending in a barrier,
 * and a round's windows spread evenly over the partitions. Without codenoise, one stage of batch
 * tasks. Tasks are placed on the first free slot; a task may straggle, fail and be retried, or
 * lose its executor (replaced after a model load, and with codenoise the rounds since the last
 * saved state are redone). After the last window, segments are blended, decoded and encoded on
 * the executors' CPU cores; the driver then publishes the film.
 *
 * <p>Every film of the workload is in flight at once: this is one Spark job of a render.
 * {@link StreamingSimulator} admits a library's films in groups up to a budget of windows in
 * flight, as a render streams it, each group simulated here.
 *
 * <p>Assumed, not modelled in detail: a window's cost is linear in its latent frames; a
 * partition's model calls are its active windows in batches, whatever their films; the shuffle of
 * overlaps costs nothing beyond the per-stage cost. Not thread-safe.
 */
public final class FarmSimulator implements Schedule {
    private final ModelProfile profile;
    private final Overheads o;
    private final int window;
    private final int overlap;
    private final double videoSeconds;
    private long windows;
    private int longestShotWindows;
    /** Every shot in film order, as an index into the classes of shots of one latent length. */
    private final int[] shotClass;
    /** Per class: windows of one shot, and the replica wall of one of its window-steps. */
    private final int[] classWindows;
    private final double[] classStepS;
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
        List<Integer> shotLatents = new ArrayList<>();
        for (Workload.Film film : workload.films()) {
            Map<Integer, Long> windowsByLength = new TreeMap<>();
            for (double seconds : film.shotSeconds()) {
                int latents = latentsOf(seconds);
                shotsByLength.merge(latents, 1L, Long::sum);
                shotLatents.add(latents);
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
        Map<Integer, Integer> classOf = new TreeMap<>();
        classWindows = new int[shotsByLength.size()];
        classStepS = new double[shotsByLength.size()];
        for (Map.Entry<Integer, Long> e : shotsByLength.entrySet()) {
            int latents = e.getKey();
            long count = e.getValue();
            int n = windowsOf(latents);
            int len = Math.min(latents, window);
            classWindows[classOf.size()] = n;
            classStepS[classOf.size()] = profile.wallSecondsPerWindowStep(len);
            classOf.put(latents, classOf.size());
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
        shotClass = shotLatents.stream().mapToInt(classOf::get).toArray();
    }

    /** Latent frames of a shot of {@code seconds}. */
    private int latentsOf(double seconds) {
        return Math.max(1, (int) Math.round(seconds * profile.latentFps()));
    }

    /** Windows of a film, its shots cut as {@link #windowsOf(int)} cuts them. */
    long windowsOf(Workload.Film film) {
        long n = 0;
        for (double seconds : film.shotSeconds()) {
            n += windowsOf(latentsOf(seconds));
        }
        return n;
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
    @Override
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

    /** Latent frames the windows denoise per latent frame of film: the overlap's cost as the shots are cut. */
    double measuredOverlapFactor() {
        return latentTotal == 0 ? 1 : windowLatentTotal / latentTotal;
    }

    /** Runs the schedule on {@code gpus} GPUs (a multiple of the profile's GPUs per replica is used whole). */
    @Override
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
        double wall = o.startS() + load + denoise + encode + stitch;
        int gpr = profile.gpusPerReplica();
        long calls = o.codenoise() ? run.calls : independentCalls;
        Simulation.Compute compute = new Simulation.Compute(videoSeconds, windows, windows * profile.steps(),
                window / (double) (window - overlap), measuredOverlapFactor(),
                computeGpuS, denoise, run.tasks, run.tasks * o.perTaskS());
        Simulation.Codenoise codenoise = new Simulation.Codenoise(o.codenoise(), calls, independentCalls,
                Math.max(0, calls - independentCalls) * o.perCallS() * gpr, o.codenoise() ? run.roundCount : 0,
                o.codenoise() ? run.stageCount : 0, o.codenoise() ? run.stageCount * o.perRoundS() : 0);
        Simulation.Loads loads = new Simulation.Loads(replicas, replicas + run.lost, load, o.startS(),
                o.startS() + load, (replicas + run.lost) * load * gpr);
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
         * Codenoise, partitioned as {@code codenoise.WindowPartitioner} partitions: two per
         * executor, whole shots in each, unless a shot has more windows than an executor's share
         * of the job and than a partition; then a stage per sync round, else per {@code
         * checkpoint_every} rounds, and a barrier after each stage.
         */
        double rounds() {
            long size = Math.max(2L * o.batch(), (windows + 2L * replicas - 1) / (2L * replicas));
            long longestWhole = (windows + replicas - 1) / replicas;
            boolean cut = longestShotWindows > longestWhole && longestShotWindows > size;
            return cut ? cutRounds() : wholeShotRounds((int) Math.min(Integer.MAX_VALUE, size));
        }

        /** A shot cut over partitions: a stage per round, the active windows spread evenly over the partitions. */
        private double cutRounds() {
            int k = o.syncEvery();
            long partitions = 2L * replicas;
            double wall = 0;
            for (int from = 0, r = 0; from < tickCost.length - 1; from += k, r++) {
                double work = 0;
                long active = 0;
                long roundCalls = 0;
                for (int t = from; t < Math.min(from + k, tickCost.length - 1); t++) {
                    work += tickCost[t];
                    active = Math.max(active, tickCount[t]);
                    long n = Math.min(partitions, tickCount[t]);
                    if (n > 0) {
                        long perPartition = (tickCount[t] + n - 1) / n;
                        roundCalls += n * ((perPartition + o.batch() - 1) / o.batch());
                    }
                }
                if (active > 0) {
                    roundCount++;
                    stageCount++;
                    calls += roundCalls;
                    long n = Math.min(partitions, active);
                    double base = work / n + (double) roundCalls / n * o.perCallS();
                    // A lost executor redoes the rounds since the last save.
                    wall += stage(n, base, r) + o.perRoundS();
                }
            }
            return wall;
        }

        /**
         * Whole shots packed in film order into partitions of at most {@code size} windows; a
         * stage runs the rounds up to the next saved state, each partition one task of its
         * shots' window-steps in those rounds, handed to the slots in partition order.
         */
        private double wholeShotRounds(int size) {
            List<long[]> partitions = new ArrayList<>(); // per partition: shots of each class
            long filled = 0;
            for (int c : shotClass) {
                if (partitions.isEmpty() || (filled > 0 && filled + classWindows[c] > size)) {
                    partitions.add(new long[classWindows.length]);
                    filled = 0;
                }
                partitions.get(partitions.size() - 1)[c]++;
                filled += classWindows[c];
            }
            int k = o.syncEvery();
            int end = tickCost.length - 1;
            double wall = 0;
            int stageRounds = 0;
            int first = 0;
            for (int from = 0; from < end; from += k) {
                int to = Math.min(from + k, end);
                for (int t = from; t < to; t++) {
                    if (tickCount[t] > 0) {
                        roundCount++;
                        stageRounds++;
                        break;
                    }
                }
                if (stageRounds > 0 && (stageRounds == o.checkpointEvery() || to == end)) {
                    stageCount++;
                    wall += wholeShotStage(partitions, first, to) + o.perRoundS();
                    stageRounds = 0;
                    first = to;
                } else if (stageRounds == 0) {
                    first = to;
                }
            }
            return wall;
        }

        /** The wall of one stage of whole-shot partitions over ticks {@code [from, to)}. */
        private double wholeShotStage(List<long[]> partitions, int from, int to) {
            int classes = classWindows.length;
            double[] shotWork = new double[classes];
            for (int c = 0; c < classes; c++) {
                shotWork[c] = classStepS[c] * activeWindowTicks(classWindows[c], from, to);
            }
            PriorityQueue<Double> free = new PriorityQueue<>();
            for (int i = 0; i < replicas; i++) {
                free.add(0.0);
            }
            double end = 0;
            for (long[] shots : partitions) {
                double work = 0;
                for (int c = 0; c < classes; c++) {
                    work += shots[c] * shotWork[c];
                }
                if (work <= 0) {
                    continue;
                }
                long partitionCalls = 0;
                for (int t = from; t < to; t++) {
                    long active = 0;
                    for (int c = 0; c < classes; c++) {
                        active += shots[c] * activeWindows(classWindows[c], t);
                    }
                    partitionCalls += (active + o.batch() - 1) / o.batch();
                }
                calls += partitionCalls;
                double finish = free.poll() + duration(work + partitionCalls * o.perCallS(), 0);
                end = Math.max(end, finish);
                free.add(finish);
            }
            return end;
        }

        /** Windows of a shot of {@code n} that take a step at tick {@code t}. */
        private long activeWindows(int n, int t) {
            int steps = profile.steps();
            int s = o.stagger();
            if (s == 0) {
                return t < steps ? n : 0;
            }
            long last = Math.min(n - 1, t / s);
            long firstActive = Math.max(0, Math.floorDiv(t - steps, s) + 1);
            return Math.max(0, last - firstActive + 1);
        }

        /** Window-steps of a shot of {@code n} windows taken in ticks {@code [from, to)}. */
        private long activeWindowTicks(int n, int from, int to) {
            long sum = 0;
            for (int j = 0; j < n; j++) {
                long start = (long) j * o.stagger();
                sum += Math.max(0, Math.min(to, start + profile.steps()) - Math.max(from, start));
            }
            return sum;
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
