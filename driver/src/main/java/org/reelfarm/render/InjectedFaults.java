package org.reelfarm.render;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * @param failFilm the film whose every batch and sync round fails, every attempt ("": none)
 * @param failFilmIndex that film's index in the job, when known (codenoise), else -1
 */
record InjectedFaults(int failOnceInRound, String failFilm, int failFilmIndex) implements Serializable {
    /** Makes the first attempt of partition 0 fail in the given sync round (codenoise). */
    static final String FAIL_ONCE_IN_ROUND = "spark.reelfarm.test.failOnceInRound";
    /** Makes every attempt at a batch or sync round of the film of this name fail. */
    static final String FAIL_FILM = "spark.reelfarm.test.failFilm";

    /** @param films the job's film names by film index */
    static InjectedFaults of(SparkConf conf, Map<Integer, String> films) {
        String failFilm = conf.get(FAIL_FILM, "");
        int index = films.entrySet().stream().filter(f -> f.getValue().equals(failFilm)).mapToInt(Map.Entry::getKey)
                .findFirst().orElse(-1);
        return new InjectedFaults(Integer.parseInt(conf.get(FAIL_ONCE_IN_ROUND, "-1")), failFilm, index);
    }

    /** Throws if {@code films} holds the film set by {@link #FAIL_FILM}. */
    void inFilms(Set<Integer> films) {
        if (failFilmIndex >= 0 && films.contains(failFilmIndex)) {
            throw new IllegalStateException("injected failure (" + FAIL_FILM + ")");
        }
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
