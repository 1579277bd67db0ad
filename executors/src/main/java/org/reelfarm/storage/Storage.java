package org.reelfarm.storage;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * A directory of Reelfarm's files, local or on any Hadoop file system (s3a://bucket/prefix), and
 * the one way the driver and the executors read and write storage. Local paths go through
 * java.nio (several times faster than Hadoop's local file system, and a true atomic rename);
 * every other scheme through the Hadoop {@link FileSystem} of the configuration given, with the
 * credentials the Spark configuration set. Every failure is a {@link StorageException} naming the
 * URI and the fix.
 *
 * <p>Paths are relative to the root, '/'-separated. Opening one is costly (a Hadoop file system
 * and its client): open one per task or driver phase and write through it. Thread-safe as far as
 * the file system is.
 *
 * <p>{@code
 * Storage work = Storage.open(settings.workDir());
 * work.writeWhole("film/windows/00001.bin", out -> out.writeInt(1));
 * }
 */
public final class Storage {
    /** File systems whose rename of a directory is atomic. On the others (object stores) it is copy + delete. */
    private static final Set<String> ATOMIC_RENAME = Set.of("file", "hdfs");
    /** Object stores: a written object becomes visible whole when its stream closes, so no temporary name is needed. */
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "gs", "abfs", "abfss", "wasb", "wasbs");

    private final org.apache.hadoop.fs.Path root;
    private final FileSystem fs;
    /** The root as a local path when on local disk, else null. */
    private final Path local;

    private Storage(org.apache.hadoop.fs.Path root, FileSystem fs, Path local) {
        this.root = root;
        this.fs = fs;
        this.local = local;
    }

    /** The directory {@code location} (a path or a URI), through the given Hadoop configuration. */
    public static Storage open(String location, Configuration conf) {
        URI uri = isUri(location) ? URI.create(location) : Path.of(location).toAbsolutePath().normalize().toUri();
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
        try {
            FileSystem fs = root.getFileSystem(conf);
            fs.setWriteChecksum(false); // no .crc files next to local outputs
            Path local = "file".equals(fs.getScheme()) ? Path.of(fs.makeQualified(root).toUri()) : null;
            return new Storage(root, fs, local);
        } catch (IOException | RuntimeException e) {
            throw Failures.of("open", root.toString(), e);
        }
    }

    /** The directory {@code location}, through this JVM's Spark Hadoop configuration (executors). */
    public static Storage open(String location) {
        return open(location, hadoopConfiguration());
    }

    /** The Hadoop configuration of this JVM's Spark environment, or defaults outside Spark. */
    public static Configuration hadoopConfiguration() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }

    static boolean isUri(String location) {
        return location.matches("^[A-Za-z][A-Za-z0-9+.-]+:/.*"); // file:/x too, as Hadoop writes it
    }

    /** The directory {@code relative} of this one, on the same file system. */
    public Storage at(String relative) {
        return new Storage(path(relative), fs, local == null ? null : local.resolve(relative));
    }

    /** The root as a URI string, for tasks to open it again. */
    public String uri() {
        return root.toString();
    }

    /** Where the root is, as the user would write it: a plain path when local. */
    public String location() {
        return local != null ? local.toString() : root.toString();
    }

    /** Where {@code relative} is, as the user would write it. */
    public String location(String relative) {
        return local != null ? local.resolve(relative).toString() : path(relative).toString();
    }

    public boolean isLocal() {
        return local != null;
    }

    /** Whether renaming a directory here is atomic (a directory renamed into place appears whole). */
    public boolean atomicRename() {
        return ATOMIC_RENAME.contains(fs.getScheme());
    }

    /**
     * Checks, early, that the root can be used: the endpoint answers, the credentials are taken and
     * the bucket exists. Writes nothing.
     */
    public void probe() {
        try {
            if (local == null) {
                // Lists the top of the bucket: a missing bucket, a refused key or a dead endpoint shows here.
                fs.listStatusIterator(new org.apache.hadoop.fs.Path(root.toUri().resolve("/"))).hasNext();
            }
        } catch (IOException | RuntimeException e) {
            throw Failures.of("use", root.toString(), e);
        }
    }

    public boolean exists(String relative) {
        try {
            return local != null ? Files.exists(local.resolve(relative)) : fs.exists(path(relative));
        } catch (IOException | RuntimeException e) {
            throw Failures.of("read", location(relative), e);
        }
    }

    /** A text file, or null when it does not exist. */
    public String readText(String relative) {
        return readIfPresent(relative, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Writes a text file whole, replacing it (see {@link #writeWhole}). */
    public void writeText(String relative, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeWhole(relative, out -> out.write(bytes));
    }

    /**
     * Writes {@code relative} whole, so a reader finds it whole or not at all: on local disk (and
     * HDFS) under a temporary name ({@code .part}) renamed into place; on an object store in one
     * upload, which becomes visible only once complete.
     */
    public void writeWhole(String relative, BinaryFiles.Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                writer.write(out);
            }
            if (local != null) {
                Path target = local.resolve(relative);
                Path part = local.resolve(relative + FilmLayout.PART);
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(part)) {
                    bytes.writeTo(out);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else if (OBJECT_STORES.contains(fs.getScheme())) {
                try (OutputStream out = fs.create(path(relative), true)) {
                    bytes.writeTo(out);
                }
            } else {
                org.apache.hadoop.fs.Path temp = path(relative + FilmLayout.PART);
                try (OutputStream out = fs.create(temp, true)) {
                    bytes.writeTo(out);
                }
                fs.delete(path(relative), false);
                if (!fs.rename(temp, path(relative))) {
                    throw new IOException("rename to " + path(relative) + " failed");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw Failures.of("write", location(relative), e);
        }
    }

    /** Reads {@code relative}, or returns null if it does not exist. */
    public <T> T readIfPresent(String relative, BinaryFiles.Reader<T> reader) {
        try (InputStream raw = local != null ? Files.newInputStream(local.resolve(relative)) : fs.open(path(relative));
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            return reader.read(in);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            throw Failures.of("read", location(relative), e);
        }
    }

    /**
     * Copies a local file to {@code relative}, replacing what is there. On s3a the file is streamed
     * up (a multipart upload for a big one), never read into memory whole.
     */
    public void put(Path file, String relative) {
        try {
            if (local != null) {
                Path target = local.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            // A Path made from the URI: hadoop-aws 3.3.4 cannot copy from a plain absolute path.
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()), path(relative));
        } catch (IOException | RuntimeException e) {
            throw Failures.of("write", location(relative), e);
        }
    }

    /** {@code relative} as a local file: itself when local, else a copy downloaded into {@code scratch}. */
    public Path localCopy(String relative, Path scratch) {
        if (local != null) {
            return local.resolve(relative);
        }
        Path copy = scratch.resolve(relative.replace('/', '_'));
        try {
            fs.copyToLocalFile(false, path(relative), new org.apache.hadoop.fs.Path(copy.toUri()), true);
            return copy;
        } catch (IOException | RuntimeException e) {
            throw Failures.of("read", location(relative), e);
        }
    }

    /** The names in directory {@code relative}, sorted; empty when it does not exist. */
    public List<String> list(String relative) {
        try {
            if (local != null) {
                Path dir = local.resolve(relative);
                if (!Files.isDirectory(dir)) {
                    return List.of();
                }
                try (Stream<Path> names = Files.list(dir)) {
                    return names.map(p -> p.getFileName().toString()).sorted().toList();
                }
            }
            return Arrays.stream(fs.listStatus(path(relative))).map(f -> f.getPath().getName()).sorted().toList();
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            throw Failures.of("list", location(relative), e);
        }
    }

    /** Deletes {@code relative}, a file or a directory with all it holds; nothing when it does not exist. */
    public void delete(String relative) {
        try {
            if (local == null) {
                fs.delete(path(relative), true);
                return;
            }
            Path target = local.resolve(relative);
            if (!Files.exists(target)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw Failures.of("delete", location(relative), e);
        }
    }

    /** Deletes directory {@code relative} if it is empty. */
    public void deleteIfEmpty(String relative) {
        if (exists(relative) && list(relative).isEmpty()) {
            delete(relative);
        }
    }

    /** Renames {@code from} to {@code to} (which must not exist): atomic where {@link #atomicRename()}. */
    public void rename(String from, String to) {
        try {
            if (local != null) {
                Files.createDirectories(local.resolve(to).getParent());
                Files.move(local.resolve(from), local.resolve(to), StandardCopyOption.ATOMIC_MOVE);
            } else if (!fs.rename(path(from), path(to))) {
                throw new IOException("rename to " + path(to) + " failed");
            }
        } catch (IOException | RuntimeException e) {
            throw Failures.of("move " + location(from) + " to", location(to), e);
        }
    }

    private org.apache.hadoop.fs.Path path(String relative) {
        return new org.apache.hadoop.fs.Path(root, relative);
    }

    /** Local scratch space, removed by the caller. */
    public static Path scratch(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
