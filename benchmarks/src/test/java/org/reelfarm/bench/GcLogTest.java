package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void takesTheLargestHeapBeforeAndAfterEveryCollection() {
        GcLog log = GcLog.parse(List.of(
                "[0.010s][info][gc] Using G1",
                "[0.991s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 28M->22M(380M) 17.648ms",
                "[2.206s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 137M->93M(380M) 15.6ms",
                "[2.300s][info][gc] GC(2) Concurrent Mark Cycle",
                "[2.400s][info][gc] GC(2) Pause Remark 95M->60M(380M) 1.2ms",
                "[3.592s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 79M->25M(768M) 17.207ms"));

        assertEquals(new GcLog(4, 93, 137, 768), log);
    }

    @Test
    void convertsKilobytesAndGigabytesToMegabytes() {
        GcLog log = GcLog.parse(List.of(
                "[0.5s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 2048K->1024K(1G) 1.0ms"));

        assertEquals(new GcLog(1, 1, 2, 1024), log);
    }

    @Test
    void readsTheFullCollectionsThatSystemGcAskedFor() {
        List<GcLog.Collection> full = GcLog.explicitFull(List.of(
                "[15.9s][info][gc] GC(34) Pause Full (System.gc()) 88M->66M(238M) 100.0ms",
                "[20.1s][info][gc] GC(35) Pause Full (G1 Compaction Pause) 700M->600M(768M) 900.0ms",
                "[30.9s][info][gc] GC(63) Pause Full (System.gc()) 411M->1G(2G) 250.5ms",
                "[31.0s][info][gc] GC(64) Pause Young (Normal) (G1 Evacuation Pause) 79M->25M(768M) 17.2ms"));

        assertEquals(List.of(new GcLog.Collection(15.9, 66, 100.0), new GcLog.Collection(30.9, 1024, 250.5)), full);
    }

    @Test
    void noCollectionsGiveZeros() {
        assertEquals(new GcLog(0, 0, 0, 0), GcLog.parse(List.of("[0.010s][info][gc] Using G1")));
    }

    @Test
    void rejectsAFileNameThatXlogCannotTake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GcLog.jvmFlag("C:gc.log"));
        assertEquals("-Xlog file names cannot contain ':', got C:gc.log", e.getMessage());
    }
}
