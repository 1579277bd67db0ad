package org.reelfarm.capacity;

import java.util.Map;
import java.util.Objects;

/**
 * The published cost of one video model on one GPU type: one clip of {@code frames} frames at
 * {@code width}×{@code height}, {@code steps} sampler steps, took {@code secondsPerClip} of wall on
 * {@code gpusPerReplica} GPUs. {@code latentFrames} is the clip's length in the model's latent
 * frames; {@code window} and {@code overlap} are Reelfarm's windows over the model, in latent
 * frames. Where each figure comes from is in {@code sources}; figures not checked are in
 * {@code unverified} with the reason. No prices: those are the user's.
 *
 * <p>The planner assumes the cost of a window is linear in its latent frames (attention is
 * quadratic in tokens, so a window much shorter than the clip is slightly overestimated).
 */
public record ModelProfile(
        String id,
        String model,
        String gpu,
        int width,
        int height,
        int frames,
        int fps,
        int steps,
        double secondsPerClip,
        int gpusPerReplica,
        Double memoryGb,
        double modelLoadSeconds,
        int latentFrames,
        int window,
        int overlap,
        Map<String, String> sources,
        Map<String, String> unverified) {

    public ModelProfile {
        Objects.requireNonNull(id, "id");
        if (width < 1 || height < 1 || frames < 1 || fps < 1 || steps < 1 || secondsPerClip <= 0 || gpusPerReplica < 1
                || modelLoadSeconds < 0 || latentFrames < 1 || window < 1 || overlap < 0 || overlap >= window) {
            throw new CapacityException("profile " + id + " has an impossible figure: every size, count and time must"
                    + " be positive and 0 <= overlap < window (got window " + window + ", overlap " + overlap + ")");
        }
        sources = Map.copyOf(sources);
        unverified = Map.copyOf(unverified);
    }

    /** Seconds of film in one clip. */
    public double clipSeconds() {
        return frames / (double) fps;
    }

    /** Latent frames per second of film. */
    public double latentFps() {
        return latentFrames / clipSeconds();
    }

    /** GPU-seconds of one sampler step of one window of {@code windowLatents} latent frames. */
    public double gpuSecondsPerWindowStep(int windowLatents) {
        return secondsPerClip * gpusPerReplica / steps * windowLatents / latentFrames;
    }

    /** Wall seconds of one such window-step on one replica. */
    public double wallSecondsPerWindowStep(int windowLatents) {
        return gpuSecondsPerWindowStep(windowLatents) / gpusPerReplica;
    }

    /** GPU-seconds per second of film, without overlap: the figure published sources imply. */
    public double gpuSecondsPerVideoSecond() {
        return secondsPerClip * gpusPerReplica / clipSeconds();
    }

    /** Pixels of one frame. */
    public long pixels() {
        return (long) width * height;
    }
}
