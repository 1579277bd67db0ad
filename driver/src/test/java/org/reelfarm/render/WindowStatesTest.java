package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoState;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.codenoise.StateFiles;
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

    @BeforeEach
    void threeWindows() {
        store = FilmStore.open(dir.toString(), new Configuration());
        store.prepareWork("film");
        List<WindowTask> shot = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shot.add(new WindowTask(0, 0, i, 1, 12L * i, 16, new int[] {1}, new SegmentTarget[0], 0, 0));
        }
        windows = CoDenoising.chain(shot, 0);
    }

    void save(int round, List<CoWindow> which) {
        for (CoWindow w : which) {
            StateFiles.write(store.work(), FilmLayout.stateFile(FilmLayout.states("film"), round, w.task().window()),
                    new CoState(w, new float[] {1}, new float[] {2}, round, null, null));
        }
    }

    @Test
    void aFilmWithNothingSavedStartsAfresh() {
        assertEquals(0, WindowStates.savedRound(store, "film", windows));
    }

    @Test
    void theLatestRoundWithEveryWindowIsTakenUp() {
        save(10, windows);
        save(20, windows.subList(0, 2)); // the driver died while round 20 was being written
        assertEquals(10, WindowStates.savedRound(store, "film", windows));
        assertEquals(20, WindowStates.savedRound(store, "film", windows.subList(0, 2)),
                "a resumed job of fewer shots needs only their windows");
    }

    @Test
    void aWholeNewRoundReplacesTheOlderOnes() throws Exception {
        save(10, windows);
        save(20, windows);
        new WindowStates(store, Map.of(0, "film")).saved(windows, 20);
        Path states = dir.resolve(FilmLayout.WORK).resolve("film").resolve(FilmLayout.STATES);
        try (var listing = Files.list(states)) {
            assertEquals(List.of("r0020"), listing.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(20, WindowStates.savedRound(store, "film", windows));
    }

    @Test
    void roundsCountFromWhereTheJobTookTheFilmUp() throws Exception {
        List<CoWindow> resumed = windows.stream().map(w -> w.resumedAt(20)).toList();
        save(20, resumed);
        save(30, resumed);
        new WindowStates(store, Map.of(0, "film")).saved(resumed, 10); // job round 10 is the film's round 30
        assertEquals(30, WindowStates.savedRound(store, "film", windows));
        assertEquals(List.of("r0030"), store.listWork("film", FilmLayout.STATES));
    }
}
