package org.reelfarm.render;

import java.util.Map;

/**
 * What {@code --gpus} asks for, which depends on the master. On a local master ({@code local},
 * {@code local[N]}) the driver JVM runs the tasks, so {@code --gpus} names the GPU ids TensorFlow
 * may use ("0", "0,1"). On a cluster master ({@code spark://}, {@code k8s://}, {@code yarn},
 * {@code local-cluster[...]}) it is the number of GPUs each executor gets; Spark gives each denoise
 * task one of them ({@link DenoiseResources}) and the task hands its address to TensorFlow. Other
 * tasks (blend, decode, encode) take no GPU.
 *
 * @param localDevices GPU ids for a local run, empty otherwise
 * @param perExecutor GPUs per executor on a cluster, 0 otherwise
 */
public record GpuRequest(String localDevices, int perExecutor) {
    /** The NVIDIA device plugin's resource, {@code nvidia.com/gpu}, is {@code VENDOR/gpu}. */
    public static final String KUBERNETES_GPU_VENDOR = "nvidia.com";
    /** Where k8s/Dockerfile puts conf/gpu-discovery.sh in the image. */
    public static final String IMAGE_DISCOVERY_SCRIPT = "/opt/reelfarm/conf/gpu-discovery.sh";

    public GpuRequest {
        if (perExecutor < 0) {
            throw new IllegalArgumentException("GPUs per executor must be >= 0, got " + perExecutor);
        }
    }

    /** Parses {@code --gpus TEXT} for a master URL; empty text asks for no GPU. */
    public static GpuRequest parse(String master, String text) {
        String gpus = text == null ? "" : text.strip();
        if (isLocal(master) || gpus.isEmpty()) {
            return new GpuRequest(gpus, 0);
        }
        if (!gpus.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("--gpus on a cluster master (" + master + ") is the number of GPUs per"
                    + " executor, e.g. --gpus 1; got \"" + gpus + "\" (GPU ids are for local masters)");
        }
        return new GpuRequest("", Integer.parseInt(gpus));
    }

    /** True for masters whose tasks run in the driver JVM. */
    static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /**
     * Spark's resource settings for the request: GPUs per executor. Empty for a local run or no
     * GPU. No {@code spark.task.resource.gpu.amount}: that would make every task wait for a GPU;
     * the denoise stages ask for theirs through {@link DenoiseResources}. Executors find their
     * GPUs through the cluster: a standalone Worker's discovery script, or
     * {@code spark.executor.resource.gpu.discoveryScript} on Kubernetes.
     */
    public Map<String, String> sparkConf() {
        if (perExecutor == 0) {
            return Map.of();
        }
        return Map.of("spark.executor.resource.gpu.amount", String.valueOf(perExecutor));
    }

    /**
     * {@link #sparkConf()} for {@code master}: on Kubernetes also the device plugin's resource
     * vendor (Spark asks for {@code nvidia.com/gpu} in the executor pod's limits) and the discovery
     * script at its place in the Reelfarm image (k8s/Dockerfile). {@code --conf} overrides both.
     */
    public Map<String, String> sparkConf(String master) {
        if (perExecutor == 0 || !master.startsWith("k8s://")) {
            return sparkConf();
        }
        return Map.of("spark.executor.resource.gpu.amount", String.valueOf(perExecutor),
                "spark.executor.resource.gpu.vendor", KUBERNETES_GPU_VENDOR,
                "spark.executor.resource.gpu.discoveryScript", IMAGE_DISCOVERY_SCRIPT);
    }
}
