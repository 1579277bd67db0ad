package org.reelfarm.codenoise;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.Partitioner;

/**
 * Places co-denoised windows in fixed partitions for the whole run, so that window state stays
 * where it is between sync rounds and only overlaps move. Windows go in key order (film, shot,
 * position), so neighbours share a partition and only the overlaps at partition edges cross
 * between tasks; a partition's active windows go through the model in calls of at most
 * {@code --batch} windows (each at its own step), whatever the partition size.
 */
public final class WindowPartitioner extends Partitioner {
    private final int[] partitionOfKey;
    private final int partitions;

    private WindowPartitioner(int[] partitionOfKey, int partitions) {
        this.partitionOfKey = partitionOfKey;
        this.partitions = partitions;
    }

    /** Partitions of at most {@code size} windows in key order; keys must be 0..n-1. */
    public static WindowPartitioner of(List<CoWindow> windows, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("partition size must be >= 1, got " + size);
        }
        int[] partitionOf = new int[windows.size()];
        List<CoWindow> ordered = windows.stream().sorted(Comparator.comparingInt(CoWindow::key)).toList();
        for (int i = 0; i < ordered.size(); i++) {
            partitionOf[ordered.get(i).key()] = i / size;
        }
        return new WindowPartitioner(partitionOf, Math.max(1, (ordered.size() + size - 1) / size));
    }

    /** Whether two windows (by key) are in the same partition: their overlap need not be shuffled. */
    public boolean together(int key, int otherKey) {
        return partitionOfKey[key] == partitionOfKey[otherKey];
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
