package org.reelfarm.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The library-level queue of a render: films enter the denoising work in film order, in groups
 * of consecutive films, while the windows in flight stay within a budget; a group leaves when
 * its films are committed, and the next is admitted. A group larger than the budget (one long
 * film) is admitted alone. Groups are at most half the budget, so one group can be denoised
 * while the one before finishes its last rounds and segments. In a library with no film committed
 * yet, the first group is the first film alone, and it is in flight alone: the library's first
 * film is committed as early as it can be, with no other group's tasks on the cores. A run that
 * finds films already committed (a resume, a re-run) has shown its first film: its groups are
 * all of the common size, two in flight from the start.
 *
 * <p>The frames do not depend on the grouping: noise is keyed by seed and frame, and a film's
 * windows go through the model in batches of its own. Thread-safe: the render's lanes call
 * {@link #next} and {@link #done} from their own threads.
 */
public final class Admission {
    /** One admitted group: its number (in film order) and the indices of its films. */
    public record Group(int number, List<Integer> films, int windows) {
        public Group {
            films = List.copyOf(films);
        }
    }

    private final List<Group> groups;
    private final int budget;
    private final boolean firstAlone;
    private int next;
    private int inFlight;
    private int filmsInFlight;
    private int filmsDone;
    private final int filmsTotal;

    /**
     * @param windows the windows of each film, in film order
     * @param budget windows in flight
     * @param firstAlone whether the first film is a group alone, in flight alone
     */
    Admission(List<Integer> windows, int budget, boolean firstAlone) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be at least 1 window, got " + budget);
        }
        this.budget = budget;
        this.firstAlone = firstAlone;
        this.groups = groups(windows, Math.max(1, budget / 2), firstAlone);
        this.filmsTotal = windows.size();
    }

    /**
     * Consecutive films whose windows add up to at most {@code size} (a larger film is a group
     * alone); with {@code firstAlone}, the first film is a group alone.
     */
    public static List<Group> groups(List<Integer> windows, int size, boolean firstAlone) {
        List<Group> out = new ArrayList<>();
        List<Integer> films = new ArrayList<>();
        int sum = 0;
        for (int i = 0; i < windows.size(); i++) {
            if (!films.isEmpty() && (firstAlone && out.isEmpty() || sum + windows.get(i) > size)) {
                out.add(new Group(out.size(), films, sum));
                films = new ArrayList<>();
                sum = 0;
            }
            films.add(i);
            sum += windows.get(i);
        }
        if (!films.isEmpty()) {
            out.add(new Group(out.size(), films, sum));
        }
        return out;
    }

    List<Group> groups() {
        return groups;
    }

    /**
     * The next group in film order, once it fits in the budget (or nothing else is in flight), and
     * after a first film alone, the second once the first is done; null when every group has been admitted. Blocks until then.
     */
    synchronized Group next() throws InterruptedException {
        // Another lane may take the group this one waited for: look at the queue again after each wait.
        while (next < groups.size() && inFlight > 0 && (firstAlone && next == 1 || inFlight + groups.get(next).windows() > budget)) {
            wait();
        }
        if (next >= groups.size()) {
            return null;
        }
        Group group = groups.get(next++);
        inFlight += group.windows();
        filmsInFlight += group.films().size();
        return group;
    }

    /** The group's films are committed (or failed): its windows leave the budget. */
    synchronized void done(Group group) {
        inFlight -= group.windows();
        filmsInFlight -= group.films().size();
        filmsDone += group.films().size();
        notifyAll();
    }

    /** Films done, in flight and in all; windows in flight: the numbers progress reporting shows. */
    synchronized Progress progress() {
        return new Progress(filmsDone, filmsInFlight, filmsTotal, inFlight, budget);
    }

    record Progress(int filmsDone, int filmsInFlight, int filmsTotal, int windowsInFlight, int budget) {}
}
