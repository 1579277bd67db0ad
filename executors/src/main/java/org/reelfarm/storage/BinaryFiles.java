package org.reelfarm.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The binary work files' building blocks: how a file is written and read, and float arrays in bulk. */
public final class BinaryFiles {
    private BinaryFiles() {}

    /** Writes a binary work file. */
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a binary work file. */
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /**
     * Writes a length and the floats, big-endian as {@link DataOutputStream#writeFloat} would, in one
     * bulk copy (a float at a time costs seconds for a checkpoint of a few hundred windows).
     */
    public static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
        bytes.asFloatBuffer().put(values);
        out.write(bytes.array());
    }

    /** Reads what {@link #writeFloats} wrote. */
    public static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("bad float count " + n);
        }
        byte[] bytes = new byte[n * Float.BYTES];
        in.readFully(bytes);
        float[] values = new float[n];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return values;
    }
}
