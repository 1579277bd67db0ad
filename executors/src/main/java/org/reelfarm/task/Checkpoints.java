package org.reelfarm.task;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.reelfarm.storage.BinaryFiles;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.Storage;
import scala.Tuple2;

/**
 * What a render keeps in its work area as work finishes, so that {@code --resume} after a killed
 * driver redoes only what is missing: the window pieces of each denoised batch, and the result of
 * each encoded segment (next to its MP4, written after it, so a result file means a whole MP4).
 * Each file is written under a temporary name and renamed into place: it is whole or absent.
 */
public final class Checkpoints {
    private static final int PIECES = 0x52465031; // "RFP1"
    private static final int RESULT = 0x52465232; // "RFR2": with thumbnails

    private Checkpoints() {}

    /** Where a segment's result goes: next to its MP4. */
    public static String resultFile(SegmentTask segment) {
        return FilmLayout.segmentResult(segment.file());
    }

    public static void writePieces(Storage area, String relative, List<Tuple2<Integer, WindowPiece>> pieces) {
        area.writeWhole(relative, out -> {
            out.writeInt(PIECES);
            out.writeInt(pieces.size());
            for (Tuple2<Integer, WindowPiece> p : pieces) {
                WindowPiece piece = p._2();
                out.writeInt(p._1());
                out.writeInt(piece.window());
                out.writeLong(piece.start());
                out.writeInt(piece.frames());
                BinaryFiles.writeFloats(out, piece.latents());
                BinaryFiles.writeFloats(out, piece.weights());
            }
        });
    }

    /** The pieces of a batch, or null if they were never written. */
    public static List<Tuple2<Integer, WindowPiece>> readPieces(Storage area, String relative) {
        return area.readIfPresent(relative, in -> {
            check(in.readInt(), PIECES, relative);
            int n = in.readInt();
            List<Tuple2<Integer, WindowPiece>> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int segment = in.readInt();
                out.add(new Tuple2<>(segment, new WindowPiece(in.readInt(), in.readLong(), in.readInt(), BinaryFiles.readFloats(in),
                        BinaryFiles.readFloats(in))));
            }
            return out;
        });
    }

    public static void writeResult(Storage area, SegmentTask segment, SegmentResult r) {
        area.writeWhole(resultFile(segment), out -> {
            out.writeInt(RESULT);
            out.writeInt(r.id());
            out.writeInt(r.film());
            out.writeInt(r.shot());
            out.writeInt(r.frames());
            out.writeInt(r.frameDigests().length);
            out.write(r.frameDigests());
            BinaryFiles.writeFloats(out, r.diffs());
            BinaryFiles.writeFloats(out, r.centroids());
            out.writeUTF(r.file());
            out.writeInt(r.thumbnails().length);
            for (Thumbnail t : r.thumbnails()) {
                out.writeLong(t.frame());
                out.writeInt(t.jpeg().length);
                out.write(t.jpeg());
            }
        });
    }

    /**
     * A segment's result from an earlier run, or null if it was not finished. Timings are 0: no
     * work was done. It takes the segment's id and film number in this job: a run that resumes a
     * library numbers only the films it still renders, so they may differ from the earlier run's.
     */
    public static SegmentResult readResult(Storage area, SegmentTask segment) {
        return area.readIfPresent(resultFile(segment), in -> {
            check(in.readInt(), RESULT, resultFile(segment));
            in.readInt(); // the id and film number of the run that wrote it
            in.readInt();
            int shot = in.readInt();
            int frames = in.readInt();
            byte[] digests = new byte[in.readInt()];
            in.readFully(digests);
            float[] diffs = BinaryFiles.readFloats(in);
            float[] centroids = BinaryFiles.readFloats(in);
            String file = in.readUTF();
            Thumbnail[] thumbnails = new Thumbnail[in.readInt()];
            for (int i = 0; i < thumbnails.length; i++) {
                long frame = in.readLong();
                byte[] jpeg = new byte[in.readInt()];
                in.readFully(jpeg);
                thumbnails[i] = new Thumbnail(frame, jpeg);
            }
            return new SegmentResult(segment.id(), segment.film(), shot, frames, digests, diffs, centroids, file, 0, 0, 0, thumbnails);
        });
    }

    private static void check(int magic, int expected, String relative) throws IOException {
        if (magic != expected) {
            throw new IOException(relative + " is not a Reelfarm checkpoint");
        }
    }
}
