package org.reelfarm.render;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
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

    ProgressListener(PrintStream console) {
        this.console = console;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        int id = event.stageInfo().stageId();
        stages.put(id, new int[] {event.stageInfo().numTasks(), 0, 0});
        names.put(id, event.stageInfo().name().contains("collect") ? "blend, decode and encode segments"
                : "denoise windows");
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
