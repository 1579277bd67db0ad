package org.reelfarm.codenoise;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.Partitioner;

/**
 * Places co-denoised windows in fixed partitions for the whole run, so that window state stays
 * where it is between sync rounds and only overlaps move. Neighbouring windows of equal length
 * share a partition, up to the batch size: they are active in nearly the same rounds, and the
 * active ones of a partition take each step in one batched model call (each at its own step).
 * Registered with Kryo: checkpoints store it, so a checkpointed state keeps its partitioning.
 */
public final class WindowPartitioner extends Partitioner {
    private final int[] partitionOfKey;
    private final int partitions;

    private WindowPartitioner(int[] partitionOfKey, int partitions) {
        this.partitionOfKey = partitionOfKey;
        this.partitions = partitions;
    }

    /** Partitions of at most {@code batchSize} windows in film order; keys must be 0..n-1. */
    public static WindowPartitioner of(List<CoWindow> windows, int batchSize) {
        int[] partitionOf = new int[windows.size()];
        List<CoWindow> ordered = windows.stream().sorted(Comparator.comparingInt(CoWindow::key)).toList();
        int partition = -1;
        int filled = batchSize;
        int length = -1;
        for (CoWindow w : ordered) {
            if (filled == batchSize || w.task().length() != length) {
                partition++;
                filled = 0;
                length = w.task().length();
            }
            partitionOf[w.key()] = partition;
            filled++;
        }
        return new WindowPartitioner(partitionOf, Math.max(1, partition + 1));
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return partitionOfKey[(Integer) key];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WindowPartitioner p && p.partitions == partitions
                && Arrays.equals(p.partitionOfKey, partitionOfKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(partitionOfKey);
    }
}
