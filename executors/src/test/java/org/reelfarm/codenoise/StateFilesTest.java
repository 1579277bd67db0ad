package org.reelfarm.codenoise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.encode.VideoQuality;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.sampler.SamplerKind;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.Storage;
import org.reelfarm.task.FilmTaskFailure;
import org.reelfarm.task.TaskSettings;
import scala.Tuple2;

/** Window states saved in packs, one per partition, and taken up again: on a real local work area. */
class StateFilesTest {
    static final String DIR = FilmLayout.stateRound(FilmLayout.states("film"), 10);

    @TempDir
    Path dir;

    /** A state whose latents say which window it is, so a mix-up shows. */
    static CoState state(CoWindow w) {
        int i = w.task().window();
        Overlap out = new Overlap(12L * i + 12, 4, new float[] {i, -i}, new float[] {0.5f, 0.25f});
        return new CoState(w, new float[] {i, 2 * i}, new float[] {i + 0.5f, i - 0.5f, 3}, 7 + i, null, out);
    }

    /** Saves every window as a job of partitions of {@code size} windows does after round 10. */
    Storage saveAfterRound10(List<CoWindow> windows, int size, boolean index) {
        Storage area = Storage.open(dir.toString());
        WindowPartitioner partitioner = WindowPartitioner.of(windows, size, 0);
        Map<String, List<CoState>> packs = new TreeMap<>();
        Map<Integer, String> packOf = new HashMap<>();
        windows.stream().sorted(Comparator.comparingInt(CoWindow::key)).forEach(w -> {
            String pack = FilmLayout.packName(partitioner.getPartition(w.key()));
            packs.computeIfAbsent(pack, p -> new ArrayList<>()).add(state(w));
            packOf.put(w.task().window(), pack);
        });
        packs.forEach((pack, states) -> StateFiles.writePack(area, DIR + "/" + pack, states));
        if (index) {
            StateFiles.writeIndex(area, FilmLayout.stateIndex(DIR), packOf);
        }
        return area;
    }

    SyncRounds sync(List<CoWindow> windows, int size) {
        TaskSettings settings = new TaskSettings("/no/model", new RuntimeSettings(1, 0, ""), SamplerKind.DDIM, 20,
                BlendProfile.COSINE, 4, VideoQuality.PREVIEW, false, dir.toString(), true);
        CoDenoising.Settings co = new CoDenoising.Settings(new CoSchedule(20, 1, 1), BlendProfile.COSINE, 4, true, 4);
        return new SyncRounds(settings, co, WindowPartitioner.of(windows, size, 0), Map.of(0, "film"),
                Map.of(0, FilmLayout.states("film")), null);
    }

    static List<CoState> takeUp(SyncRounds sync, List<CoWindow> windows) {
        List<Tuple2<Integer, CoWindow>> keyed =
                windows.stream().map(w -> new Tuple2<>(w.key(), w.resumedAt(10))).toList();
        List<CoState> out = new ArrayList<>();
        sync.takeUp(keyed.iterator(), 0).forEachRemaining(t -> out.add(t._2()));
        return out;
    }

    @Test
    void aPackGivesBackTheStatesAskedForBitForBit() {
        List<CoWindow> windows = WindowPartitionerTest.twoShots(3);
        Storage area = saveAfterRound10(windows, 6, true);
        assertEquals(List.of("index", FilmLayout.packName(0)), area.list(DIR).stream().sorted().toList(),
                "one pack for one partition");
        Map<Integer, CoWindow> wanted = new TreeMap<>();
        windows.stream().filter(w -> w.task().window() % 2 == 1).forEach(w -> wanted.put(w.task().window(), w));
        Map<Integer, CoState> read = StateFiles.readPack(area, DIR + "/" + FilmLayout.packName(0), wanted);
        assertEquals(wanted.keySet(), read.keySet());
        read.forEach((i, s) -> {
            CoState saved = state(wanted.get(i));
            assertArrayEquals(saved.x(), s.x());
            assertArrayEquals(saved.context(), s.context());
            assertEquals(saved.stepsDone(), s.stepsDone());
            assertNull(s.left());
            assertEquals(saved.outgoing().start(), s.outgoing().start());
            assertArrayEquals(saved.outgoing().x0(), s.outgoing().x0());
            assertArrayEquals(saved.outgoing().weights(), s.outgoing().weights());
        });
        assertNull(StateFiles.readPack(area, DIR + "/" + FilmLayout.packName(1), wanted));
    }

    @Test
    void aResumeOnOtherPartitionsFindsEveryWindowThroughTheIndex() {
        List<CoWindow> windows = WindowPartitionerTest.twoShots(5);
        saveAfterRound10(windows, 10, true); // saved in one pack, p00000: both shots fit
        List<CoState> taken = takeUp(sync(windows, 2), windows); // taken up by one task, in partitions of 2
        assertEquals(10, taken.size());
        for (int k = 0; k < taken.size(); k++) {
            CoState s = taken.get(k);
            assertEquals(k, s.key(), "in key order");
            assertArrayEquals(state(s.window()).x(), s.x());
            assertEquals(10, s.window().shotRound(0), "the window is the one taken up, not the one saved");
        }
    }

    @Test
    void aRoundWithoutItsIndexWasNotSavedWhole() {
        List<CoWindow> windows = WindowPartitionerTest.twoShots(2);
        saveAfterRound10(windows, 2, false);
        FilmTaskFailure failure = assertThrows(FilmTaskFailure.class, () -> takeUp(sync(windows, 2), windows));
        assertEquals(List.of(0), List.copyOf(failure.films()));
        String why = failure.getCause().getMessage();
        assertTrue(why.contains("is not in the index of " + DIR), why);
    }
}
