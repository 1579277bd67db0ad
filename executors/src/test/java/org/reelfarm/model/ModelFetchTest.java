package org.reelfarm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model copy through a Hadoop file system (here file:// through Hadoop's LocalFileSystem, as
 * s3a:// would be): once per source, one copier when many threads ask at once, never a
 * half-copied cache, and a cache directory named by the model's hash.
 */
class ModelFetchTest {
    @TempDir
    Path dir;
    Path source;
    Path cache;
    Configuration conf;

    @BeforeEach
    void aModelDirectory() throws IOException {
        source = Files.createDirectories(dir.resolve("models/reference"));
        Files.write(source.resolve("saved_model.pb"), new byte[] {1, 2, 3, 4});
        Files.createDirectories(source.resolve("variables"));
        Files.write(source.resolve("variables/variables.index"), new byte[] {5, 6});
        Files.write(source.resolve("variables/variables.data-00000-of-00001"), new byte[1 << 16]);
        Files.createDirectories(source.resolve("assets"));
        Files.writeString(source.resolve("assets/vocab.txt"), "circle\nsquare\n");
        cache = dir.resolve("cache");
        conf = new Configuration();
        conf.set(ModelFetch.CACHE_DIR_KEY, cache.toString());
    }

    private String uri() {
        return source.toUri().toString(); // file:///.../models/reference/
    }

    @Test
    void copiesTheModelIntoACacheDirectoryNamedByItsHash() throws IOException {
        Path local = new ModelFetch().local(uri(), conf);

        assertEquals(cache.resolve(Model.hashDirectory(source)), local);
        assertEquals(files(source), files(local));
        for (String file : files(source)) {
            assertArrayEquals(Files.readAllBytes(source.resolve(file)), Files.readAllBytes(local.resolve(file)), file);
        }
    }

    @Test
    void copiesOncePerSourceWhenCalledAgain() {
        ModelFetch fetch = new ModelFetch();

        Path first = fetch.local(uri(), conf);
        Path second = fetch.local(uri(), conf);

        assertEquals(first, second);
        assertEquals(1, fetch.copies());
    }

    @Test
    void copiesOnceWhenSixteenThreadsAskAtOnce() throws Exception {
        ModelFetch fetch = new ModelFetch(file -> java.util.concurrent.locks.LockSupport.parkNanos(5_000_000)); // a slow copy, so the threads overlap
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return fetch.local(uri(), conf);
                }));
            }
            start.countDown();
            Set<Path> dirs = results.stream().map(ModelFetchTest::get).collect(Collectors.toSet());

            assertEquals(Set.of(cache.resolve(Model.hashDirectory(source))), dirs);
            assertEquals(1, fetch.copies());
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCopyThatFailsMidwayLeavesNothingInTheCacheAndTheNextCallCopiesAgain() throws IOException {
        AtomicBoolean fail = new AtomicBoolean(true);
        ModelFetch fetch = new ModelFetch(file -> {
            if (fail.get()) {
                throw new IOException("connection reset");
            }
        });

        BadModelException e = assertThrows(BadModelException.class, () -> fetch.local(uri(), conf));
        assertTrue(e.getMessage().startsWith("cannot copy the model " + uri() + " to " + cache
                + " (IOException: connection reset); check the endpoint"), e.getMessage());
        assertEquals(List.of(), files(cache), "no partial copy is left, and none is named by a hash");

        fail.set(false);
        Path local = fetch.local(uri(), conf);
        assertEquals(files(source), files(local));
        assertEquals(2, fetch.copies());
    }

    @Test
    void aSecondJvmFindsTheCacheOfTheFirstAndKeepsIt() throws IOException {
        Path first = new ModelFetch().local(uri(), conf);
        long modified = Files.getLastModifiedTime(first.resolve("saved_model.pb")).toMillis();

        Path second = new ModelFetch().local(uri(), conf); // another JVM: its own fetch, the same cache

        assertEquals(first, second);
        assertEquals(modified, Files.getLastModifiedTime(second.resolve("saved_model.pb")).toMillis());
        try (Stream<Path> entries = Files.list(cache)) {
            assertEquals(List.of(first), entries.toList(), "the second copy was dropped, not left beside it");
        }
    }

    @Test
    void copiesAgainWhenTheCacheWasDeletedWhileTheJvmLivedOn() throws IOException {
        ModelFetch fetch = new ModelFetch();
        Path first = fetch.local(uri(), conf);
        deleteTree(cache);

        Path again = fetch.local(uri(), conf);

        assertEquals(first, again);
        assertTrue(Files.isRegularFile(again.resolve("saved_model.pb")));
        assertEquals(2, fetch.copies());
    }

    @Test
    void aMissingSourceNamesTheUri() {
        String missing = dir.resolve("models/none").toUri().toString();

        BadModelException e = assertThrows(BadModelException.class, () -> new ModelFetch().local(missing, conf));

        assertEquals(missing + " does not exist; pass the prefix of a SavedModel directory, or leave --model out to"
                + " use the reference model", e.getMessage());
    }

    @Test
    void aSourceWithoutSavedModelIsRefusedBeforeAnyCopy() throws IOException {
        Files.delete(source.resolve("saved_model.pb"));

        BadModelException e = assertThrows(BadModelException.class, () -> new ModelFetch().local(uri(), conf));

        assertEquals(uri() + " is not a TensorFlow SavedModel (no saved_model.pb under it); pass the prefix that"
                + " holds saved_model.pb, e.g. s3a://BUCKET/models/reference", e.getMessage());
        assertFalse(Files.exists(cache));
    }

    @Test
    void theCacheIsUnderTheTemporaryDirectoryUnlessConfigured() {
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "reelfarm-models"),
                ModelFetch.cacheRoot(new Configuration()));
        assertEquals(cache, ModelFetch.cacheRoot(conf));
    }

    @Test
    void onlyUrisOtherThanFileAreCopied() {
        assertTrue(ModelFetch.isRemote("s3a://models/reference"));
        assertFalse(ModelFetch.isRemote("file:///models/reference"));
        assertFalse(ModelFetch.isRemote("/models/reference"));
        assertFalse(ModelFetch.isRemote("models/reference"));
    }

    private static Path get(Future<Path> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every regular file under {@code root}, relative, sorted; none when it does not exist. */
    private static List<String> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
