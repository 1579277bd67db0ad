package org.reelfarm.render;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoState;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.codenoise.Overlap;
import org.reelfarm.codenoise.SyncRounds;
import org.reelfarm.codenoise.WindowPartitioner;
import org.reelfarm.task.BatchTask;
import org.reelfarm.task.SegmentRendering;
import org.reelfarm.task.SegmentResult;
import org.reelfarm.task.SegmentTask;
import org.reelfarm.task.TaskCounters;
import org.reelfarm.task.TaskSettings;
import org.reelfarm.task.WindowPiece;
import org.reelfarm.task.WindowSampling;
import scala.Tuple2;

/**
 * The Spark job of a render. The windows are denoised, either each alone in one stage
 * ({@link #independent}) or co-denoised in sync rounds ({@link #codenoise}); their pieces are
 * shuffled to their segments, keyed by segment id; each segment is blended, decoded and encoded
 * on an executor. The driver receives only small {@link SegmentResult}s. What the tasks do lives in
 * the executors module ({@link WindowSampling}, {@link SyncRounds}, {@link SegmentRendering}); this
 * class only builds the job.
 */
final class RenderJob {
    /** Sync rounds between two checkpoints of the window state (keeps lineage and recovery short). */
    static final int CHECKPOINT_EVERY = 10;
    /** Codenoise partitions per core: tasks per sync round are per-round overhead, but one per core idles when they finish unevenly. */
    static final int TASKS_PER_CORE = 2;

    /** What the job reports: segment results in id order and executor-side figures. */
    record Outcome(List<SegmentResult> segments, long denoiseNanos, long modelCalls, long windowSteps,
            long blendNanos, long decodeNanos, long encodeNanos, long checkpointNanos, int rounds, long reusedWindows) {}

    private RenderJob() {}

    /** Every batch denoised alone, one task per batch: the unit of retry and the finest load balancing. */
    static Outcome independent(SparkSession spark, List<BatchTask> batches, Map<Integer, String> films,
            List<SegmentTask> segments, List<SegmentResult> reused, Set<Integer> excludedFilms, TaskSettings settings) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TaskCounters counters = TaskCounters.register(jsc.sc());
        HashMap<Integer, String> names = new HashMap<>(films);
        JavaRDD<BatchTask> batchRdd = jsc.parallelize(batches, Math.max(1, batches.size()));
        JavaPairRDD<Integer, WindowPiece> pieces = DenoiseResources.of(jsc.sc()).on(batchRdd.mapPartitionsToPair(
                it -> WindowSampling.run(it, names, settings, counters)));
        return segmentStage(jsc, pieces, segments, reused, excludedFilms, settings, counters, 0);
    }

    /**
     * The windows co-denoised in sync rounds. Window state lives in partitions fixed for the run
     * ({@link WindowPartitioner}), cached on the executors; each round is one shuffle that moves
     * only the overlaps windows send their right neighbours (none when every partition holds
     * whole shots: then a stage runs all the rounds up to the next save), and all films and shots
     * advance in the same rounds ({@link SyncRounds} is what a partition does in a round). Every
     * {@link #CHECKPOINT_EVERY} rounds each window's state is written to the work area
     * ({@link WindowStates}) and the next rounds start from those files: a lost executor
     * costs at most that many rounds of its partitions, and {@code --resume} after a killed driver
     * takes the films up there.
     */
    static Outcome codenoise(SparkSession spark, List<CoWindow> windows, int batchSize, List<SegmentTask> segments,
            List<SegmentResult> reused, Set<Integer> excludedFilms, TaskSettings settings, CoDenoising.Settings co,
            WindowStates states, PrintStream console) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TaskCounters counters = TaskCounters.register(jsc.sc());
        // Few large partitions: what a round adds to the model time is per task (scheduling, the
        // overlap shuffle), and neighbours in one partition hand their overlaps over in memory.
        // TASKS_PER_CORE tasks per core keep both cores busy when partitions finish unevenly.
        // Partitions hold whole shots unless a shot is longer than a core's share of the job;
        // when none is cut, no overlap crosses a partition and a task runs all the rounds up to
        // the next save (one stage per save instead of one per round). A partition's active
        // windows still go through the model in calls of at most --batch windows, so results do
        // not depend on the partitioning.
        int cores = Math.max(1, spark.sparkContext().defaultParallelism());
        WindowPartitioner partitioner = WindowPartitioner.of(windows, Math.max(2 * batchSize,
                (windows.size() + TASKS_PER_CORE * cores - 1) / (TASKS_PER_CORE * cores)),
                (windows.size() + cores - 1) / cores);
        List<Tuple2<Integer, CoWindow>> keyed = new ArrayList<>();
        for (CoWindow w : windows) {
            keyed.add(new Tuple2<>(w.key(), w));
        }
        JavaPairRDD<Integer, CoWindow> placed = jsc.parallelizePairs(keyed, partitioner.numPartitions())
                .partitionBy(partitioner)
                .persist(StorageLevel.MEMORY_AND_DISK());
        SyncRounds sync = new SyncRounds(settings, co, partitioner, states.names(), states.dirs(), counters);
        DenoiseResources gpu = DenoiseResources.of(jsc.sc());
        JavaPairRDD<Integer, CoState> state = gpu.on(placed
                .mapPartitionsToPair(it -> sync.takeUp(it, 0), true))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<JavaPairRDD<Integer, CoState>> cached = new ArrayList<>(List.of(state));
        int rounds = CoDenoising.rounds(windows, co.schedule());
        boolean alone = partitioner.selfContained();
        console.printf("  co-denoising %d windows in %d sync rounds (%d partitions%s, window states saved every %d"
                + " rounds)%n", windows.size(), rounds, partitioner.numPartitions(),
                alone ? " of whole shots" : ", a shot cut across them: a stage per round", CHECKPOINT_EVERY);
        long begin = System.nanoTime();
        try {
            for (int r = 0; r < rounds; ) {
                int from = r;
                int to = alone ? Math.min(rounds, (r / CHECKPOINT_EVERY + 1) * CHECKPOINT_EVERY) : r + 1;
                boolean save = to % CHECKPOINT_EVERY == 0 && to < rounds;
                if (alone) {
                    state = gpu.on(state.mapPartitionsToPair(it -> sync.advanceAlone(it, from, to, save), true));
                } else {
                    JavaPairRDD<Integer, Overlap> messages = state
                            .filter(s -> s._2().outgoing() != null
                                    && !partitioner.together(s._1(), s._2().window().rightKey()))
                            .mapToPair(s -> new Tuple2<>(s._2().window().rightKey(), s._2().outgoing()));
                    state = gpu.on(state.cogroup(messages, partitioner)
                            .mapPartitionsToPair(it -> sync.advance(it, from, save), true));
                }
                if (save) {
                    state.count(); // the states are in the work area now: later rounds start from there
                    states.saved(windows, to, partitioner);
                    cached.forEach(old -> old.unpersist(false));
                    cached.clear();
                    state = gpu.on(placed.mapPartitionsToPair(it -> sync.takeUp(it, to), true))
                            .persist(StorageLevel.MEMORY_AND_DISK());
                    cached.add(state);
                    console.printf("  sync round %d/%d  (%.0f s)%n", to, rounds, (System.nanoTime() - begin) / 1e9);
                } else if (to == rounds) {
                    state = state.persist(StorageLevel.MEMORY_AND_DISK());
                    cached.add(state);
                    state.count();
                    console.printf("  sync round %d/%d  (%.0f s)%n", to, rounds, (System.nanoTime() - begin) / 1e9);
                } else {
                    state = state.persist(StorageLevel.MEMORY_AND_DISK());
                    cached.add(state);
                }
                r = to;
            }
            JavaPairRDD<Integer, WindowPiece> pieces = state.flatMapToPair(s -> sync.pieces(s._2()));
            return segmentStage(jsc, pieces, segments, reused, excludedFilms, settings, counters, rounds);
        } finally {
            cached.forEach(old -> old.unpersist(false));
            placed.unpersist(false);
        }
    }

    /**
     * Blend, decode and encode: one partition per segment (ids are 0..n-1), so a task holds one
     * segment's pieces. Segments in {@code reused} (finished by an interrupted run) and those of
     * excluded films (failed in an earlier attempt) are skipped.
     */
    private static Outcome segmentStage(JavaSparkContext jsc, JavaPairRDD<Integer, WindowPiece> pieces,
            List<SegmentTask> segments, List<SegmentResult> reused, Set<Integer> excludedFilms,
            TaskSettings settings, TaskCounters counters, int rounds) {
        SegmentTask[] segmentArray = segments.toArray(SegmentTask[]::new);
        for (int i = 0; i < segmentArray.length; i++) {
            if (segmentArray[i].id() != i) {
                throw new IllegalStateException("segment ids must be 0..n-1 in order");
            }
        }
        boolean[] done = new boolean[segmentArray.length];
        reused.forEach(r -> done[r.id()] = true);
        int expected = 0;
        for (SegmentTask segment : segmentArray) {
            if (excludedFilms.contains(segment.film())) {
                done[segment.id()] = true;
            } else {
                expected++;
            }
        }
        Broadcast<SegmentTask[]> segmentBc = jsc.broadcast(segmentArray);
        List<SegmentResult> results = new ArrayList<>(pieces
                .filter(p -> !done[p._1()])
                .groupByKey(new HashPartitioner(Math.max(1, segmentArray.length)))
                .map(group -> SegmentRendering.run(segmentBc.value()[group._1()], group._2(), settings))
                .collect());
        segmentBc.destroy();
        results.addAll(reused);
        results.sort(Comparator.comparingInt(SegmentResult::id));
        if (results.size() != expected) {
            throw new IllegalStateException("rendered " + results.size() + " of " + expected + " segments");
        }
        long blend = 0, decode = 0, encode = 0;
        for (SegmentResult r : results) {
            blend += r.blendNanos();
            decode += r.decodeNanos();
            encode += r.encodeNanos();
        }
        return new Outcome(results, counters.denoiseNanos().value(), counters.modelCalls().value(),
                counters.windowSteps().value(), blend, decode, encode, counters.checkpointNanos().value(), rounds,
                counters.reusedWindows().value());
    }
}
