package org.reelfarm.task;

/** Windows of equal length denoised together, one batched model call per step. */
public record BatchTask(int index, WindowTask[] windows) {}
