package org.reelfarm.task;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import scala.Tuple2;

/**
 * What a render keeps in its work area as work finishes, so that {@code --resume} after a killed
 * driver redoes only what is missing: the window pieces of each denoised batch, and the result of
 * each encoded segment (next to its MP4, written after it, so a result file means a whole MP4).
 * Each file is written under a temporary name and renamed into place: it is whole or absent.
 */
public final class Checkpoints {
    private static final int PIECES = 0x52465031; // "RFP1"
    private static final int RESULT = 0x52465231; // "RFR1"

    private Checkpoints() {}

    /** Where a segment's result goes: next to its MP4. */
    public static String resultFile(SegmentTask segment) {
        return segment.file() + ".result";
    }

    public static void writePieces(String workDir, String relative, List<Tuple2<Integer, WindowPiece>> pieces) {
        write(workDir, relative, out -> {
            out.writeInt(PIECES);
            out.writeInt(pieces.size());
            for (Tuple2<Integer, WindowPiece> p : pieces) {
                WindowPiece piece = p._2();
                out.writeInt(p._1());
                out.writeInt(piece.window());
                out.writeLong(piece.start());
                out.writeInt(piece.frames());
                floats(out, piece.latents());
                floats(out, piece.weights());
            }
        });
    }

    /** The pieces of a batch, or null if they were never written. */
    public static List<Tuple2<Integer, WindowPiece>> readPieces(String workDir, String relative) {
        return read(workDir, relative, in -> {
            check(in.readInt(), PIECES, relative);
            int n = in.readInt();
            List<Tuple2<Integer, WindowPiece>> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int segment = in.readInt();
                out.add(new Tuple2<>(segment, new WindowPiece(in.readInt(), in.readLong(), in.readInt(), floats(in),
                        floats(in))));
            }
            return out;
        });
    }

    public static void writeResult(String workDir, SegmentTask segment, SegmentResult r) {
        write(workDir, resultFile(segment), out -> {
            out.writeInt(RESULT);
            out.writeInt(r.id());
            out.writeInt(r.film());
            out.writeInt(r.shot());
            out.writeInt(r.frames());
            out.writeInt(r.frameDigests().length);
            out.write(r.frameDigests());
            floats(out, r.diffs());
            floats(out, r.centroids());
            out.writeUTF(r.file());
        });
    }

    /** A segment's result from an earlier run, or null if it was not finished. Timings are 0: no work was done. */
    public static SegmentResult readResult(String workDir, SegmentTask segment) {
        return read(workDir, resultFile(segment), in -> {
            check(in.readInt(), RESULT, resultFile(segment));
            int id = in.readInt();
            int film = in.readInt();
            int shot = in.readInt();
            int frames = in.readInt();
            byte[] digests = new byte[in.readInt()];
            in.readFully(digests);
            return new SegmentResult(id, film, shot, frames, digests, floats(in), floats(in), in.readUTF(), 0, 0, 0);
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static void write(String workDir, String relative, Writer writer) {
        Path dest = new Path(workDir, relative);
        Path temp = new Path(workDir, relative + ".part");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                writer.write(out);
            }
            FileSystem fs = dest.getFileSystem(WorkArea.hadoopConfiguration());
            fs.setWriteChecksum(false);
            try (OutputStream out = fs.create(temp, true)) {
                bytes.writeTo(out);
            }
            fs.delete(dest, false);
            if (!fs.rename(temp, dest)) {
                throw new IOException("rename to " + dest + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dest + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(String workDir, String relative, Reader<T> reader) {
        Path file = new Path(workDir, relative);
        try {
            FileSystem fs = file.getFileSystem(WorkArea.hadoopConfiguration());
            if (!fs.exists(file)) {
                return null;
            }
            try (InputStream raw = fs.open(file); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
                return reader.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void check(int magic, int expected, String relative) throws IOException {
        if (magic != expected) {
            throw new IOException(relative + " is not a Reelfarm checkpoint");
        }
    }

    private static void floats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] floats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
