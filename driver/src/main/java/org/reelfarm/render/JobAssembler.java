package org.reelfarm.render;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reelfarm.codenoise.CoSchedule;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.ingest.Script;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.FilmStore;
import org.reelfarm.storage.Storage;
import org.reelfarm.task.BatchTask;
import org.reelfarm.task.Checkpoints;
import org.reelfarm.task.SegmentResult;
import org.reelfarm.task.SegmentTask;

/**
 * Plans the Spark job of a render run: the segments of every film, the batches or co-denoised
 * windows still to denoise, and what an interrupted run (with {@code --resume}) or an earlier
 * attempt of the job (a retry after a film failed) left that can be kept. Readies each film's
 * work directory, or refuses leftovers the user did not ask to resume.
 */
final class JobAssembler {
    /**
     * What one Spark job renders: the films to render, the segments of every film of the run (ids
     * stay those of the first attempt) and the windows of the films to render; what it takes from
     * an interrupted run or an earlier attempt: finished segments, windows whose segments are all
     * finished, and co-denoised windows taken up from their saved state (and the steps they had).
     */
    record JobInput(List<FilmJob> films, List<SegmentTask> segments, List<BatchTask> batches,
            List<CoWindow> coWindows, List<SegmentResult> reused, int reusedWindows, int resumedWindows,
            long resumedSteps, boolean retry) {

        /** Film names by film index. */
        Map<Integer, String> names() {
            Map<Integer, String> out = new LinkedHashMap<>();
            films.forEach(f -> out.put(f.index(), f.name()));
            return out;
        }
    }

    private final RenderSettings settings;
    private final RenderPlanner planner;
    private final Strategy strategy;
    /** The co-denoising schedule; null unless the strategy is codenoise. */
    private final CoSchedule schedule;
    private final int steps;
    /** Window length in latent frames: the shared-noise period. */
    private final int window;
    private final FilmStore store;
    private final PrintStream console;

    JobAssembler(RenderSettings settings, RenderPlanner planner, FilmStore store, PrintStream console) {
        this.settings = settings;
        this.planner = planner;
        this.strategy = settings.strategy();
        this.schedule = strategy == Strategy.CODENOISE ? settings.schedule() : null;
        this.steps = settings.steps();
        this.window = settings.window();
        this.store = store;
        this.console = console;
    }

    /**
     * Plans the job of the given films (a film's index is its place in the list) but the {@code
     * excluded} ones (failed in an earlier attempt; a non-empty set makes this a retry). A film
     * enters {@code working} once its work directory is its own (to discard if the run fails).
     */
    JobInput assemble(List<PlannedFilm> plannedFilms, List<String> working, Set<Integer> excluded) {
        boolean retry = !excluded.isEmpty();
        ModelSpec spec = planner.spec();
        List<FilmJob> films = new ArrayList<>();
        List<SegmentTask> segments = new ArrayList<>();
        List<BatchTask> batches = new ArrayList<>();
        List<CoWindow> coWindows = new ArrayList<>();
        List<SegmentResult> reused = new ArrayList<>();
        int reusedWindows = 0;
        int resumedWindows = 0;
        long resumedSteps = 0;
        for (int i = 0; i < plannedFilms.size(); i++) {
            PlannedFilm planned = plannedFilms.get(i);
            Script script = planned.script();
            FilmPlan plan = planned.plan();
            List<SegmentTask> filmSegments = planner.segments(i, plan, script.name(), segments.size());
            FilmJob film = new FilmJob(i, planned, filmSegments, script.name());
            segments.addAll(filmSegments);
            if (excluded.contains(i)) {
                continue;
            }
            // Segments an interrupted run finished are kept; only windows that feed the others run.
            Set<Integer> done = new HashSet<>();
            boolean resuming = retry || prepareWork(script, planned.fingerprint());
            if (!working.contains(film.name())) {
                working.add(film.name()); // after prepareWork: a refused run leaves the leftovers alone
            }
            if (resuming) {
                Storage area = store.work();
                for (SegmentTask segment : filmSegments) {
                    SegmentResult kept = Checkpoints.readResult(area, segment);
                    if (kept != null) {
                        reused.add(kept);
                        done.add(segment.id());
                    }
                }
            }
            if (strategy == Strategy.CODENOISE) {
                Set<Integer> shots = new HashSet<>();
                filmSegments.stream().filter(sg -> !done.contains(sg.id())).forEach(sg -> shots.add(sg.shot()));
                List<CoWindow> chains = planner.chains(film, settings.seed(), coWindows.size(), shots);
                reusedWindows += plan.windows().size() - chains.size();
                int round = resuming ? WindowStates.savedRound(store, film.name(), chains) : 0;
                if (round > 0) {
                    chains = chains.stream().map(w -> w.resumedAt(round)).toList();
                    resumedWindows += chains.size();
                    for (CoWindow w : chains) {
                        resumedSteps += schedule.firstStep(w.position(), round);
                    }
                    console.printf("%s: resuming co-denoising after sync round %d: %d windows taken up from their"
                            + " saved state%n", script.name(), round, chains.size());
                }
                coWindows.addAll(chains);
            } else {
                for (BatchTask batch : planner.batches(film, settings.seed(), batches.size(),
                        strategy == Strategy.SHARED_NOISE, window)) {
                    if (Arrays.stream(batch.windows()).flatMap(w -> Arrays.stream(w.targets()))
                            .anyMatch(t -> !done.contains(t.segment()))) {
                        batches.add(batch);
                    } else {
                        reusedWindows += batch.windows().length;
                    }
                }
            }
            films.add(film);
            if (!retry) {
                console.printf("%s: %d shots, %.1f s, %d frames, %d windows in %d batches, %d model calls%n",
                        script.name(), script.shots().size(), plan.outputFrames() / (double) spec.fps(),
                        plan.outputFrames(), plan.windows().size(), plan.batches().size(), plan.modelCalls(steps));
            }
            if (!done.isEmpty()) {
                console.printf("%s: resuming: %d of %d segments were finished and are kept%n", script.name(),
                        done.size(), filmSegments.size());
            }
        }
        return new JobInput(films, segments, batches, coWindows, reused, reusedWindows, resumedWindows, resumedSteps,
                retry);
    }

    /**
     * Readies a film's work directory. Leftovers of an interrupted run with the same fingerprint
     * are kept with {@code --resume} (returns true); without it the run stops and says how to go
     * on, unless {@code --force} starts afresh.
     */
    private boolean prepareWork(Script script, RunFingerprint fingerprint) {
        String name = script.name();
        String left = store.readWork(name, FilmLayout.RESUME);
        String mine = fingerprint.text();
        if (left != null && !settings.force()) {
            if (!settings.resume()) {
                throw new UsageException(store.workLocation(name) + " holds an interrupted"
                        + " render of " + name + "; add --resume to finish it (finished work is kept) or --force to"
                        + " start afresh");
            }
            if (left.strip().equals(mine)) {
                return true;
            }
            console.printf("%s: the interrupted render had another input, model or settings; starting afresh%n", name);
        }
        store.prepareWork(name);
        store.writeWork(name, FilmLayout.RESUME, mine + "\n");
        return false;
    }
}
