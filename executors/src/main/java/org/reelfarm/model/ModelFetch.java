package org.reelfarm.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies model directories from a Hadoop file system ({@code s3a://models/reference}) into a local
 * cache, because TensorFlow loads a SavedModel only from a local directory.
 *
 * <p>Guarantees: each source is copied at most once per instance (per JVM for the one {@link
 * ModelCache} holds), however many threads ask at once: one copies, the others wait for it. A copy
 * goes into a temporary directory that is renamed to {@code CACHE/<model hash>} only when it is
 * complete, so a half-copied model is never used; a failed copy leaves nothing behind and the
 * next call tries again. Two JVMs on one machine that copy the same model both end up with the
 * same {@code CACHE/<hash>} (the first rename wins, the other copy is deleted).
 *
 * <p>The cache directory is {@code reelfarm.model.cache.dir} of the Hadoop configuration
 * ({@code --conf spark.hadoop.reelfarm.model.cache.dir=/mnt/cache}), or {@code
 * java.io.tmpdir/reelfarm-models}. Thread-safe.
 */
final class ModelFetch {
    /** The Hadoop configuration key of the local cache directory. */
    static final String CACHE_DIR_KEY = "reelfarm.model.cache.dir";

    private static final Logger LOG = LoggerFactory.getLogger(ModelFetch.class);
    private static final String PARTIAL = ".partial-";

    /** Called after each copied file; a test seam that fails a copy midway. No-op in production. */
    interface CopyObserver {
        void copied(Path file) throws IOException;
    }

    private final ConcurrentMap<String, FutureTask<Path>> fetched = new ConcurrentHashMap<>();
    private final AtomicInteger copies = new AtomicInteger();
    private final CopyObserver observer;

    ModelFetch() {
        this(file -> {});
    }

    /** Test seam: {@code observer} sees every copied file. */
    ModelFetch(CopyObserver observer) {
        this.observer = observer;
    }

    /** Whether a model location is a Hadoop URI to copy (any scheme but {@code file}) rather than a local directory. */
    static boolean isRemote(String location) {
        return location.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*") && !location.regionMatches(true, 0, "file:", 0, 5);
    }

    /** The local cache directory for {@code conf}. */
    static Path cacheRoot(Configuration conf) {
        String dir = conf.getTrimmed(CACHE_DIR_KEY, "");
        return dir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "reelfarm-models") : Path.of(dir);
    }

    /**
     * The local copy of the model directory at {@code uri}, copying it on the first call for this
     * URI. Throws {@link BadModelException} when the source is missing, is not a SavedModel or
     * cannot be read, naming the URI.
     */
    Path local(String uri, Configuration conf) {
        while (true) {
            FutureTask<Path> task = new FutureTask<>(() -> copy(uri, conf));
            FutureTask<Path> earlier = fetched.putIfAbsent(uri, task);
            FutureTask<Path> running = earlier == null ? task : earlier;
            if (earlier == null) {
                task.run();
            }
            try {
                Path dir = running.get();
                if (Files.isDirectory(dir)) {
                    return dir;
                }
                // Someone cleaned the cache (a tmp reaper) while the JVM lived on: copy again.
                fetched.remove(uri, running);
            } catch (ExecutionException e) {
                fetched.remove(uri, running); // the next call tries again
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BadModelException("interrupted while copying the model " + uri, e);
            }
        }
    }

    /** How many copies this instance made (for tests of the once-only guarantee). */
    int copies() {
        return copies.get();
    }

    private Path copy(String uri, Configuration conf) {
        copies.incrementAndGet();
        long start = System.nanoTime();
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
        Path root = cacheRoot(conf);
        Path partial = null;
        try {
            FileSystem fs = source.getFileSystem(conf); // Hadoop's shared instance: not closed here
            FileStatus status = status(fs, source, uri);
            if (!status.isDirectory() || !fs.exists(new org.apache.hadoop.fs.Path(source, "saved_model.pb"))) {
                throw new BadModelException(uri + " is not a TensorFlow SavedModel (no saved_model.pb under it);"
                        + " pass the prefix that holds saved_model.pb, e.g. s3a://BUCKET/models/reference");
            }
            Files.createDirectories(root);
            partial = root.resolve(PARTIAL + UUID.randomUUID());
            long bytes = copyTree(fs, status.getPath(), partial);
            Path dir = root.resolve(Model.hashDirectory(partial));
            try {
                Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // rename(2) onto a non-empty directory fails (ENOTEMPTY): another JVM on this machine won.
                if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
                    throw e;
                }
                LOG.info("model {} is already in the cache at {}", uri, dir);
            }
            LOG.info("copied model {} to {} ({} bytes in {} ms)", uri, dir, bytes, (System.nanoTime() - start) / 1_000_000);
            return dir;
        } catch (IOException e) {
            throw new BadModelException("cannot copy the model " + uri + " to " + root + " ("
                    + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ")
                    + "); check the endpoint, the credentials and the bucket, and that " + root + " is writable"
                    + " (--conf spark.hadoop." + CACHE_DIR_KEY + "=DIR)", e);
        } finally {
            if (partial != null && Files.exists(partial)) {
                deleteTree(partial);
            }
        }
    }

    private static FileStatus status(FileSystem fs, org.apache.hadoop.fs.Path source, String uri) throws IOException {
        try {
            return fs.getFileStatus(source);
        } catch (FileNotFoundException e) {
            throw new BadModelException(uri + " does not exist; pass the prefix of a SavedModel directory, or leave"
                    + " --model out to use the reference model", e);
        }
    }

    /** Copies every file and directory under {@code from} into the new local directory {@code to}; returns the bytes copied. */
    private long copyTree(FileSystem fs, org.apache.hadoop.fs.Path from, Path to) throws IOException {
        Files.createDirectories(to);
        long bytes = 0;
        for (FileStatus child : fs.listStatus(from)) {
            String name = child.getPath().getName();
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
                throw new IOException("unusable object name under " + from + ": \"" + name + "\"");
            }
            Path target = to.resolve(name);
            if (child.isDirectory()) {
                bytes += copyTree(fs, child.getPath(), target);
            } else {
                try (InputStream in = fs.open(child.getPath())) {
                    bytes += Files.copy(in, target);
                }
                observer.copied(target);
            }
        }
        return bytes;
    }

    /** Best effort: a leftover partial copy is never used, only wastes space. */
    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete the partial model copy {}: {}", root, e.getMessage());
        }
    }
}
