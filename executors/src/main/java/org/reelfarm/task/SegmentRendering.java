package org.reelfarm.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.reelfarm.blend.Blender;
import org.reelfarm.encode.Mp4SegmentWriter;
import org.reelfarm.encode.PngSequenceWriter;
import org.reelfarm.encode.Thumbnails;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.quality.FrameStats;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blend, decode and encode stage on an executor: one segment's window pieces become blended
 * latents, decoded frames (with the model's decode context on both sides), an H.264 MP4 in the
 * work area, per-frame digests and the per-frame figures of seam scores and drift ({@link
 * FrameStats}). Frames never leave the executor.
 */
public final class SegmentRendering {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRendering.class);
    /** Latent frames decoded per model call; bounds executor memory for long segments. */
    static final int DECODE_CHUNK = 16;

    private SegmentRendering() {}

    /** Renders one segment; a failure names the segment's film ({@link FilmTaskFailure}). */
    public static SegmentResult run(SegmentTask segment, Iterable<WindowPiece> pieces, TaskSettings settings) {
        try {
            return render(segment, pieces, settings);
        } catch (RuntimeException e) {
            throw new FilmTaskFailure(java.util.Set.of(segment.film()), "segment " + segment.id() + " (shot "
                    + segment.shot() + ")", e);
        }
    }

    private static SegmentResult render(SegmentTask segment, Iterable<WindowPiece> pieces, TaskSettings settings) {
        Model model = TaskModels.forCurrentTask(settings);
        ModelSpec spec = model.spec();
        Storage area = Storage.open(settings.workDir());
        List<WindowPiece> list = new ArrayList<>();
        pieces.forEach(list::add);

        long t0 = System.nanoTime();
        float[] latents = Blender.blend(list, segment.contextStart(), segment.contextLength(), spec.latentFrameSize());
        long t1 = System.nanoTime();

        int stride = spec.temporalStride();
        int frameBytes = spec.frameHeight() * spec.frameWidth() * 3;
        MessageDigest sha = sha256();
        byte[] digests = new byte[segment.length() * stride * 32];
        float[] diffs = new float[segment.length() * stride];
        float[] centroids = new float[2 * segment.length() * stride];
        byte[] previous = null;
        long decodeNanos = 0;
        Path local = null;
        int frames = 0;
        List<Thumbnail> thumbnails = new ArrayList<>();
        long[] wanted = segment.thumbnailFrames() == null ? new long[0] : segment.thumbnailFrames();
        try {
            local = Files.createTempFile("reelfarm-segment-" + segment.id() + "-", ".mp4");
            Path pngDir = settings.png() ? Files.createTempDirectory("reelfarm-frames-") : null;
            try (Mp4SegmentWriter writer = Mp4SegmentWriter.open(local, spec.frameWidth(), spec.frameHeight(), spec.fps(),
                    settings.quality())) {
                for (long a = segment.start(); a < segment.start() + segment.length(); a += DECODE_CHUNK) {
                    long b = Math.min(a + DECODE_CHUNK, segment.start() + segment.length());
                    long from = Math.max(segment.contextStart(), a - spec.decodeContext());
                    long to = Math.min(segment.contextEnd(), b + spec.decodeContext());
                    int n = (int) (to - from);
                    float[] span = new float[n * spec.latentFrameSize()];
                    System.arraycopy(latents, (int) (from - segment.contextStart()) * spec.latentFrameSize(), span, 0, span.length);
                    long d0 = System.nanoTime();
                    byte[] rgb = model.decode(span, 1, n);
                    decodeNanos += System.nanoTime() - d0;
                    int skip = (int) (a - from) * stride;
                    int keep = (int) (b - a) * stride;
                    if (previous == null && skip > 0) {
                        // The frame before the segment, decoded as context: the first difference crosses segments.
                        previous = java.util.Arrays.copyOfRange(rgb, (skip - 1) * frameBytes, skip * frameBytes);
                    }
                    for (int f = 0; f < keep; f++) {
                        byte[] frame = new byte[frameBytes];
                        System.arraycopy(rgb, (skip + f) * frameBytes, frame, 0, frameBytes);
                        if (segment.gains() != null) {
                            fade(frame, segment.gains()[frames]);
                        }
                        System.arraycopy(sha.digest(frame), 0, digests, frames * 32, 32);
                        if (previous != null) {
                            diffs[frames] = FrameStats.meanAbsDiff(previous, 0, frame, 0, frameBytes);
                        }
                        float[] centroid = FrameStats.salientCentroid(frame, 0, spec.frameWidth(), spec.frameHeight());
                        centroids[2 * frames] = centroid[0];
                        centroids[2 * frames + 1] = centroid[1];
                        previous = frame;
                        writer.write(frame);
                        long number = segment.firstOutputFrame() + frames;
                        if (java.util.Arrays.binarySearch(wanted, number) >= 0) {
                            thumbnails.add(new Thumbnail(number, Thumbnails.jpeg(frame, spec.frameWidth(), spec.frameHeight())));
                        }
                        if (pngDir != null) {
                            Path png = PngSequenceWriter.writeFrame(pngDir, (int) number, frame, spec.frameWidth(), spec.frameHeight());
                            area.put(png, FilmLayout.frame(segment.filmDir(), png.getFileName().toString()));
                            Files.delete(png);
                        }
                        frames++;
                    }
                }
            }
            if (pngDir != null) {
                Files.deleteIfExists(pngDir);
            }
            long t2 = System.nanoTime();
            area.put(local, segment.file());
            // Everything after blending but the decode calls: H.264 encode, frame hashes, PNGs, upload.
            long encodeNanos = System.nanoTime() - t2 + (t2 - t1 - decodeNanos);
            LOG.info("segment {} (film {} shot {}, {} frames) blended, decoded and encoded in {} ms", segment.id(),
                    segment.film(), segment.shot(), frames, (System.nanoTime() - t0) / 1_000_000);
            SegmentResult result = new SegmentResult(segment.id(), segment.film(), segment.shot(), frames, digests,
                    diffs, centroids, segment.file(), t1 - t0, decodeNanos, encodeNanos, thumbnails.toArray(new Thumbnail[0]));
            Checkpoints.writeResult(area, segment, result);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (local != null) {
                try {
                    Files.deleteIfExists(local);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless; the segment itself was written or the task fails.
                }
            }
        }
    }

    /** Scales a frame towards black (a fade), rounding to the nearest level. */
    static void fade(byte[] frame, float gain) {
        if (gain >= 1f) {
            return;
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) Math.round((frame[i] & 0xff) * gain);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
