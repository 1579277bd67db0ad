package org.reelfarm.render;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.reelfarm.task.BatchTask;
import org.reelfarm.task.FilmTaskFailure;

/**
 * Faults the fault-tolerance tests inject into a real render (a separate driver JVM, so the
 * tests reach it through Spark settings given with {@code --conf}). Read once on the driver and
 * shipped with the tasks; with neither setting, nothing happens.
 *
 * @param failOnceInRound the sync round whose first attempt at partition 0 fails (-1: none)
 * @param failFilm the film whose every batch fails, every attempt ("": none)
 */
record InjectedFaults(int failOnceInRound, String failFilm) implements Serializable {
    /** Makes the first attempt of partition 0 fail in the given sync round (codenoise). */
    static final String FAIL_ONCE_IN_ROUND = "spark.reelfarm.test.failOnceInRound";
    /** Makes every attempt at a batch of the film of this name fail (independent windows). */
    static final String FAIL_FILM = "spark.reelfarm.test.failFilm";

    static InjectedFaults of(SparkConf conf) {
        return new InjectedFaults(Integer.parseInt(conf.get(FAIL_ONCE_IN_ROUND, "-1")), conf.get(FAIL_FILM, ""));
    }

    /** Throws in the round and task attempt set by {@link #FAIL_ONCE_IN_ROUND}. */
    void inRound(int round) {
        TaskContext task = TaskContext.get();
        if (round == failOnceInRound && task != null && task.partitionId() == 0 && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure in sync round " + round + " (" + FAIL_ONCE_IN_ROUND + ")");
        }
    }

    /** The batches as given, unless one is of the film set by {@link #FAIL_FILM}: then that one fails. */
    Iterator<BatchTask> inBatches(Iterator<BatchTask> batches) {
        if (failFilm.isEmpty()) {
            return batches;
        }
        List<BatchTask> list = new java.util.ArrayList<>();
        batches.forEachRemaining(list::add);
        for (BatchTask batch : list) {
            if (batch.checkpoint().startsWith(failFilm + "/")) {
                throw new FilmTaskFailure(Set.of(batch.windows()[0].film()), "batch " + batch.index(),
                        new IllegalStateException("injected failure (" + FAIL_FILM + ")"));
            }
        }
        return list.iterator();
    }
}
