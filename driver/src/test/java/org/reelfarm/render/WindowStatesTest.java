package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoState;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.codenoise.StateFiles;
import org.reelfarm.codenoise.WindowPartitioner;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.FilmStore;
import org.reelfarm.task.SegmentTarget;
import org.reelfarm.task.WindowTask;

/** Which saved round a film is taken up at, and which rounds are kept: on a real local work area. */
class WindowStatesTest {
    @TempDir
    Path dir;
    FilmStore store;
    List<CoWindow> windows;
    WindowPartitioner partitioner;

    @BeforeEach
    void threeWindows() {
        store = FilmStore.open(dir.toString(), new Configuration());
        store.prepareWork("film");
        List<WindowTask> shot = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shot.add(new WindowTask(0, 0, i, 1, 12L * i, 16, new int[] {1}, new SegmentTarget[0], 0, 0));
        }
        windows = CoDenoising.chain(shot, 0);
        partitioner = WindowPartitioner.of(windows, 2, 0);
    }

    /** What the tasks of a job round write: the packs of partitions of two windows, no index yet. */
    void packs(int round, List<CoWindow> which) {
        String dir = FilmLayout.stateRound(FilmLayout.states("film"), round);
        Map<String, List<CoState>> packs = new TreeMap<>();
        for (CoWindow w : which) {
            packs.computeIfAbsent(FilmLayout.packName(partitioner.getPartition(w.key())), p -> new ArrayList<>())
                    .add(new CoState(w, new float[] {1}, new float[] {2}, round, null, null));
        }
        packs.forEach((pack, states) -> StateFiles.writePack(store.work(), dir + "/" + pack, states));
    }

    /** The packs and their index, left as they are: the older rounds are not cleaned up. */
    void whole(int round, List<CoWindow> which) {
        packs(round, which);
        Map<Integer, String> index = new TreeMap<>();
        which.forEach(w -> index.put(w.task().window(), FilmLayout.packName(partitioner.getPartition(w.key()))));
        String dir = FilmLayout.stateRound(FilmLayout.states("film"), round);
        StateFiles.writeIndex(store.work(), FilmLayout.stateIndex(dir), index);
    }

    List<String> rounds() {
        return store.listWork("film", FilmLayout.STATES);
    }

    @Test
    void aFilmWithNothingSavedStartsAfresh() {
        assertEquals(0, WindowStates.savedRound(store, "film", windows));
    }

    @Test
    void theLatestRoundWithAnIndexOfEveryWindowIsTakenUp() {
        whole(10, windows);
        whole(20, windows.subList(0, 2)); // a job of fewer shots
        packs(30, windows); // the driver died before round 30's index
        assertEquals(10, WindowStates.savedRound(store, "film", windows));
        assertEquals(20, WindowStates.savedRound(store, "film", windows.subList(0, 2)),
                "a resumed job of fewer shots needs only their windows");
    }

    @Test
    void aWholeNewRoundReplacesTheOlderOnes() {
        whole(10, windows);
        packs(20, windows);
        assertEquals(10, WindowStates.savedRound(store, "film", windows), "round 20 has no index yet");
        new WindowStates(store, Map.of(0, "film")).saved(windows, 20, partitioner);
        assertEquals(List.of("r0020"), rounds());
        assertEquals(List.of("index", "p00000", "p00001"),
                store.listWork("film", FilmLayout.STATES + "/r0020").stream().sorted().toList());
        assertEquals(20, WindowStates.savedRound(store, "film", windows));
    }

    @Test
    void roundsCountFromWhereTheJobTookTheFilmUp() {
        List<CoWindow> resumed = windows.stream().map(w -> w.resumedAt(20)).toList();
        whole(20, resumed);
        packs(30, resumed);
        // Job round 10 is the film's round 30.
        new WindowStates(store, Map.of(0, "film")).saved(resumed, 10, partitioner);
        assertEquals(30, WindowStates.savedRound(store, "film", windows));
        assertEquals(List.of("r0030"), rounds());
    }
}
