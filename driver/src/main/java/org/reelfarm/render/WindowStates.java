package org.reelfarm.render;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.FilmStore;

/**
 * The co-denoised window states a render keeps film by film under {@code work/NAME/codenoise/}
 * ({@link FilmLayout#stateFile}): the round a film can be taken up at after an interruption, and the
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
     * saved whole, or 0 if there is none (the film starts afresh).
     */
    static int savedRound(FilmStore store, String name, List<CoWindow> windows) {
        List<String> rounds = store.listWork(name, FilmLayout.STATES);
        for (int i = rounds.size() - 1; i >= 0; i--) {
            int round = FilmLayout.roundOf(rounds.get(i));
            if (round <= 0) {
                continue;
            }
            Set<String> files = new HashSet<>(store.listWork(name, FilmLayout.STATES + "/" + rounds.get(i)));
            if (windows.stream().allMatch(w -> files.contains(FilmLayout.stateName(w.task().window())))) {
                return round;
            }
        }
        return 0;
    }

    /**
     * Called once the states after job round {@code jobRound} are all written: each film keeps only
     * those (an interruption from now on resumes there).
     */
    void saved(List<CoWindow> windows, int jobRound) {
        Map<Integer, Integer> shotRounds = new HashMap<>();
        windows.forEach(w -> shotRounds.put(w.task().film(), w.shotRound(jobRound)));
        shotRounds.forEach((film, round) -> {
            String name = names.get(film);
            String keep = FilmLayout.roundName(round);
            for (String dir : store.listWork(name, FilmLayout.STATES)) {
                if (!dir.equals(keep)) {
                    store.deleteWork(name, FilmLayout.STATES + "/" + dir);
                }
            }
        });
    }
}
