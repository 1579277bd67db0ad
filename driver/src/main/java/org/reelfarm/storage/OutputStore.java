package org.reelfarm.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The output directory of a run, local or on any Hadoop file system (s3a://bucket/prefix).
 *
 * <p>Films are built in a work area, {@code OUT/.reelfarm-work/NAME}, and committed by one rename
 * to {@code OUT/NAME}, so a film directory appears complete or not at all.
 */
public final class OutputStore {
    public static final String WORK = ".reelfarm-work";

    private final org.apache.hadoop.fs.Path root;
    private final FileSystem fs;

    private OutputStore(org.apache.hadoop.fs.Path root, FileSystem fs) {
        this.root = root;
        this.fs = fs;
    }

    public static OutputStore open(String out, Configuration conf) {
        URI uri = out.contains("://") ? URI.create(out) : Path.of(out).toAbsolutePath().normalize().toUri();
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
        try {
            FileSystem fs = root.getFileSystem(conf);
            // Hadoop's checksummed local FS would leave a .crc file next to every output file.
            fs.setWriteChecksum(false);
            return new OutputStore(root, fs);
        } catch (IOException e) {
            throw new StorageException("cannot open the output " + out + ": " + e.getMessage()
                    + "; check the path and, for s3a://, the endpoint and credentials", e);
        }
    }

    /** The work root as a URI string, for executors. */
    public String workRoot() {
        return new org.apache.hadoop.fs.Path(root, WORK).toString();
    }

    /** Where this output is, as the user would write it: a plain path when local. */
    public String location() {
        return isLocal() ? Path.of(root.toUri()).toString() : root.toString();
    }

    /** Where a film is (or will be committed). */
    public String filmLocation(String name) {
        org.apache.hadoop.fs.Path film = new org.apache.hadoop.fs.Path(root, name);
        return isLocal() ? Path.of(film.toUri()).toString() : film.toString();
    }

    public boolean isLocal() {
        return "file".equals(fs.getScheme());
    }

    public boolean filmExists(String name) {
        return exists(new org.apache.hadoop.fs.Path(root, name));
    }

    /** A file of a committed film, or null when the film or file does not exist. */
    public String readFilmFile(String name, String relative) {
        return readText(new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root, name), relative));
    }

    /** A file of a film's work directory, or null when it does not exist. */
    public String readWorkFile(String name, String relative) {
        return readText(new org.apache.hadoop.fs.Path(work(name), relative));
    }

    private String readText(org.apache.hadoop.fs.Path file) {
        try {
            if (!fs.exists(file)) {
                return null;
            }
            try (var in = fs.open(file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file at the top of the output directory (e.g. library.json), replacing it. */
    public void writeTop(String relative, String text) {
        org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(root, relative);
        try (OutputStream out = fs.create(dest, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StorageException("cannot write " + dest + ": " + e.getMessage(), e);
        }
    }

    /** A fresh, empty work directory for a film. */
    public void prepareWork(String name) {
        org.apache.hadoop.fs.Path dir = work(name);
        try {
            fs.delete(dir, true);
            fs.mkdirs(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A file of the work area as a local file: itself when local, else a downloaded copy. */
    public Path localCopy(String relative, Path scratch) {
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(workRoot(), relative);
        if (isLocal()) {
            return Path.of(src.toUri());
        }
        Path local = scratch.resolve(relative.replace('/', '_'));
        try {
            fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(local.toUri()), true);
            return local;
        } catch (IOException e) {
            throw new StorageException("cannot read " + src + ": " + e.getMessage(), e);
        }
    }

    /** Puts a local file into a film's work directory. */
    public void put(Path local, String name, String relative) {
        org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(work(name), relative);
        try {
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), dest);
        } catch (IOException e) {
            throw new StorageException("cannot write " + dest + ": " + e.getMessage(), e);
        }
    }

    public void writeString(String name, String relative, String text) {
        org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(work(name), relative);
        try (OutputStream out = fs.create(dest, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StorageException("cannot write " + dest + ": " + e.getMessage(), e);
        }
    }

    /** The names in a directory of a film's work area, sorted; empty when it does not exist. */
    public List<String> listWork(String name, String relative) {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(work(name), relative);
        try {
            if (!fs.exists(dir)) {
                return List.of();
            }
            return java.util.Arrays.stream(fs.listStatus(dir)).map(f -> f.getPath().getName()).sorted().toList();
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    public void deleteWork(String name, String relative) {
        try {
            fs.delete(new org.apache.hadoop.fs.Path(work(name), relative), true);
        } catch (IOException e) {
            throw new StorageException("cannot delete " + relative + " of " + name + ": " + e.getMessage(), e);
        }
    }

    /** Removes a film's work directory, and the work root once it is empty. Best effort. */
    public void discard(String name) {
        try {
            fs.delete(work(name), true);
            org.apache.hadoop.fs.Path workRoot = new org.apache.hadoop.fs.Path(root, WORK);
            if (fs.exists(workRoot) && fs.listStatus(workRoot).length == 0) {
                fs.delete(workRoot, false);
            }
        } catch (IOException e) {
            throw new StorageException("cannot clean up the work area of " + name + ": " + e.getMessage(), e);
        }
    }

    /** Moves the finished film into place, replacing an older one when {@code replace}. */
    public void commit(String name, boolean replace) {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(root, name);
        try {
            if (fs.exists(target)) {
                if (!replace) {
                    throw new StorageException(target + " appeared while rendering; it was kept, the new film is in "
                            + work(name));
                }
                fs.delete(target, true);
            }
            if (!fs.rename(work(name), target)) {
                throw new StorageException("cannot move " + work(name) + " to " + target);
            }
            discard(name);
        } catch (IOException e) {
            throw new StorageException("cannot commit " + target + ": " + e.getMessage(), e);
        }
    }

    private org.apache.hadoop.fs.Path work(String name) {
        return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root, WORK), name);
    }

    private boolean exists(org.apache.hadoop.fs.Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Local scratch space for the driver, removed by the caller. */
    public static Path scratch() {
        try {
            return Files.createTempDirectory("reelfarm-stitch-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
