package org.reelfarm.task;

import org.reelfarm.blend.Blender;

/** The latents and blend weights of part of one window, on their way to one segment. */
public record WindowPiece(int window, long start, int frames, float[] latents, float[] weights) implements Blender.Piece {}
