package org.reelfarm.model;

import java.io.Serializable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * How an executor JVM runs TensorFlow: thread pools and devices. Part of the render settings the
 * driver ships to executors; executors never read it from files or the environment.
 *
 * @param intraOpThreads threads one op may use; with N Spark task threads per executor, 1 keeps
 *     N concurrent model calls from oversubscribing the cores
 * @param interOpThreads threads that run the ops of all concurrent calls (0 = one per core); task
 *     threads share one model, so this pool must not be smaller than the number of task threads
 * @param visibleDevices GPU ids TensorFlow may use, comma separated ("0", "0,1"); empty for CPU
 */
public record RuntimeSettings(int intraOpThreads, int interOpThreads, String visibleDevices) implements Serializable {

    public RuntimeSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("TensorFlow thread counts must be >= 0 (0 = TensorFlow's default)");
        }
        visibleDevices = visibleDevices == null ? "" : visibleDevices.strip();
        if (!visibleDevices.matches("[0-9]*(,[0-9]+)*")) {
            throw new IllegalArgumentException("visible devices must be GPU ids like \"0\" or \"0,1\", got \""
                    + visibleDevices + "\"");
        }
    }

    /**
     * One thread per op and TensorFlow's default inter-op pool, on the CPU: the best throughput
     * when task threads fill the cores. A single inter-op thread would serialize the concurrent
     * calls of the task threads sharing the model (measured on 2 cores, batches of 4 windows: 47
     * calls/s with one inter-op thread, 81 with the default).
     */
    public static RuntimeSettings cpu() {
        return new RuntimeSettings(1, 0, "");
    }

    public boolean usesGpu() {
        return !visibleDevices.isEmpty();
    }

    /**
     * The same threads on the given GPUs (the addresses Spark assigned to a task); these settings
     * as they are when none are given (a local run keeps the GPUs of {@code --gpus}).
     */
    public RuntimeSettings onDevices(String devices) {
        if (devices == null || devices.isBlank()) {
            return this;
        }
        return new RuntimeSettings(intraOpThreads, interOpThreads, devices);
    }

    ConfigProto toConfigProto() {
        ConfigProto.Builder config = ConfigProto.newBuilder()
                // Per-session pools: otherwise the first session of the process (an export, say)
                // fixes the thread pools of every later one and these settings are ignored.
                .setUsePerSessionThreads(true)
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads);
        if (usesGpu()) {
            config.setGpuOptions(GPUOptions.newBuilder().setVisibleDeviceList(visibleDevices).setAllowGrowth(true));
        } else {
            config.putDeviceCount("GPU", 0);
        }
        return config.build();
    }
}
