package org.reelfarm.codenoise;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.TaskContext;
import org.reelfarm.model.Model;
import org.reelfarm.sampler.Sampler;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.Storage;
import org.reelfarm.task.FilmTaskFailure;
import org.reelfarm.task.TaskCounters;
import org.reelfarm.task.TaskHook;
import org.reelfarm.task.TaskModels;
import org.reelfarm.task.TaskSettings;
import org.reelfarm.task.WindowPiece;
import org.reelfarm.task.WindowSampling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The executor side of co-denoising in sync rounds: what one partition of window states does in
 * a round of the driver's job. Window states are keyed by {@link CoWindow#key()} and placed by
 * the job's {@link WindowPartitioner}; a partition takes its windows up (afresh or from their saved
 * state), advances them round by round with the overlaps its neighbours sent, saves them to the
 * work area when asked, and finally cuts them into the pieces of their segments.
 *
 * <p>Shipped with the job's closures (Java serialization); holds only settings and small maps.
 * A failed round fails with a {@link FilmTaskFailure} that names only the films that fail when
 * advanced alone, so that the other films of the partition go on in a retry of the job.
 */
public final class SyncRounds implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SyncRounds.class);

    private final TaskSettings settings;
    private final CoDenoising.Settings co;
    private final WindowPartitioner partitioner;
    private final HashMap<Integer, String> films;
    private final HashMap<Integer, String> stateDirs;
    private final TaskCounters counters;

    /**
     * @param films the job's film names by film index
     * @param stateDirs each film's window-state directory relative to the work root, by film index
     */
    public SyncRounds(TaskSettings settings, CoDenoising.Settings co, WindowPartitioner partitioner,
            Map<Integer, String> films, Map<Integer, String> stateDirs, TaskCounters counters) {
        this.settings = settings;
        this.co = co;
        this.partitioner = partitioner;
        this.films = new HashMap<>(films);
        this.stateDirs = new HashMap<>(stateDirs);
        this.counters = counters;
    }

    /**
     * The states of a partition's windows at job round {@code jobRound}: started afresh (text
     * contexts, initial noise) for a window whose shot is at round 0, else read from the work area.
     */
    public Iterator<Tuple2<Integer, CoState>> takeUp(Iterator<Tuple2<Integer, CoWindow>> it, int jobRound) {
        List<CoWindow> fresh = new ArrayList<>();
        Map<String, Map<Integer, CoWindow>> saved = new TreeMap<>(); // round directory -> windows by index
        while (it.hasNext()) {
            CoWindow w = it.next()._2();
            int shotRound = w.shotRound(jobRound);
            if (shotRound == 0) {
                fresh.add(w);
            } else {
                saved.computeIfAbsent(roundDir(w, shotRound), d -> new TreeMap<>()).put(w.task().window(), w);
            }
        }
        List<CoState> states = new ArrayList<>();
        if (!saved.isEmpty()) {
            Storage area = Storage.open(settings.workDir());
            saved.forEach((dir, wanted) -> states.addAll(readSaved(area, dir, wanted, jobRound)));
        }
        if (!fresh.isEmpty()) {
            fresh.sort(Comparator.comparingInt(CoWindow::key));
            long begin = System.nanoTime();
            Model model = TaskModels.forCurrentTask(settings);
            states.addAll(CoDenoising.start(fresh, model, sampler(model)));
            counters.denoiseNanos().add(System.nanoTime() - begin);
        }
        states.sort(Comparator.comparingInt(CoState::key));
        return keyed(states);
    }

    /**
     * Sync round {@code round} of a partition: its windows' states, each with the overlap its left
     * neighbour sent through the shuffle. With {@code save}, the states after the round are
     * written to the work area too.
     */
    public Iterator<Tuple2<Integer, CoState>> advance(
            Iterator<Tuple2<Integer, Tuple2<Iterable<CoState>, Iterable<Overlap>>>> it, int round, boolean save) {
        List<CoState> states = new ArrayList<>();
        Map<Integer, Overlap> inbox = new HashMap<>();
        while (it.hasNext()) {
            Tuple2<Integer, Tuple2<Iterable<CoState>, Iterable<Overlap>>> entry = it.next();
            entry._2()._1().forEach(states::add);
            entry._2()._2().forEach(o -> inbox.put(entry._1(), o));
        }
        if (states.isEmpty()) {
            return Collections.emptyIterator();
        }
        states.sort(Comparator.comparingInt(CoState::key));
        Model model = TaskModels.forCurrentTask(settings);
        states = round(states, inbox, round, model, sampler(model));
        if (save) {
            save(states, round + 1);
        }
        return keyed(states);
    }

    /**
     * Sync rounds {@code from} to {@code to - 1} of a partition that holds both ends of every
     * overlap its windows send ({@link WindowPartitioner#selfContained}): the rounds run one after
     * another in one task, with no shuffle or stage between them. The same arithmetic as {@link
     * #advance} round by round, so the same states. With {@code save}, the states after round
     * {@code to - 1} are written to the work area.
     */
    public Iterator<Tuple2<Integer, CoState>> advanceAlone(Iterator<Tuple2<Integer, CoState>> it, int from, int to,
            boolean save) {
        List<CoState> states = new ArrayList<>();
        it.forEachRemaining(s -> states.add(s._2()));
        if (states.isEmpty()) {
            return Collections.emptyIterator();
        }
        states.sort(Comparator.comparingInt(CoState::key));
        List<CoState> current = states;
        Model model = TaskModels.forCurrentTask(settings);
        Sampler sampler = sampler(model);
        for (int round = from; round < to; round++) {
            current = round(current, new HashMap<>(), round, model, sampler);
        }
        if (save) {
            save(current, to);
        }
        return keyed(current);
    }

    /** The sampler of this render's settings over {@code model}; a task makes one. */
    private Sampler sampler(Model model) {
        return new Sampler(model.spec(), settings.sampler(), settings.steps());
    }

    /**
     * One round of a partition's windows, sorted by key. {@code inbox} holds the overlaps that
     * came through the shuffle; those between windows of this partition are handed over here.
     */
    private List<CoState> round(List<CoState> states, Map<Integer, Overlap> inbox, int round, Model model,
            Sampler sampler) {
        for (CoState s : states) {
            if (s.outgoing() != null && partitioner.together(s.key(), s.window().rightKey())) {
                inbox.put(s.window().rightKey(), s.outgoing());
            }
        }
        TaskContext task = TaskContext.get();
        long begin = System.nanoTime();
        CoDenoising.Advance advanced;
        try {
            advanced = advance(states, inbox, round, model, sampler);
        } catch (RuntimeException e) {
            throw new FilmTaskFailure(failingFilms(states, inbox, round, model, sampler), "sync round " + round, e);
        }
        if (advanced.modelCalls() > 0) {
            long took = System.nanoTime() - begin;
            LOG.info("sync round {}: {} windows of partition {} took {} steps in {} batched calls, {} ms", round,
                    states.size(), task == null ? -1 : task.partitionId(), advanced.windowSteps(), advanced.modelCalls(),
                    took / 1_000_000);
            counters.denoiseNanos().add(took);
            counters.modelCalls().add(advanced.modelCalls());
            counters.windowSteps().add(advanced.windowSteps());
        }
        return advanced.states();
    }

    /** Writes a partition's states after job round {@code jobRound - 1}: one pack per film's round directory. */
    private void save(List<CoState> states, int jobRound) {
        long saving = System.nanoTime();
        Map<String, List<CoState>> byDir = new TreeMap<>();
        for (CoState s : states) {
            byDir.computeIfAbsent(roundDir(s.window(), s.window().shotRound(jobRound)), d -> new ArrayList<>()).add(s);
        }
        Storage area = Storage.open(settings.workDir());
        String pack = StateFiles.packOf(partitioner, states.get(0).key());
        byDir.forEach((dir, packed) -> StateFiles.writePack(area, dir + "/" + pack, packed));
        counters.checkpointNanos().add(System.nanoTime() - saving);
    }

    /** The pieces a finished window's clean latents give its segments, keyed by segment id. */
    public Iterator<Tuple2<Integer, WindowPiece>> pieces(CoState state) {
        int frameSize = state.x().length / state.window().task().length();
        return WindowSampling.pieces(state.window().task(), state.x(), frameSize, settings).iterator();
    }

    /** The model work of a round on some windows, after the task hook. */
    private CoDenoising.Advance advance(List<CoState> states, Map<Integer, Overlap> inbox, int round, Model model,
            Sampler sampler) {
        Map<Integer, String> names = new TreeMap<>();
        states.forEach(s -> names.put(s.window().task().film(), films.get(s.window().task().film())));
        TaskHook.installed().beforeSyncRound(round, names);
        return CoDenoising.advance(states, inbox, round, model, sampler, co);
    }

    /**
     * The films of a failed partition that fail when their windows are advanced alone: the
     * failure is theirs, and the other films of the partition go on in a retry of the job. All
     * the partition's films if none fails alone. Runs only after a failure.
     */
    private Set<Integer> failingFilms(List<CoState> states, Map<Integer, Overlap> inbox, int round, Model model,
            Sampler sampler) {
        Map<Integer, List<CoState>> byFilm = new TreeMap<>();
        states.forEach(s -> byFilm.computeIfAbsent(s.window().task().film(), f -> new ArrayList<>()).add(s));
        Set<Integer> failing = new TreeSet<>();
        if (byFilm.size() > 1) {
            byFilm.forEach((film, filmStates) -> {
                try {
                    advance(filmStates, inbox, round, model, sampler);
                } catch (RuntimeException e) {
                    failing.add(film);
                }
            });
        }
        return failing.isEmpty() ? byFilm.keySet() : failing;
    }

    /** Where the states of {@code w}'s film after its round {@code shotRound} are kept, relative to the work root. */
    private String roundDir(CoWindow w, int shotRound) {
        return FilmLayout.stateRound(stateDirs.get(w.task().film()), shotRound);
    }

    /**
     * The saved states of windows of one film in round directory {@code dir}, through the round's
     * index. A missing index or state fails the film: the round was not saved whole.
     */
    private List<CoState> readSaved(Storage area, String dir, Map<Integer, CoWindow> wanted, int jobRound) {
        Set<Integer> films = new TreeSet<>();
        wanted.values().forEach(w -> films.add(w.task().film()));
        Map<Integer, String> index = StateFiles.readIndex(area, FilmLayout.stateIndex(dir));
        Map<String, Map<Integer, CoWindow>> byPack = new TreeMap<>();
        for (Map.Entry<Integer, CoWindow> e : wanted.entrySet()) {
            String pack = index == null ? null : index.get(e.getKey());
            if (pack == null) {
                throw missing(films, jobRound, "window " + e.getKey() + " is not in the index of " + dir);
            }
            byPack.computeIfAbsent(pack, p -> new TreeMap<>()).put(e.getKey(), e.getValue());
        }
        List<CoState> out = new ArrayList<>();
        byPack.forEach((pack, windows) -> {
            Map<Integer, CoState> read = StateFiles.readPack(area, dir + "/" + pack, windows);
            if (read == null || read.size() != windows.size()) {
                throw missing(films, jobRound, "pack " + dir + "/" + pack + " lacks windows of " + windows.keySet());
            }
            out.addAll(read.values());
        });
        return out;
    }

    private static FilmTaskFailure missing(Set<Integer> films, int jobRound, String what) {
        return new FilmTaskFailure(films, "sync round " + jobRound,
                new IllegalStateException("saved window states are missing: " + what));
    }

    private static Iterator<Tuple2<Integer, CoState>> keyed(List<CoState> states) {
        List<Tuple2<Integer, CoState>> out = new ArrayList<>(states.size());
        for (CoState s : states) {
            out.add(new Tuple2<>(s.key(), s));
        }
        return out.iterator();
    }
}
