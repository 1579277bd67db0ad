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
    void neighboursFillPartitionsInKeyOrder() {
        WindowPartitioner p = WindowPartitioner.of(twoShots(5), 4);
        assertEquals(3, p.numPartitions());
        for (int key = 0; key < 10; key++) {
            assertEquals(key / 4, p.getPartition(key), "key " + key);
        }
        assertTrue(p.together(0, 1));
        assertFalse(p.together(3, 4), "an overlap across a partition edge goes through the shuffle");
    }

    @Test
    void noWindowsStillMakeOnePartition() {
        assertEquals(1, WindowPartitioner.of(List.of(), 8).numPartitions());
    }

    @Test
    void rejectsAnEmptyPartitionSize() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> WindowPartitioner.of(twoShots(2), 0));
        assertTrue(e.getMessage().contains("partition size"), e.getMessage());
    }
}
