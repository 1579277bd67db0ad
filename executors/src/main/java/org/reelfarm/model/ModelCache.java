package org.reelfarm.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-JVM model cache: each (model directory, runtime settings) pair is loaded once, however
 * many task threads ask for it at once, and shared by them. Closed by a shutdown hook.
 *
 * <p>This is the only static mutable state in Reelfarm. Executors call
 * {@code ModelCache.get(dir, settings)} once per partition; models stay loaded across stages. A
 * model on a Hadoop file system ({@code s3a://models/reference}) is first copied into a local
 * cache keyed by its hash, once per JVM (see {@link ModelFetch}).
 */
public final class ModelCache {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
    /**
     * The environment variable that turns TensorFlow's oneDNN kernels on or off. They choose
     * their vector width by CPU (on by default where there is AVX-512), so the same window gives
     * other last bits on another CPU kind. Reelfarm runs with it at 0 (the launcher, the cluster
     * scripts, the container, {@code spark.executorEnv}).
     */
    public static final String ONEDNN = "TF_ENABLE_ONEDNN_OPTS";
    /**
     * The TensorFlow environment of every JVM that Reelfarm's own code starts (tests, benchmarks),
     * as ./reelfarm sets it: oneDNN off, and TensorFlow's C++ log at warnings and above.
     */
    public static final Map<String, String> TENSORFLOW_ENVIRONMENT = Map.of(ONEDNN, "0", "TF_CPP_MIN_LOG_LEVEL", "2");
    private static final ConcurrentMap<Key, Model> MODELS = new ConcurrentHashMap<>();
    private static final ModelFetch FETCH = new ModelFetch();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ModelCache::closeAll, "reelfarm-model-cache-close"));
    }

    private record Key(Path dir, RuntimeSettings settings) {}

    private ModelCache() {}

    /**
     * The loaded model at {@code location}: a local directory, or a Hadoop URI ({@code s3a://...})
     * that is copied into the local model cache first (once per JVM). {@code hadoop} gives the
     * Hadoop configuration (credentials, endpoint, {@code reelfarm.model.cache.dir}); it is asked
     * for only for a URI.
     */
    public static Model get(String location, RuntimeSettings settings, Supplier<Configuration> hadoop) {
        return get(localDirectory(location, hadoop), settings);
    }

    /** The local directory of a model location, copying a Hadoop URI into the local cache (once per JVM). */
    public static Path localDirectory(String location, Supplier<Configuration> hadoop) {
        if (ModelFetch.isRemote(location)) {
            return FETCH.local(location, hadoop.get());
        }
        return location.regionMatches(true, 0, "file:", 0, 5) ? Path.of(java.net.URI.create(location)) : Path.of(location);
    }

    /** The loaded model for a directory, loading it on first use. */
    public static Model get(Path dir, RuntimeSettings settings) {
        Key key = new Key(dir.toAbsolutePath().normalize(), settings);
        Model model = MODELS.computeIfAbsent(key, k -> {
            LOG.info("loading model from {} ({})", k.dir(), device(k.settings()));
            if (!"0".equals(System.getenv(ONEDNN))) {
                LOG.warn("{} is not 0 in this JVM: TensorFlow may use oneDNN kernels that depend on the CPU, and"
                        + " frames rendered here may then differ in their last bits from another machine's", ONEDNN);
            }
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
