package org.reelfarm.task;

/**
 * A small JPEG of one output frame, taken on the executor while the frame is encoded, so that
 * the driver's report shows frames without decoding anything again.
 *
 * @param frame the frame's number in the film, from 0
 * @param jpeg the JPEG bytes (a few KB)
 */
public record Thumbnail(long frame, byte[] jpeg) {}
