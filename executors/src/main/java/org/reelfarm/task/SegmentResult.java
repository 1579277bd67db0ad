package org.reelfarm.task;

/**
 * What a rendered segment reports back to the driver: no frames, only their count, the SHA-256
 * of each raw RGB frame (32 bytes each, in order) and where the MP4 went.
 */
public record SegmentResult(int id, int film, int shot, int frames, byte[] frameDigests, String file,
        long blendNanos, long decodeNanos, long encodeNanos) {}
