package org.reelfarm.render;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.reelfarm.task.TaskHook;

/**
 * The faults the fault-tolerance tests inject into a real render: a {@link TaskHook} on the test
 * classpath ({@code META-INF/services/org.reelfarm.task.TaskHook}), which {@link ReelfarmProcess}
 * puts on the classpath of the render it starts (and so of its executors). A test turns faults
 * on with Spark settings given with {@code --conf}, read here from the executor's Spark
 * configuration; with none of them set, nothing happens.
 */
public final class InjectedFaults implements TaskHook {
    /** Makes the first attempt of partition 0 fail in the given sync round (codenoise). */
    static final String FAIL_ONCE_IN_ROUND = "spark.reelfarm.test.failOnceInRound";
    /** Makes every attempt at a batch or sync round of the film of this name fail. */
    static final String FAIL_FILM = "spark.reelfarm.test.failFilm";
    /** What the injected failure of {@link #FAIL_FILM} says after "injected failure (...)", e.g. a path. */
    static final String FAIL_MESSAGE = "spark.reelfarm.test.failMessage";

    @Override
    public void beforeBatch(int batch, int film, String name) {
        SparkConf conf = conf();
        if (conf != null && name != null && name.equals(conf.get(FAIL_FILM, null))) {
            throw filmFailure(conf);
        }
    }

    @Override
    public void beforeSyncRound(int round, Map<Integer, String> films) {
        SparkConf conf = conf();
        if (conf == null) {
            return;
        }
        TaskContext task = TaskContext.get();
        if (round == Integer.parseInt(conf.get(FAIL_ONCE_IN_ROUND, "-1")) && task != null && task.partitionId() == 0
                && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure in sync round " + round + " (" + FAIL_ONCE_IN_ROUND + ")");
        }
        String failFilm = conf.get(FAIL_FILM, null);
        if (failFilm != null && films.containsValue(failFilm)) {
            throw filmFailure(conf);
        }
    }

    private static IllegalStateException filmFailure(SparkConf conf) {
        String detail = conf.get(FAIL_MESSAGE, "");
        return new IllegalStateException("injected failure (" + FAIL_FILM + ")" + (detail.isEmpty() ? "" : " " + detail));
    }

    /** The Spark settings of the application this executor runs for; null outside Spark. */
    private static SparkConf conf() {
        SparkEnv env = SparkEnv.get();
        return env == null ? null : env.conf();
    }
}
