package org.reelfarm.render;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import org.reelfarm.output.JobTimeline;

/**
 * Records which executor ran which task of the job and when, failed attempts and lost executors,
 * for the report's job timeline. Spark calls it on its listener thread; {@link #snapshot} may be
 * called from any thread.
 */
final class TaskTimeline extends SparkListener {
    private final List<JobTimeline.TaskSpan> tasks = new ArrayList<>();
    private final List<JobTimeline.LostExecutor> lost = new ArrayList<>();
    private final java.util.Map<Integer, String> stageNames = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        stageNames.put(event.stageInfo().stageId(), stageLabel(event.stageInfo().name()));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        TaskInfo info = event.taskInfo();
        String failed = info.successful() ? null : event.reason().toString();
        if (failed != null && failed.length() > 200) {
            failed = failed.substring(0, 200) + "…";
        }
        JobTimeline.TaskSpan span = new JobTimeline.TaskSpan(stageNames.getOrDefault(event.stageId(), "stage " + event.stageId()),
                event.stageId(), info.partitionId(), info.attemptNumber(), info.executorId(), info.launchTime(),
                info.finishTime() > 0 ? info.finishTime() : System.currentTimeMillis(), failed);
        synchronized (this) {
            tasks.add(span);
        }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved event) {
        synchronized (this) {
            lost.add(new JobTimeline.LostExecutor(event.executorId(), event.time(), event.reason()));
        }
    }

    synchronized JobTimeline snapshot() {
        return new JobTimeline(tasks, lost);
    }

    /** What a Spark stage of a render does, from the stage's name (the call site Spark gives it). */
    static String stageLabel(String sparkName) {
        return sparkName.contains("collect") ? "blend, decode and encode segments" : "denoise windows";
    }
}
