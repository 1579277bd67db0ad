package org.reelfarm.render;

import org.apache.spark.SparkContext;
import org.reelfarm.model.ModelSpec;

/**
 * How many windows a render keeps in flight: {@code --max-in-flight} if given, else what the
 * executors can hold and keep busy. Memory: a window in flight holds its latents a few times over
 * (state, clean estimate, overlaps, the persisted copy of the round before, its pieces), and a
 * quarter of executor memory goes to them. Cores: enough windows per core that a group's Spark
 * job spreads its fixed cost over many model calls.
 */
public final class InFlightBudget {
    /** Copies of a window's latents alive while it is in flight. */
    static final int COPIES_PER_WINDOW = 8;
    /** Share of executor memory the windows in flight may take. */
    static final double MEMORY_SHARE = 0.25;
    /**
     * Windows per core. A group of films is one Spark job, with a fixed cost of a few hundred
     * milliseconds (its stages, the shuffles that place windows and gather segments, the saves);
     * at the reference model's ~10 ms per window-step a window takes ~0.2 s of work, so a group
     * of half the budget (64 windows per core) keeps that cost to a few percent.
     */
    public static final int WINDOWS_PER_CORE = 128;

    private InFlightBudget() {}

    static int of(RenderSettings settings, ModelSpec spec, SparkContext sc) {
        if (settings.maxInFlight() > 0) {
            return settings.maxInFlight();
        }
        int cores = Math.max(1, sc.defaultParallelism());
        long memory = sc.isLocal() ? Runtime.getRuntime().maxMemory()
                : (long) sc.executorMemory() * 1024 * 1024 * Math.max(1, sc.getExecutorMemoryStatus().size() - 1);
        return derive(memory, cores, spec, settings.window());
    }

    /** The budget for executors of {@code memory} bytes in all and {@code cores} task slots. */
    static int derive(long memory, int cores, ModelSpec spec, int window) {
        long perWindow = (long) window * spec.latentHeight() * spec.latentWidth() * spec.latentChannels()
                * Float.BYTES * COPIES_PER_WINDOW;
        long byMemory = (long) (memory * MEMORY_SHARE) / Math.max(1, perWindow);
        return (int) Math.max(1, Math.min(byMemory, (long) cores * WINDOWS_PER_CORE));
    }
}
