package org.reelfarm.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-JVM model cache: each (model directory, runtime settings) pair is loaded once, however
 * many task threads ask for it at once, and shared by them. Closed by a shutdown hook.
 *
 * <p>This is the only static mutable state in Reelfarm. Executors call
 * {@code ModelCache.get(dir, settings)} once per partition; models stay loaded across stages.
 */
public final class ModelCache {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
    private static final ConcurrentMap<Key, Model> MODELS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ModelCache::closeAll, "reelfarm-model-cache-close"));
    }

    private record Key(Path dir, RuntimeSettings settings) {}

    private ModelCache() {}

    /** The loaded model for a directory, loading it on first use. */
    public static Model get(Path dir, RuntimeSettings settings) {
        Key key = new Key(dir.toAbsolutePath().normalize(), settings);
        Model model = MODELS.computeIfAbsent(key, k -> {
            LOG.info("loading model from {} ({})", k.dir(), device(k.settings()));
            long start = System.nanoTime();
            Model loaded = Model.load(k.dir(), k.settings());
            LOG.info("loaded model {} {} from {} in {} ms ({})", loaded.spec().name(), loaded.spec().version(),
                    k.dir(), (System.nanoTime() - start) / 1_000_000,
                    device(k.settings()));
            return loaded;
        });
        if (model.isClosed()) {
            // Closed by closeAll() while the JVM lives on (tests): load afresh.
            MODELS.remove(key, model);
            return get(dir, settings);
        }
        return model;
    }

    private static String device(RuntimeSettings settings) {
        return settings.usesGpu() ? "GPU " + settings.visibleDevices() : "CPU";
    }

    /** How many models are loaded. */
    public static int size() {
        return MODELS.size();
    }

    /** Closes and forgets every loaded model. Safe to call more than once. */
    public static void closeAll() {
        List<Model> models = new ArrayList<>(MODELS.values());
        MODELS.clear();
        models.forEach(Model::close);
    }
}
