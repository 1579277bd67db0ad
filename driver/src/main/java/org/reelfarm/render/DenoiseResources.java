package org.reelfarm.render;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import org.reelfarm.model.GpuAssignment;

/**
 * What the denoise stages ask for: one GPU per task, on executors that have GPUs. Only the RDDs
 * that call the model for denoising (independent batches, the co-denoising take-up and sync
 * rounds) carry this profile; blend, decode and encode stay on plain CPU task slots, so an
 * executor with G GPUs and C cores runs G denoise tasks but C encode tasks at a time.
 *
 * <p>It is a Spark 3.5 task resource profile: no executor requests of its own, the tasks run on
 * the executors of the default profile ({@code spark.executor.resource.gpu.amount}, set by
 * {@code --gpus N}). Spark supports that on standalone, YARN and Kubernetes with dynamic
 * allocation off; with it on, the render refuses {@code --gpus} rather than fail mid-job.
 */
final class DenoiseResources {
    private static final String EXECUTOR_GPUS = "spark.executor.resource." + GpuAssignment.RESOURCE + ".amount";

    private final ResourceProfile profile;

    private DenoiseResources(ResourceProfile profile) {
        this.profile = profile;
    }

    /** The denoise profile for this session's executors; a no-op when they have no GPU. */
    static DenoiseResources of(SparkContext sc) {
        return new DenoiseResources(profile(sc.getConf()));
    }

    /**
     * One GPU and {@code spark.task.cpus} cores per denoise task, or null when executors have no
     * GPUs (a local master, or a cluster render without {@code --gpus}).
     */
    static ResourceProfile profile(SparkConf conf) {
        if (conf.getDouble(EXECUTOR_GPUS, 0) <= 0) {
            return null;
        }
        if (conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
            throw new UsageException("--gpus with spark.dynamicAllocation.enabled=true: the denoise stages ask for their"
                    + " GPU with a task resource profile, which Spark 3.5 supports only without dynamic allocation;"
                    + " set --conf spark.dynamicAllocation.enabled=false");
        }
        TaskResourceRequests task = new TaskResourceRequests().cpus(conf.getInt("spark.task.cpus", 1))
                .resource(GpuAssignment.RESOURCE, 1.0);
        return new ResourceProfileBuilder().require(task).build();
    }

    /** {@code rdd} with its tasks on a GPU each (the same RDD: Spark sets the profile in place). */
    <K, V> JavaPairRDD<K, V> on(JavaPairRDD<K, V> rdd) {
        if (profile != null) {
            rdd.rdd().withResources(profile);
        }
        return rdd;
    }
}
