package org.reelfarm.model;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The GPUs Spark assigned to the running task (resource name {@code gpu}), as TensorFlow's
 * visible-device list. Empty when there is no task, no GPU resource, or no address: then the
 * model runs on the CPU.
 */
public final class GpuAssignment {
    public static final String RESOURCE = "gpu";

    private GpuAssignment() {}

    public static String ofCurrentTask() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            return "";
        }
        ResourceInformation gpu = task.resources().get(RESOURCE).getOrElse(() -> null);
        return gpu == null ? "" : visibleDeviceList(gpu.addresses());
    }

    /** Spark's addresses ("0", "1") as a TensorFlow device list ("0,1"), sorted and de-duplicated. */
    static String visibleDeviceList(String[] addresses) {
        return Arrays.stream(addresses).map(String::strip).filter(a -> !a.isEmpty()).distinct().sorted()
                .collect(Collectors.joining(","));
    }
}
