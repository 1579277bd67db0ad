package org.reelfarm.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelCache;
import org.reelfarm.model.RuntimeSettings;

class ModelCacheTest {
    @TempDir
    static Path dir;
    static Path reference;

    @BeforeAll
    static void export() {
        reference = dir.resolve("reference");
        ReferenceModel.export(reference);
    }

    @AfterEach
    void closeAll() {
        ModelCache.closeAll();
    }

    @Test
    void loadsOnceWhenFiftyThreadsAskAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Model>> models = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            models.add(pool.submit(() -> {
                start.await();
                return ModelCache.get(reference, RuntimeSettings.cpu());
            }));
        }
        start.countDown();
        Model first = models.get(0).get();
        for (Future<Model> model : models) {
            assertSame(first, model.get());
        }
        pool.shutdown();
        assertEquals(1, ModelCache.size());
    }

    @Test
    void closingTwiceIsHarmless() {
        Model model = ModelCache.get(reference, RuntimeSettings.cpu());
        ModelCache.closeAll();
        ModelCache.closeAll();
        model.close();
        assertTrue(model.isClosed());
        assertEquals(0, ModelCache.size());
    }

    @Test
    void aClosedCacheLoadsAfresh() {
        Model before = ModelCache.get(reference, RuntimeSettings.cpu());
        ModelCache.closeAll();
        Model after = ModelCache.get(reference, RuntimeSettings.cpu());
        assertTrue(before.isClosed());
        assertTrue(!after.isClosed());
    }

    @Test
    void differentSettingsAreDifferentInstances() {
        Model one = ModelCache.get(reference, new RuntimeSettings(1, 1, ""));
        Model two = ModelCache.get(reference, new RuntimeSettings(2, 1, ""));
        assertTrue(one != two);
        assertSame(one, ModelCache.get(reference.resolve("../reference"), new RuntimeSettings(1, 1, "")));
    }
}
