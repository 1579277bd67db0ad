package org.reelfarm.task;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.reelfarm.model.GpuAssignment;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelCache;

/** The model a task works with: the per-JVM cached model of the render, on the devices of the running task. */
public final class TaskModels {
    private TaskModels() {}

    /**
     * The render's model from the per-JVM {@link ModelCache}, placed on the GPUs Spark gave the
     * current task (none outside a task or without GPUs). A model on {@code s3a://} is copied into
     * this JVM's local model cache first, with the credentials of the Spark configuration. Call
     * once per partition; the cache owns the model, the caller must not close it.
     */
    public static Model forCurrentTask(TaskSettings settings) {
        return ModelCache.get(settings.modelDir(), settings.runtime().onDevices(GpuAssignment.ofCurrentTask()),
                TaskModels::hadoopConfiguration);
    }

    /** The Hadoop configuration of this JVM's Spark environment ({@code spark.hadoop.*}), or defaults outside Spark. */
    private static Configuration hadoopConfiguration() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }
}
