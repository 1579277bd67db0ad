package org.reelfarm.codenoise;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.Partitioner;

/**
 * Places co-denoised windows in fixed partitions for the whole run, so that window state stays
 * where it is between sync rounds and only overlaps move. Windows go in key order (film, shot,
 * position), so neighbours share a partition; a partition's active windows go through the model
 * in calls of at most {@code --batch} windows (each at its own step), whatever the partition size.
 *
 * <p>Partitions hold whole shots where they can: a shot is cut only when it is longer than a
 * core's share of the job. When no shot is cut, no overlap crosses a partition and the job is
 * {@link #selfContained()}: its partitions can run many sync rounds in one task, with no shuffle
 * or stage barrier between rounds.
 */
public final class WindowPartitioner extends Partitioner {
    private final int[] partitionOfKey;
    private final int partitions;
    private final boolean selfContained;

    private WindowPartitioner(int[] partitionOfKey, int partitions, boolean selfContained) {
        this.partitionOfKey = partitionOfKey;
        this.partitions = partitions;
        this.selfContained = selfContained;
    }

    /**
     * Partitions of at most {@code size} windows in key order, whole shots together; a shot is
     * cut into parts of at most {@code size} only when it is longer than {@code longestWhole}.
     * Keys must be 0..n-1.
     */
    public static WindowPartitioner of(List<CoWindow> windows, int size, int longestWhole) {
        if (size < 1) {
            throw new IllegalArgumentException("partition size must be >= 1, got " + size);
        }
        int[] partitionOf = new int[windows.size()];
        List<CoWindow> ordered = windows.stream().sorted(Comparator.comparingInt(CoWindow::key)).toList();
        int partition = 0;
        int filled = 0;
        boolean selfContained = true;
        for (int first = 0; first < ordered.size(); ) {
            int end = first + 1;
            while (end < ordered.size() && ordered.get(end).position() > 0) {
                end++;
            }
            int length = end - first;
            boolean cut = length > longestWhole && length > size;
            if (filled > 0 && (cut || filled + length > size)) {
                partition++;
                filled = 0;
            }
            if (cut) {
                int parts = (length + size - 1) / size;
                for (int i = 0; i < length; i++) {
                    partitionOf[ordered.get(first + i).key()] = partition + i * parts / length;
                }
                partition += parts;
                selfContained = false;
            } else {
                for (int i = first; i < end; i++) {
                    partitionOf[ordered.get(i).key()] = partition;
                }
                filled += length;
            }
            first = end;
        }
        return new WindowPartitioner(partitionOf, Math.max(1, partition + (filled > 0 ? 1 : 0)), selfContained);
    }

    /** Whether every overlap stays inside its partition: no shot is cut. */
    public boolean selfContained() {
        return selfContained;
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
                && p.selfContained == selfContained && Arrays.equals(p.partitionOfKey, partitionOfKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(partitionOfKey);
    }
}
