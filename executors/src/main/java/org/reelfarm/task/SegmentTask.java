package org.reelfarm.task;

/**
 * A span of one shot decoded and encoded as one MP4 file.
 *
 * @param id job-global segment id (the shuffle key)
 * @param start first latent frame of the segment (absolute in its film)
 * @param length latent frames in the segment
 * @param contextStart first latent frame blended for decoding (start minus decode context, within the shot)
 * @param contextEnd end (exclusive) of the blended span
 * @param firstOutputFrame number of the segment's first output frame in the film
 * @param filmDir the film's directory, relative to the work area
 * @param file path of the MP4 relative to the work area
 * @param gains per output frame, the brightness factor of a fade to or from black; null if none
 * @param thumbnailFrames the output frames (numbers in the film, ascending, within the segment) of
 *     which to keep a {@link Thumbnail}; null for none
 */
public record SegmentTask(int id, int film, int shot, long start, int length, long contextStart, long contextEnd,
        long firstOutputFrame, String filmDir, String file, float[] gains,
        long[] thumbnailFrames) {

    public int contextLength() {
        return (int) (contextEnd - contextStart);
    }
}
