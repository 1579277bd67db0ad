package org.reelfarm.task;

/**
 * What a rendered segment reports back to the driver: no frames, only their count, the SHA-256
 * of each raw RGB frame (32 bytes each, in order), the figures seam scores and drift are made of,
 * and where the MP4 went.
 *
 * @param diffs per frame, its mean absolute difference from the frame before (0 for a shot's
 *     first frame)
 * @param centroids per frame, x and y of its salient centroid in pixels
 * @param thumbnails small JPEGs of the frames the task asked for ({@link SegmentTask#thumbnailFrames})
 */
public record SegmentResult(int id, int film, int shot, int frames, byte[] frameDigests, float[] diffs,
        float[] centroids, String file, long blendNanos, long decodeNanos, long encodeNanos, Thumbnail[] thumbnails) {

    public SegmentResult {
        thumbnails = thumbnails == null ? new Thumbnail[0] : thumbnails;
    }
}
