package org.reelfarm.task;

import java.nio.file.Path;
import org.reelfarm.model.GpuAssignment;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelCache;

/** The model a task works with: the per-JVM cached model of the render, on the devices of the running task. */
public final class TaskModels {
    private TaskModels() {}

    /**
     * The render's model from the per-JVM {@link ModelCache}, placed on the GPUs Spark gave the
     * current task (none outside a task or without GPUs). Call once per partition; the cache
     * owns the model, the caller must not close it.
     */
    public static Model forCurrentTask(TaskSettings settings) {
        return ModelCache.get(Path.of(settings.modelDir()), settings.runtime().onDevices(GpuAssignment.ofCurrentTask()));
    }
}
