package org.reelfarm.task;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * What the tasks of a render job count for the driver (Spark accumulators: each successful task
 * attempt adds once).
 *
 * @param denoiseNanos time in the model and sampler
 * @param modelCalls batched {@code denoise} calls
 * @param windowSteps sampling steps over all windows
 * @param reusedWindows windows whose pieces an interrupted run had kept
 * @param checkpointNanos time writing what is kept in the work area for a resume
 */
public record TaskCounters(LongAccumulator denoiseNanos, LongAccumulator modelCalls, LongAccumulator windowSteps,
        LongAccumulator reusedWindows, LongAccumulator checkpointNanos) implements Serializable {
    /** The name of the window-steps accumulator, as a SparkListener sees it in a task's updates. */
    public static final String WINDOW_STEPS = "window-steps";

    /** Fresh counters registered with {@code sc}. */
    public static TaskCounters register(SparkContext sc) {
        return new TaskCounters(sc.longAccumulator("denoise-nanos"), sc.longAccumulator("model-calls"),
                sc.longAccumulator(WINDOW_STEPS), sc.longAccumulator("reused-windows"),
                sc.longAccumulator("checkpoint-nanos"));
    }
}
