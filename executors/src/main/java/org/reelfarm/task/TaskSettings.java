package org.reelfarm.task;

import java.io.Serializable;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.encode.VideoQuality;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.sampler.SamplerKind;

/**
 * The part of the render settings that executors need, parsed once on the driver and shipped with
 * the job. Executors read no files or environment for settings.
 *
 * @param modelDir the model directory, readable at the same path on every executor, or a Hadoop URI
 *     (s3a://...) that each executor copies into its local model cache
 * @param workDir the film work area (a local path or a Hadoop URI such as s3a://bucket/prefix)
 * @param resume whether batches take the pieces an interrupted run left in the work area
 */
public record TaskSettings(String modelDir, RuntimeSettings runtime, SamplerKind sampler, int steps,
        BlendProfile blend, int overlap, VideoQuality quality, boolean png, String workDir, boolean resume)
        implements Serializable {

    public TaskSettings {
        if (modelDir == null || workDir == null || runtime == null || sampler == null || blend == null || quality == null) {
            throw new IllegalArgumentException("task settings are incomplete");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1");
        }
    }
}
