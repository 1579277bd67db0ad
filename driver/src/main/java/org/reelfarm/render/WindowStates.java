package org.reelfarm.render;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.codenoise.StateFiles;
import org.reelfarm.codenoise.WindowPartitioner;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.FilmStore;

/**
 * The co-denoised window states a render keeps film by film under {@code work/NAME/codenoise/}
 * ({@link StateFiles}): the round a film can be taken up at after an interruption, and the
 * clean-up of older rounds once a newer one is whole. Used on the driver only.
 */
final class WindowStates {
    private final FilmStore store;
    private final Map<Integer, String> names = new HashMap<>();

    /** @param names film names by film index, for the films of the job */
    WindowStates(FilmStore store, Map<Integer, String> names) {
        this.store = store;
        this.names.putAll(names);
    }

    /** The job's film names by film index. */
    Map<Integer, String> names() {
        return Map.copyOf(names);
    }

    /** Each film's state directory relative to the work root, by film index: what the tasks write to. */
    HashMap<Integer, String> dirs() {
        HashMap<Integer, String> out = new HashMap<>();
        names.forEach((film, name) -> out.put(film, FilmLayout.states(name)));
        return out;
    }

    /**
     * The latest round after which the states of all the given windows of film {@code name} were
     * saved whole (the round's index names them all), or 0 if there is none (the film starts afresh).
     */
    static int savedRound(FilmStore store, String name, List<CoWindow> windows) {
        List<String> rounds = store.listWork(name, FilmLayout.STATES);
        for (int i = rounds.size() - 1; i >= 0; i--) {
            int round = FilmLayout.roundOf(rounds.get(i));
            if (round <= 0) {
                continue;
            }
            Map<Integer, String> index = StateFiles.readIndex(store.work(),
                    FilmLayout.stateIndex(FilmLayout.stateRound(FilmLayout.states(name), round)));
            if (index != null && windows.stream().allMatch(w -> index.containsKey(w.task().window()))) {
                return round;
            }
        }
        return 0;
    }

    /**
     * Called once the states after job round {@code jobRound} are all written, in the packs of the
     * partitions of {@code partitioner}: each film's round gets its index, which makes it whole,
     * and then the film keeps only that round (an interruption from now on resumes there).
     */
    void saved(List<CoWindow> windows, int jobRound, WindowPartitioner partitioner) {
        Map<Integer, Integer> shotRounds = new HashMap<>();
        Map<Integer, Map<Integer, String>> packs = new HashMap<>();
        for (CoWindow w : windows) {
            shotRounds.put(w.task().film(), w.shotRound(jobRound));
            packs.computeIfAbsent(w.task().film(), f -> new HashMap<>())
                    .put(w.task().window(), StateFiles.packOf(partitioner, w.key()));
        }
        shotRounds.forEach((film, round) -> {
            String name = names.get(film);
            String dir = FilmLayout.stateRound(FilmLayout.states(name), round);
            StateFiles.writeIndex(store.work(), FilmLayout.stateIndex(dir), packs.get(film));
            String keep = FilmLayout.roundName(round);
            for (String old : store.listWork(name, FilmLayout.STATES)) {
                if (!old.equals(keep)) {
                    store.deleteWork(name, FilmLayout.STATES + "/" + old);
                }
            }
        });
    }
}
