package org.reelfarm.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.Shot;
import org.reelfarm.ingest.Transition;
import org.reelfarm.model.ModelSpec;

/**
 * Lays a film's shots on a timeline of latent frames and cuts each shot into windows and batches.
 *
 * <p>Shot {@code i} gets {@code max(1, round(duration_i * spec.latentFps()))} latent frames,
 * starting where shot {@code i - 1} ends. Each shot is cut on its own: windows of {@code W}
 * latent frames every {@code W - O} frames, the last one aligned to the shot's end (so it may
 * share more than {@code O} frames with its left neighbour); a shot of at most {@code W} frames
 * is one window of its own length. Where a shot dissolves into the next (crossfade), both shots'
 * windows reach into the other's frames by half the crossfade; the segments there blend the two
 * with weights ramping across it. Windows of equal length are grouped, in film order, into
 * batches of at most {@code batchSize}.
 *
 * <pre>{@code
 * FilmPlan plan = FilmPlanner.plan(script, spec, PlanSettings.defaults(spec));
 * long calls = plan.modelCalls(spec.defaultSteps());
 * }</pre>
 */
public final class FilmPlanner {
    /** Length of a crossfade (dissolve) between two shots. */
    public static final double CROSSFADE_SECONDS = 1.0;
    /** Length of each half of a fade: to black, then from black. */
    public static final double FADE_SECONDS = 0.5;

    private FilmPlanner() {}

    public static FilmPlan plan(Script script, ModelSpec spec, PlanSettings settings) {
        return plan(script.name(), script.shots(), spec, settings);
    }

    public static FilmPlan plan(String name, List<Shot> shots, ModelSpec spec, PlanSettings settings) {
        List<String> ids = new ArrayList<>(shots.size());
        List<Double> durations = new ArrayList<>(shots.size());
        List<Transition> transitions = new ArrayList<>(shots.size());
        for (Shot shot : shots) {
            ids.add(shot.id());
            durations.add(shot.durationSeconds());
            transitions.add(shot.transition());
        }
        return plan(name, ids, durations, transitions, spec, settings);
    }

    /** A plan from shot durations alone (capacity estimates); shots are named {@code shot-000}, ... */
    public static FilmPlan planDurations(String name, List<Double> shotDurations, ModelSpec spec,
            PlanSettings settings) {
        List<String> ids = new ArrayList<>(shotDurations.size());
        for (int i = 0; i < shotDurations.size(); i++) {
            ids.add(String.format("shot-%03d", i));
        }
        return plan(name, ids, shotDurations, java.util.Collections.nCopies(ids.size(), Transition.CUT), spec, settings);
    }

    private static FilmPlan plan(String name, List<String> ids, List<Double> durations, List<Transition> transitions,
            ModelSpec spec, PlanSettings settings) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(settings, "settings");
        if (durations.isEmpty()) {
            throw new PlanException("film " + name + " has no shots; give it at least one shot");
        }
        List<ShotSpan> spans = transitions(timeline(name, ids, durations, spec), transitions, spec);
        List<Window> windows = new ArrayList<>();
        for (ShotSpan span : spans) {
            cutIntoWindows(span, settings, windows);
        }
        int latentFrames = spans.get(spans.size() - 1).end();
        int outputFrames = latentFrames * spec.temporalStride(); // bounded in timeline()
        return new FilmPlan(name, spans, windows, batches(windows, settings.batchSize()), latentFrames, outputFrames);
    }

    private static List<ShotSpan> timeline(String name, List<String> ids, List<Double> durations, ModelSpec spec) {
        long maxLatentFrames = Integer.MAX_VALUE / spec.temporalStride();
        List<ShotSpan> spans = new ArrayList<>(durations.size());
        long start = 0;
        for (int i = 0; i < durations.size(); i++) {
            Double seconds = durations.get(i);
            if (seconds == null || !(seconds > 0) || seconds.isInfinite()) {
                throw new PlanException("film " + name + ": shot " + i + " has duration " + seconds
                        + " s; give every shot a finite duration greater than 0");
            }
            long frames = Math.max(1, Math.round(seconds * spec.latentFps()));
            if (start + frames > maxLatentFrames) {
                throw new PlanException("film " + name + " is too long to plan: more than " + maxLatentFrames
                        + " latent frames by shot " + i + "; split the script into several films");
            }
            spans.add(new ShotSpan(i, ids.get(i), (int) start, (int) frames));
            start += frames;
        }
        return spans;
    }

    /**
     * Sets the transition lengths: a crossfade is {@link #CROSSFADE_SECONDS} centred on the cut
     * (both shots' windows reach half of it into the other shot); a fade is {@link #FADE_SECONDS}
     * to black at the end of the earlier shot and as long from black in the later one. Each is
     * capped at half of the shorter shot.
     */
    private static List<ShotSpan> transitions(List<ShotSpan> spans, List<Transition> transitions, ModelSpec spec) {
        int[] crossIn = new int[spans.size()];
        int[] crossOut = new int[spans.size()];
        int[] fadeIn = new int[spans.size()];
        int[] fadeOut = new int[spans.size()];
        for (int i = 1; i < spans.size(); i++) {
            int cap = Math.min(spans.get(i - 1).length(), spans.get(i).length()) / 2;
            switch (transitions.get(i)) {
                case CROSSFADE -> {
                    int half = Math.min(cap, (int) Math.round(CROSSFADE_SECONDS / 2 * spec.latentFps()));
                    crossIn[i] = half;
                    crossOut[i - 1] = half;
                }
                case FADE -> {
                    int fade = Math.min(cap, (int) Math.round(FADE_SECONDS * spec.latentFps()));
                    fadeIn[i] = fade;
                    fadeOut[i - 1] = fade;
                }
                case CUT -> { }
            }
        }
        List<ShotSpan> out = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            ShotSpan s = spans.get(i);
            out.add(new ShotSpan(s.shotIndex(), s.shotId(), s.start(), s.length(), crossIn[i], crossOut[i], fadeIn[i],
                    fadeOut[i]));
        }
        return out;
    }

    /** Windows over the frames the shot renders: its own, and those it dissolves over with its neighbours. */
    private static void cutIntoWindows(ShotSpan shot, PlanSettings settings, List<Window> out) {
        int w = settings.window();
        int length = shot.renderEnd() - shot.renderStart();
        if (length <= w) {
            out.add(new Window(out.size(), shot.shotIndex(), shot.renderStart(), length));
            return;
        }
        int offset = 0;
        while (offset + w < length) {
            out.add(new Window(out.size(), shot.shotIndex(), shot.renderStart() + offset, w));
            offset += settings.stride();
        }
        // The last window ends exactly at the shot's end; it overlaps its neighbour by >= O.
        out.add(new Window(out.size(), shot.shotIndex(), shot.renderEnd() - w, w));
    }

    private static List<Batch> batches(List<Window> windows, int batchSize) {
        // Group by length in film order; a group fills batches one after another.
        Map<Integer, List<Integer>> open = new LinkedHashMap<>();
        List<List<Integer>> full = new ArrayList<>();
        for (Window window : windows) {
            List<Integer> batch = open.computeIfAbsent(window.length(), k -> new ArrayList<>());
            batch.add(window.index());
            if (batch.size() == batchSize) {
                full.add(batch);
                open.remove(window.length());
            }
        }
        full.addAll(open.values());
        full.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
        List<Batch> batches = new ArrayList<>(full.size());
        for (List<Integer> indices : full) {
            batches.add(new Batch(batches.size(), windows.get(indices.get(0)).length(), indices));
        }
        return batches;
    }
}
