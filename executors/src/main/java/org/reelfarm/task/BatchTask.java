package org.reelfarm.task;

/**
 * Windows of equal length denoised together, one batched model call per step.
 *
 * @param checkpoint where its window pieces are kept in the work area (relative to the work root)
 */
public record BatchTask(int index, WindowTask[] windows, String checkpoint) {}
