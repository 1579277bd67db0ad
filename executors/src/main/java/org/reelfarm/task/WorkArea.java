package org.reelfarm.task;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * The work area of a render as a task sees it: a local directory or any Hadoop file system
 * (s3a://...), with the credentials of the Spark configuration the driver set. Open one per task
 * (or per driver phase) and write through it: building the Hadoop configuration costs far more
 * than writing one small file.
 *
 * <p>{@code
 * WorkArea area = WorkArea.open(settings.workDir());
 * area.writeWhole("film/windows/00001.bin", out -> out.writeInt(1));
 * }
 */
public final class WorkArea {
    /** The suffix of a work file still being written. */
    public static final String PART = ".part";

    private final String root;
    private final FileSystem fs;
    /** The root as a local path when the work area is on a local disk (written with java.nio: several times faster). */
    private final Path local;

    private WorkArea(String root, FileSystem fs) {
        this.root = root;
        this.fs = fs;
        this.local = "file".equals(fs.getScheme()) ? Path.of(fs.makeQualified(new org.apache.hadoop.fs.Path(root)).toUri())
                : null;
    }

    /** The work area at {@code root} (a path or URI), through this JVM's Hadoop configuration. */
    public static WorkArea open(String root) {
        try {
            FileSystem fs = new org.apache.hadoop.fs.Path(root).getFileSystem(hadoopConfiguration());
            fs.setWriteChecksum(false); // no .crc files next to local outputs
            return new WorkArea(root, fs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the work area " + root + ": " + e.getMessage(), e);
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

    /** Copies a local file to {@code relative}, replacing what is there. */
    public void put(Path file, String relative) {
        org.apache.hadoop.fs.Path dest = path(relative);
        try {
            if (local != null) {
                Path target = local.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            // A Path made from the URI: hadoop-aws 3.3.4 cannot copy from a plain absolute path.
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()), dest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dest + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code relative} whole: under a temporary name ({@code .part}), then renamed into
     * place, so a reader finds the file whole or not at all.
     */
    public void writeWhole(String relative, Writer writer) {
        org.apache.hadoop.fs.Path dest = path(relative);
        org.apache.hadoop.fs.Path temp = path(relative + PART);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                writer.write(out);
            }
            if (local != null) {
                Path target = local.resolve(relative);
                Path part = local.resolve(relative + PART);
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(part)) {
                    bytes.writeTo(out);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
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

    /** Reads {@code relative}, or returns null if it does not exist. */
    public <T> T readIfPresent(String relative, Reader<T> reader) {
        org.apache.hadoop.fs.Path file = path(relative);
        try {
            if (local != null ? !Files.exists(local.resolve(relative)) : !fs.exists(file)) {
                return null;
            }
            try (InputStream raw = local != null ? Files.newInputStream(local.resolve(relative)) : fs.open(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
                return reader.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private org.apache.hadoop.fs.Path path(String relative) {
        return new org.apache.hadoop.fs.Path(root, relative);
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
