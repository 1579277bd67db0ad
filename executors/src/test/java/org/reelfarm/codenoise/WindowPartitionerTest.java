package org.reelfarm.codenoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reelfarm.task.SegmentTarget;
import org.reelfarm.task.WindowTask;

class WindowPartitionerTest {
    /** Two shots of {@code n} windows each, keys 0..2n-1, given in a shuffled order. */
    static List<CoWindow> twoShots(int n) {
        List<CoWindow> out = new ArrayList<>();
        for (int shot = 0; shot < 2; shot++) {
            List<WindowTask> tasks = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                tasks.add(new WindowTask(0, shot, shot * n + j, 1, 12L * (shot * n + j), 16, new int[] {1},
                        new SegmentTarget[0], 0, 0));
            }
            out.addAll(CoDenoising.chain(tasks, shot * n));
        }
        Collections.shuffle(out, new Random(7));
        return out;
    }

    @Test
    void wholeShotsFillPartitionsInKeyOrderAndKeepEveryOverlapInside() {
        WindowPartitioner p = WindowPartitioner.of(twoShots(5), 4, 5);
        assertEquals(2, p.numPartitions(), "a shot of 5 is not cut when shots up to 5 stay whole");
        for (int key = 0; key < 10; key++) {
            assertEquals(key / 5, p.getPartition(key), "key " + key);
        }
        assertTrue(p.selfContained());

        WindowPartitioner packed = WindowPartitioner.of(twoShots(3), 6, 6);
        assertEquals(1, packed.numPartitions(), "two shots of 3 fill one partition of 6");
        assertTrue(packed.selfContained());
    }

    @Test
    void aShotLongerThanItsShareIsCutAndItsOverlapsCrossPartitions() {
        WindowPartitioner p = WindowPartitioner.of(twoShots(5), 4, 4);
        assertEquals(4, p.numPartitions(), "each shot of 5 in two parts of at most 4");
        int[] expected = {0, 0, 0, 1, 1, 2, 2, 2, 3, 3};
        for (int key = 0; key < 10; key++) {
            assertEquals(expected[key], p.getPartition(key), "key " + key);
        }
        assertTrue(p.together(0, 1));
        assertFalse(p.together(2, 3), "an overlap across a partition edge goes through the shuffle");
        assertFalse(p.selfContained());
    }

    @Test
    void aShotThatDoesNotFitStartsTheNextPartition() {
        List<CoWindow> windows = new ArrayList<>(twoShots(3));
        WindowPartitioner p = WindowPartitioner.of(windows, 4, 4);
        assertEquals(2, p.numPartitions(), "3 + 3 windows do not fit in 4: a partition each, no shot cut");
        assertEquals(0, p.getPartition(2));
        assertEquals(1, p.getPartition(3));
        assertTrue(p.selfContained());
    }

    @Test
    void noWindowsStillMakeOnePartition() {
        assertEquals(1, WindowPartitioner.of(List.of(), 8, 8).numPartitions());
    }

    @Test
    void rejectsAnEmptyPartitionSize() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> WindowPartitioner.of(twoShots(2), 0, 0));
        assertTrue(e.getMessage().contains("partition size"), e.getMessage());
    }
}
