package org.reelfarm.render;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.reelfarm.task.TaskCounters;
import scala.collection.JavaConverters;

/**
 * Feeds the render's {@link RenderProgress} with the window-steps each successful task reports
 * (its update of the {@link TaskCounters#WINDOW_STEPS} accumulator), and counts the stages each
 * job group (one group of films in flight) completed and the time its tasks held a slot.
 */
final class ProgressListener extends SparkListener {
    private final RenderProgress progress;
    private final Map<Integer, String> stageGroups = new ConcurrentHashMap<>(); // stage -> job group
    private final Map<String, AtomicInteger> groupStages = new ConcurrentHashMap<>(); // job group -> stages done
    private final Map<String, LongAdder> groupTaskMillis = new ConcurrentHashMap<>(); // job group -> task time

    ProgressListener(RenderProgress progress) {
        this.progress = progress;
    }

    /** Stages completed by the jobs of one job group. */
    int stagesCompleted(String jobGroup) {
        AtomicInteger n = groupStages.get(jobGroup);
        return n == null ? 0 : n.get();
    }

    /**
     * Seconds the tasks of one job group held an executor slot, launch to finish, every attempt
     * counted: the executors' share of the job, whatever the tasks did in it. Read after {@link
     * #settle}: Spark delivers listener events a little after a job returns.
     */
    double taskSeconds(String jobGroup) {
        LongAdder millis = groupTaskMillis.get(jobGroup);
        return millis == null ? 0 : millis.sum() / 1000.0;
    }

    /**
     * Waits, at most 5 s, until Spark has delivered the events posted so far to its listeners, so
     * that the figures read next count every task of the jobs that returned. On a timeout they
     * may miss the last few tasks.
     */
    static void settle(SparkContext context) {
        try {
            context.listenerBus().waitUntilEmpty(5_000);
        } catch (Exception e) { // Spark's TimeoutException, undeclared to Java
            // the figures read next err low
        }
    }

    @Override
    public void onJobStart(SparkListenerJobStart event) {
        String group = event.properties() == null ? null : event.properties().getProperty("spark.jobGroup.id");
        if (group != null) {
            for (Object stage : JavaConverters.seqAsJavaList(event.stageIds())) {
                stageGroups.put((Integer) stage, group);
            }
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        String group = stageGroups.remove(event.stageInfo().stageId());
        if (group != null) {
            groupStages.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        if (event.taskInfo() == null) {
            return;
        }
        String group = stageGroups.get(event.stageId());
        if (group != null) {
            groupTaskMillis.computeIfAbsent(group, g -> new LongAdder()).add(event.taskInfo().duration());
        }
        if (!event.taskInfo().successful()) {
            return;
        }
        long steps = windowSteps(JavaConverters.seqAsJavaList(event.taskInfo().accumulables()));
        if (steps > 0) {
            progress.stepsDone(steps);
        }
    }

    /** The task's own update of the window-steps accumulator, 0 if it has none. */
    static long windowSteps(Iterable<AccumulableInfo> updates) {
        for (AccumulableInfo info : updates) {
            if (info.name().isDefined() && TaskCounters.WINDOW_STEPS.equals(info.name().get())
                    && info.update().isDefined()) {
                return ((Number) info.update().get()).longValue(); // a LongAccumulator's update is a Long
            }
        }
        return 0;
    }

    /**
     * What the console line of a committed film adds in a library: films done of all, windows in
     * flight, and the time left if films keep coming at the rate they came so far.
     */
    static String commitNote(Admission.Progress p, long done, double elapsedSeconds) {
        double left = done > 0 ? elapsedSeconds / done * Math.max(0, p.filmsTotal() - done) : Double.NaN;
        return String.format(Locale.ROOT, " (films %d/%d, %d windows in flight%s)", done, p.filmsTotal(),
                p.windowsInFlight(), Double.isNaN(left) ? "" : String.format(Locale.ROOT, ", about %.0f s left", left));
    }
}
