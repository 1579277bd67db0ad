package org.reelfarm.task;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * Files an executor puts into a film's work area, which may be a local directory or any Hadoop
 * file system (s3a://...). Credentials come from the Spark configuration the driver set.
 */
public final class WorkArea {
    /** The suffix of a work file still being written. */
    public static final String PART = ".part";

    private WorkArea() {}

    /** Copies a local file to {@code workDir/relative}, replacing what is there. */
    public static void put(Path local, String workDir, String relative) {
        org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(workDir, relative);
        try {
            FileSystem fs = dest.getFileSystem(hadoopConfiguration());
            fs.setWriteChecksum(false); // no .crc files next to local outputs
            // A Path made from the URI: hadoop-aws 3.3.4 cannot copy from a plain absolute path.
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), dest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dest + ": " + e.getMessage(), e);
        }
    }

    /** The Hadoop configuration of this JVM's Spark environment, or defaults outside Spark. */
    public static Configuration hadoopConfiguration() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }

    /** Writes a binary work file. */
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a binary work file. */
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /**
     * Writes {@code workDir/relative} whole: under a temporary name ({@code .part}), then renamed
     * into place, so a reader finds the file whole or not at all.
     */
    public static void writeWhole(String workDir, String relative, Writer writer) {
        org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(workDir, relative);
        org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(workDir, relative + PART);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                writer.write(out);
            }
            FileSystem fs = dest.getFileSystem(hadoopConfiguration());
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

    /** Reads {@code workDir/relative}, or returns null if it does not exist. */
    public static <T> T readIfPresent(String workDir, String relative, Reader<T> reader) {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(workDir, relative);
        try {
            FileSystem fs = file.getFileSystem(hadoopConfiguration());
            if (!fs.exists(file)) {
                return null;
            }
            try (InputStream raw = fs.open(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
                return reader.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    public static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
