package org.reelfarm.stitch;

/**
 * A shot as it ended up in the film.
 *
 * @param firstFrame number of the shot's first frame in the film
 * @param framesSha256 SHA-256 over the SHA-256 digests of the shot's raw RGB24 frames, in order
 */
public record StitchedShot(int index, String id, String file, long firstFrame, long frames, String framesSha256) {}
