package org.reelfarm.render;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
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
import org.reelfarm.codenoise.StateFiles;
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
import org.reelfarm.task.TaskCounters;
import org.reelfarm.task.TaskSettings;
import org.reelfarm.task.WindowPiece;
import org.reelfarm.task.WindowSampling;
import org.reelfarm.task.WorkArea;
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
    /** Codenoise partitions per core: tasks per sync round are per-round overhead, but one per core idles when they finish unevenly. */
    static final int TASKS_PER_CORE = 2;

    /** What the job reports: segment results in id order and executor-side figures. */
    record Outcome(List<SegmentResult> segments, long denoiseNanos, long modelCalls, long windowSteps,
            long blendNanos, long decodeNanos, long encodeNanos, long checkpointNanos, int rounds, long reusedWindows) {}

    private static final Logger LOG = LoggerFactory.getLogger(RenderJob.class);

    private RenderJob() {}

    /** Every batch denoised alone, one task per batch: the unit of retry and the finest load balancing. */
    static Outcome independent(SparkSession spark, List<BatchTask> batches, List<SegmentTask> segments,
            List<SegmentResult> reused, Set<Integer> excludedFilms, TaskSettings settings) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TaskCounters counters = TaskCounters.register(jsc.sc());
        InjectedFaults faults = InjectedFaults.of(spark.sparkContext().conf(), Map.of());
        JavaRDD<BatchTask> batchRdd = jsc.parallelize(batches, Math.max(1, batches.size()));
        JavaPairRDD<Integer, WindowPiece> pieces = batchRdd.mapPartitionsToPair(
                it -> WindowSampling.run(faults.inBatches(it), settings, counters));
        return segmentStage(jsc, pieces, segments, reused, excludedFilms, settings, counters, 0);
    }

    /**
     * The windows co-denoised in sync rounds. Window state lives in partitions fixed for the run
     * ({@link WindowPartitioner}), cached on the executors; each round is one shuffle that moves
     * only the overlaps windows send their right neighbours, and all films and shots advance in
     * the same rounds. Every {@link #CHECKPOINT_EVERY} rounds each window's state is written to the
     * work area ({@link WindowStates}) and the next rounds start from those files: a lost executor
     * costs at most that many rounds of its partitions, and {@code --resume} after a killed driver
     * takes the films up there.
     */
    static Outcome codenoise(SparkSession spark, List<CoWindow> windows, int batchSize, List<SegmentTask> segments,
            List<SegmentResult> reused, Set<Integer> excludedFilms, TaskSettings settings, CoDenoising.Settings co,
            WindowStates states, PrintStream console) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TaskCounters counters = TaskCounters.register(jsc.sc());
        InjectedFaults faults = InjectedFaults.of(spark.sparkContext().conf(), states.names());
        HashMap<Integer, String> dirs = states.dirs();

        // Few large partitions: what a round adds to the model time is per task (scheduling, the
        // overlap shuffle), and neighbours in one partition hand their overlaps over in memory.
        // TASKS_PER_CORE tasks per core keep both cores busy when partitions finish unevenly. A
        // partition's active windows still go through the model in calls of at most --batch
        // windows, so results do not depend on the partitioning.
        int cores = Math.max(1, spark.sparkContext().defaultParallelism());
        WindowPartitioner partitioner = WindowPartitioner.of(windows, Math.max(2 * batchSize,
                (windows.size() + TASKS_PER_CORE * cores - 1) / (TASKS_PER_CORE * cores)));
        List<Tuple2<Integer, CoWindow>> keyed = new ArrayList<>();
        for (CoWindow w : windows) {
            keyed.add(new Tuple2<>(w.key(), w));
        }
        JavaPairRDD<Integer, CoWindow> placed = jsc.parallelizePairs(keyed, partitioner.numPartitions())
                .partitionBy(partitioner)
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Integer, CoState> state = placed
                .mapPartitionsToPair(it -> takeUp(it, 0, settings, dirs, counters), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<JavaPairRDD<Integer, CoState>> cached = new ArrayList<>(List.of(state));
        int rounds = CoDenoising.rounds(windows, co.schedule());
        console.printf("  co-denoising %d windows in %d sync rounds (%d partitions, window states saved every %d"
                + " rounds)%n", windows.size(), rounds, partitioner.numPartitions(), CHECKPOINT_EVERY);
        long begin = System.nanoTime();
        try {
            for (int r = 0; r < rounds; r++) {
                int round = r;
                boolean save = (r + 1) % CHECKPOINT_EVERY == 0 && r + 1 < rounds;
                HashMap<Integer, String> saveTo = save ? dirs : null;
                JavaPairRDD<Integer, Overlap> messages = state
                        .filter(s -> s._2().outgoing() != null && !partitioner.together(s._1(), s._2().window().rightKey()))
                        .mapToPair(s -> new Tuple2<>(s._2().window().rightKey(), s._2().outgoing()));
                state = state.cogroup(messages, partitioner)
                        .mapPartitionsToPair(it -> advance(it, round, partitioner, faults, settings, co, saveTo, counters), true);
                if (save) {
                    state.count(); // the states are in the work area now: later rounds start from there
                    states.saved(windows, r + 1);
                    cached.forEach(old -> old.unpersist(false));
                    cached.clear();
                    state = placed.mapPartitionsToPair(it -> takeUp(it, round + 1, settings, dirs, counters), true)
                            .persist(StorageLevel.MEMORY_AND_DISK());
                    cached.add(state);
                    console.printf("  sync round %d/%d  (%.0f s)%n", r + 1, rounds, (System.nanoTime() - begin) / 1e9);
                } else if (r + 1 == rounds) {
                    state = state.persist(StorageLevel.MEMORY_AND_DISK());
                    cached.add(state);
                    state.count();
                    console.printf("  sync round %d/%d  (%.0f s)%n", r + 1, rounds, (System.nanoTime() - begin) / 1e9);
                } else {
                    state = state.persist(StorageLevel.MEMORY_AND_DISK());
                    cached.add(state);
                }
            }
            JavaPairRDD<Integer, WindowPiece> pieces = state.flatMapToPair(s -> pieces(s._2(), settings).iterator());
            return segmentStage(jsc, pieces, segments, reused, excludedFilms, settings, counters, rounds);
        } finally {
            cached.forEach(old -> old.unpersist(false));
            placed.unpersist(false);
        }
    }

    /**
     * The films of a failed partition that fail when their windows are advanced alone: the
     * failure is theirs, and the other films of the partition go on in a retry of the job. All
     * the partition's films if none fails alone. Runs only after a failure.
     */
    private static Set<Integer> failingFilms(List<CoState> states, Map<Integer, Overlap> inbox, int round, Model model,
            Sampler sampler, CoDenoising.Settings co, InjectedFaults faults) {
        Map<Integer, List<CoState>> byFilm = new TreeMap<>();
        states.forEach(s -> byFilm.computeIfAbsent(s.window().task().film(), f -> new ArrayList<>()).add(s));
        Set<Integer> failing = new TreeSet<>();
        if (byFilm.size() > 1) {
            byFilm.forEach((film, filmStates) -> {
                try {
                    faults.inFilms(Set.of(film));
                    CoDenoising.advance(filmStates, inbox, round, model, sampler, co);
                } catch (RuntimeException e) {
                    failing.add(film);
                }
            });
        }
        return failing.isEmpty() ? byFilm.keySet() : failing;
    }

    /** The films of a partition's windows. */
    private static Set<Integer> films(List<CoState> states) {
        Set<Integer> films = new TreeSet<>();
        states.forEach(s -> films.add(s.window().task().film()));
        return films;
    }

    /**
     * The states of a partition's windows at job round {@code jobRound}: started afresh (text
     * contexts, initial noise) for a window whose shot is at round 0, else read from the work area.
     */
    private static Iterator<Tuple2<Integer, CoState>> takeUp(Iterator<Tuple2<Integer, CoWindow>> it, int jobRound,
            TaskSettings settings, Map<Integer, String> dirs, TaskCounters counters) {
        List<CoWindow> fresh = new ArrayList<>();
        List<CoState> states = new ArrayList<>();
        WorkArea area = null;
        while (it.hasNext()) {
            CoWindow w = it.next()._2();
            int shotRound = w.shotRound(jobRound);
            if (shotRound == 0) {
                fresh.add(w);
                continue;
            }
            String file = stateFile(dirs, w, shotRound);
            if (area == null) {
                area = WorkArea.open(settings.workDir());
            }
            CoState saved = StateFiles.read(area, file, w);
            if (saved == null) {
                throw new FilmTaskFailure(Set.of(w.task().film()), "sync round " + jobRound, new IllegalStateException(
                        "the saved state of window " + w.task().window() + " is missing: " + file));
            }
            states.add(saved);
        }
        if (!fresh.isEmpty()) {
            fresh.sort(Comparator.comparingInt(CoWindow::key));
            long begin = System.nanoTime();
            Model model = model(settings);
            states.addAll(CoDenoising.start(fresh, model, new Sampler(model.spec(), settings.sampler(), settings.steps())));
            counters.denoiseNanos().add(System.nanoTime() - begin);
        }
        states.sort(Comparator.comparingInt(CoState::key));
        return keyed(states);
    }

    /** Where window {@code w}'s state after its shot's round {@code shotRound} is kept, relative to the work root. */
    private static String stateFile(Map<Integer, String> dirs, CoWindow w, int shotRound) {
        return StateFiles.roundDir(dirs.get(w.task().film()), shotRound) + "/" + StateFiles.fileName(w.task().window());
    }

    private static Iterator<Tuple2<Integer, CoState>> advance(
            Iterator<Tuple2<Integer, Tuple2<Iterable<CoState>, Iterable<Overlap>>>> it, int round, WindowPartitioner partitioner, InjectedFaults faults,
            TaskSettings settings, CoDenoising.Settings co, Map<Integer, String> saveTo, TaskCounters counters) {
        faults.inRound(round);
        TaskContext task = TaskContext.get();
        List<CoState> states = new ArrayList<>();
        Map<Integer, Overlap> inbox = new HashMap<>();
        while (it.hasNext()) {
            Tuple2<Integer, Tuple2<Iterable<CoState>, Iterable<Overlap>>> entry = it.next();
            entry._2()._1().forEach(states::add);
            entry._2()._2().forEach(o -> inbox.put(entry._1(), o));
        }
        // Overlaps between windows of this partition never went through the shuffle.
        for (CoState s : states) {
            if (s.outgoing() != null && partitioner.together(s.key(), s.window().rightKey())) {
                inbox.put(s.window().rightKey(), s.outgoing());
            }
        }
        if (states.isEmpty()) {
            return Collections.emptyIterator();
        }
        states.sort(Comparator.comparingInt(CoState::key));
        long begin = System.nanoTime();
        Model model = model(settings);
        Sampler sampler = new Sampler(model.spec(), settings.sampler(), settings.steps());
        CoDenoising.Advance advanced;
        try {
            faults.inFilms(films(states));
            advanced = CoDenoising.advance(states, inbox, round, model, sampler, co);
        } catch (RuntimeException e) {
            throw new FilmTaskFailure(failingFilms(states, inbox, round, model, sampler, co, faults),
                    "sync round " + round, e);
        }
        if (advanced.modelCalls() > 0) {
            long took = System.nanoTime() - begin;
            LOG.info("sync round {}: {} windows of partition {} took {} steps in {} batched calls, {} ms", round,
                    states.size(), task == null ? -1 : task.partitionId(), advanced.windowSteps(), advanced.modelCalls(),
                    took / 1_000_000);
            counters.denoiseNanos().add(took);
            counters.modelCalls().add(advanced.modelCalls());
            counters.windowSteps().add(advanced.windowSteps());
        }
        if (saveTo != null) {
            long saving = System.nanoTime();
            WorkArea area = WorkArea.open(settings.workDir());
            for (CoState s : advanced.states()) {
                StateFiles.write(area, stateFile(saveTo, s.window(), s.window().shotRound(round + 1)), s);
            }
            counters.checkpointNanos().add(System.nanoTime() - saving);
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
