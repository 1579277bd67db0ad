package org.reelfarm.render;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Prints the progress of long stages to the console: one line each time another tenth of a
 * stage's tasks has finished.
 */
final class ProgressListener extends SparkListener {
    private final PrintStream console;
    private final Map<Integer, int[]> stages = new ConcurrentHashMap<>(); // stage -> {total, done, lastTenth}
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final long start = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicInteger completed = new java.util.concurrent.atomic.AtomicInteger();

    private final boolean denoiseProgress;

    /**
     * @param denoiseProgress whether to report the tasks of denoise stages too (co-denoising reports
     *     its sync rounds itself; per-round task lines would drown them)
     */
    ProgressListener(PrintStream console, boolean denoiseProgress) {
        this.console = console;
        this.denoiseProgress = denoiseProgress;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        int id = event.stageInfo().stageId();
        boolean segments = event.stageInfo().name().contains("collect");
        if (!segments && !denoiseProgress) {
            return;
        }
        stages.put(id, new int[] {event.stageInfo().numTasks(), 0, 0});
        names.put(id, segments ? "blend, decode and encode segments"
                : "denoise windows");
    }

    /** Stages completed since the listener was added. */
    int stagesCompleted() {
        return completed.get();
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        completed.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        int[] stage = stages.get(event.stageId());
        if (stage == null || !event.taskInfo().successful()) {
            return;
        }
        synchronized (stage) {
            stage[1]++;
            int tenth = stage[1] * 10 / Math.max(1, stage[0]);
            if (tenth > stage[2] || stage[1] == stage[0]) {
                stage[2] = tenth;
                console.printf("  %-34s %4d/%d tasks  (%.0f s)%n", names.get(event.stageId()), stage[1], stage[0],
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
