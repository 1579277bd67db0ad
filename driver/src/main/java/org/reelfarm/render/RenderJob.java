package org.reelfarm.render;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoState;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.codenoise.Overlap;
import org.reelfarm.codenoise.WindowPartitioner;
import org.reelfarm.model.GpuAssignment;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelCache;
import org.reelfarm.sampler.Sampler;
import org.reelfarm.task.BatchTask;
import org.reelfarm.task.FilmTaskFailure;
import org.reelfarm.task.SegmentRendering;
import org.reelfarm.task.SegmentResult;
import org.reelfarm.task.SegmentTask;
import org.reelfarm.task.TaskSettings;
import org.reelfarm.task.WindowPiece;
import org.reelfarm.task.WindowSampling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The Spark job of a render. The windows are denoised, either each alone in one stage
 * ({@link #independent}) or co-denoised in sync rounds ({@link #codenoise}); their pieces are
 * shuffled to their segments, keyed by segment id; each segment is blended, decoded and encoded
 * on an executor. The driver receives only small {@link SegmentResult}s.
 */
final class RenderJob {
    /** Sync rounds between two checkpoints of the window state (keeps lineage and recovery short). */
    static final int CHECKPOINT_EVERY = 10;
    /** Spark setting that makes the first attempt of partition 0 fail in the given sync round (fault tests). */
    static final String FAIL_ROUND_KEY = "spark.reelfarm.test.failOnceInRound";
    /** Spark setting that makes every attempt at a batch of the film of this name fail (fault tests). */
    static final String FAIL_FILM_KEY = "spark.reelfarm.test.failFilm";

    /** What the job reports: segment results in id order and executor-side figures. */
    record Outcome(List<SegmentResult> segments, long denoiseNanos, long modelCalls, long windowSteps,
            long blendNanos, long decodeNanos, long encodeNanos, int rounds, long reusedWindows) {}

    private static final Logger LOG = LoggerFactory.getLogger(RenderJob.class);

    private RenderJob() {}

    /** Every batch denoised alone, one task per batch: the unit of retry and the finest load balancing. */
    static Outcome independent(SparkSession spark, List<BatchTask> batches, List<SegmentTask> segments,
            List<SegmentResult> reused, java.util.Set<Integer> excludedFilms, TaskSettings settings) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator denoiseNanos = jsc.sc().longAccumulator("denoise-nanos");
        LongAccumulator modelCalls = jsc.sc().longAccumulator("model-calls");
        LongAccumulator windowSteps = jsc.sc().longAccumulator("window-steps");
        LongAccumulator reusedWindows = jsc.sc().longAccumulator("reused-windows");
        String failFilm = spark.sparkContext().conf().get(FAIL_FILM_KEY, "");
        JavaRDD<BatchTask> batchRdd = jsc.parallelize(batches, Math.max(1, batches.size()));
        JavaPairRDD<Integer, WindowPiece> pieces = batchRdd.mapPartitionsToPair(
                it -> WindowSampling.run(failing(it, failFilm), settings, denoiseNanos, modelCalls, windowSteps,
                        reusedWindows));
        Outcome outcome = segmentStage(jsc, pieces, segments, reused, excludedFilms, settings, denoiseNanos, modelCalls,
                windowSteps, 0);
        return withReused(outcome, reusedWindows.value());
    }

    /**
     * The windows co-denoised in sync rounds. Window state lives in partitions fixed for the run
     * ({@link WindowPartitioner}), cached on the executors; each round is one shuffle that moves
     * only the overlaps windows send their right neighbours, and all films and shots advance in
     * the same rounds. Every {@link #CHECKPOINT_EVERY} rounds the state is checkpointed under
     * {@code checkpointRoot}, so a lost executor costs at most that many rounds of its partitions.
     */
    static Outcome codenoise(SparkSession spark, List<CoWindow> windows, int batchSize, List<SegmentTask> segments,
            List<SegmentResult> reused, java.util.Set<Integer> excludedFilms, TaskSettings settings, CoDenoising.Settings co, String checkpointRoot, PrintStream console) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator denoiseNanos = jsc.sc().longAccumulator("denoise-nanos");
        LongAccumulator modelCalls = jsc.sc().longAccumulator("model-calls");
        LongAccumulator windowSteps = jsc.sc().longAccumulator("window-steps");
        int failRound = Integer.parseInt(spark.sparkContext().conf().get(FAIL_ROUND_KEY, "-1"));
        String checkpoints = checkpointRoot + "/checkpoints-" + spark.sparkContext().applicationId();
        spark.sparkContext().setCheckpointDir(checkpoints);

        // Two batches' worth of windows per partition: a round has half the tasks (task overhead, not
        // model time, is what rounds add); its active windows still go through the model in calls of
        // at most --batch windows, so results do not depend on the partitioning.
        WindowPartitioner partitioner = WindowPartitioner.of(windows, 2 * batchSize);
        List<Tuple2<Integer, CoWindow>> keyed = new ArrayList<>();
        for (CoWindow w : windows) {
            keyed.add(new Tuple2<>(w.key(), w));
        }
        JavaPairRDD<Integer, CoState> state = jsc.parallelizePairs(keyed, partitioner.numPartitions())
                .partitionBy(partitioner)
                .mapPartitionsToPair(it -> start(it, settings, denoiseNanos), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<JavaPairRDD<Integer, CoState>> cached = new ArrayList<>(List.of(state));
        int rounds = CoDenoising.rounds(windows, co.schedule());
        console.printf("  co-denoising %d windows in %d sync rounds (%d partitions, checkpoint every %d rounds)%n",
                windows.size(), rounds, partitioner.numPartitions(), CHECKPOINT_EVERY);
        long begin = System.nanoTime();
        try {
            for (int r = 0; r < rounds; r++) {
                int round = r;
                JavaPairRDD<Integer, Overlap> messages = state
                        .filter(s -> s._2().outgoing() != null)
                        .mapToPair(s -> new Tuple2<>(s._2().window().rightKey(), s._2().outgoing()));
                state = state.cogroup(messages, partitioner)
                        .mapPartitionsToPair(it -> advance(it, round, failRound, settings, co, denoiseNanos, modelCalls,
                                windowSteps), true)
                        .persist(StorageLevel.MEMORY_AND_DISK());
                cached.add(state);
                if ((r + 1) % CHECKPOINT_EVERY == 0 || r + 1 == rounds) {
                    if (r + 1 < rounds) {
                        state.checkpoint(); // the last state goes straight to the segments: no need to keep it
                    }
                    state.count();
                    for (JavaPairRDD<Integer, CoState> old : cached.subList(0, cached.size() - 1)) {
                        old.unpersist(false);
                    }
                    cached.subList(0, cached.size() - 1).clear();
                    console.printf("  sync round %d/%d  (%.0f s)%n", r + 1, rounds, (System.nanoTime() - begin) / 1e9);
                }
            }
            JavaPairRDD<Integer, WindowPiece> pieces = state.flatMapToPair(s -> pieces(s._2(), settings).iterator());
            return segmentStage(jsc, pieces, segments, reused, excludedFilms, settings, denoiseNanos, modelCalls,
                    windowSteps, rounds);
        } finally {
            for (JavaPairRDD<Integer, CoState> old : cached) {
                old.unpersist(false);
            }
            deleteQuietly(checkpoints, spark);
        }
    }

    /** Batches as given, but a batch of the film named {@code film} fails (fault tests; "": none does). */
    private static Iterator<BatchTask> failing(Iterator<BatchTask> batches, String film) {
        List<BatchTask> list = new ArrayList<>();
        batches.forEachRemaining(list::add);
        for (BatchTask batch : list) {
            if (!film.isEmpty() && batch.checkpoint().startsWith(film + "/")) {
                throw new FilmTaskFailure(java.util.Set.of(batch.windows()[0].film()), "batch " + batch.index(),
                        new IllegalStateException("injected failure (" + FAIL_FILM_KEY + ")"));
            }
        }
        return list.iterator();
    }

    /** The films of a partition's windows, to name in its failure. */
    private static java.util.Set<Integer> films(List<CoState> states) {
        java.util.Set<Integer> films = new java.util.TreeSet<>();
        states.forEach(s -> films.add(s.window().task().film()));
        return films;
    }

    private static Iterator<Tuple2<Integer, CoState>> start(Iterator<Tuple2<Integer, CoWindow>> it,
            TaskSettings settings, LongAccumulator denoiseNanos) {
        List<CoWindow> windows = new ArrayList<>();
        it.forEachRemaining(t -> windows.add(t._2()));
        if (windows.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        windows.sort(Comparator.comparingInt(CoWindow::key));
        long begin = System.nanoTime();
        Model model = model(settings);
        List<CoState> states = CoDenoising.start(windows, model, new Sampler(model.spec(), settings.sampler(), settings.steps()));
        denoiseNanos.add(System.nanoTime() - begin);
        return keyed(states);
    }

    private static Iterator<Tuple2<Integer, CoState>> advance(
            Iterator<Tuple2<Integer, Tuple2<Iterable<CoState>, Iterable<Overlap>>>> it, int round, int failRound,
            TaskSettings settings, CoDenoising.Settings co, LongAccumulator denoiseNanos, LongAccumulator modelCalls,
            LongAccumulator windowSteps) {
        TaskContext task = TaskContext.get();
        if (round == failRound && task != null && task.partitionId() == 0 && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure in sync round " + round + " (" + FAIL_ROUND_KEY + ")");
        }
        List<CoState> states = new ArrayList<>();
        Map<Integer, Overlap> inbox = new HashMap<>();
        while (it.hasNext()) {
            Tuple2<Integer, Tuple2<Iterable<CoState>, Iterable<Overlap>>> entry = it.next();
            entry._2()._1().forEach(states::add);
            entry._2()._2().forEach(o -> inbox.put(entry._1(), o));
        }
        if (states.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        states.sort(Comparator.comparingInt(CoState::key));
        long begin = System.nanoTime();
        Model model = model(settings);
        CoDenoising.Advance advanced;
        try {
            advanced = CoDenoising.advance(states, inbox, round, model,
                    new Sampler(model.spec(), settings.sampler(), settings.steps()), co);
        } catch (RuntimeException e) {
            throw new FilmTaskFailure(films(states), "sync round " + round, e);
        }
        if (advanced.modelCalls() > 0) {
            long took = System.nanoTime() - begin;
            LOG.info("sync round {}: {} windows of partition {} took {} steps in {} batched calls, {} ms", round,
                    states.size(), task == null ? -1 : task.partitionId(), advanced.windowSteps(), advanced.modelCalls(),
                    took / 1_000_000);
            denoiseNanos.add(took);
            modelCalls.add(advanced.modelCalls());
            windowSteps.add(advanced.windowSteps());
        }
        return keyed(advanced.states());
    }

    private static List<Tuple2<Integer, WindowPiece>> pieces(CoState state, TaskSettings settings) {
        int frameSize = state.x().length / state.window().task().length();
        return WindowSampling.pieces(state.window().task(), state.x(), frameSize, settings);
    }

    private static Iterator<Tuple2<Integer, CoState>> keyed(List<CoState> states) {
        List<Tuple2<Integer, CoState>> out = new ArrayList<>(states.size());
        for (CoState s : states) {
            out.add(new Tuple2<>(s.key(), s));
        }
        return out.iterator();
    }

    private static Model model(TaskSettings settings) {
        return ModelCache.get(Path.of(settings.modelDir()), settings.runtime().onDevices(GpuAssignment.ofCurrentTask()));
    }

    private static Outcome withReused(Outcome o, long reusedWindows) {
        return new Outcome(o.segments(), o.denoiseNanos(), o.modelCalls(), o.windowSteps(), o.blendNanos(),
                o.decodeNanos(), o.encodeNanos(), o.rounds(), reusedWindows);
    }

    /**
     * Blend, decode and encode: one partition per segment (ids are 0..n-1), so a task holds one
     * segment's pieces. Segments in {@code reused} (finished by an interrupted run) and those of
     * excluded films (failed in an earlier attempt) are skipped.
     */
    private static Outcome segmentStage(JavaSparkContext jsc, JavaPairRDD<Integer, WindowPiece> pieces,
            List<SegmentTask> segments, List<SegmentResult> reused, java.util.Set<Integer> excludedFilms,
            TaskSettings settings, LongAccumulator denoiseNanos, LongAccumulator modelCalls,
            LongAccumulator windowSteps, int rounds) {
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
        return new Outcome(results, denoiseNanos.value(), modelCalls.value(), windowSteps.value(), blend, decode,
                encode, rounds, 0);
    }

    private static void deleteQuietly(String dir, SparkSession spark) {
        try {
            FileSystem fs = FileSystem.get(URI.create(dir), spark.sparkContext().hadoopConfiguration());
            fs.delete(new org.apache.hadoop.fs.Path(dir), true);
        } catch (IOException | RuntimeException e) {
            // Checkpoints are scratch: a leftover directory in the work area costs space, not correctness.
        }
    }
}
