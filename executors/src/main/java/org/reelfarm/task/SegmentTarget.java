package org.reelfarm.task;

/** The latent frames [from, to) of a window that segment {@code segment} needs to blend and decode. */
public record SegmentTarget(int segment, long from, long to) {}
