package org.reelfarm.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.Shot;
import org.reelfarm.model.ModelSpec;

/**
 * Lays a film's shots on a timeline of latent frames and cuts each shot into windows and batches.
 *
 * <p>Shot {@code i} gets {@code max(1, round(duration_i * spec.latentFps()))} latent frames,
 * starting where shot {@code i - 1} ends. Each shot is cut on its own: windows of {@code W}
 * latent frames every {@code W - O} frames, the last one aligned to the shot's end (so it may
 * share more than {@code O} frames with its left neighbour); a shot of at most {@code W} frames
 * is one window of its own length. Windows of equal length are grouped, in film order, into
 * batches of at most {@code batchSize}.
 *
 * <pre>{@code
 * FilmPlan plan = FilmPlanner.plan(script, spec, PlanSettings.defaults(spec));
 * long calls = plan.modelCalls(spec.defaultSteps());
 * }</pre>
 */
public final class FilmPlanner {

    private FilmPlanner() {}

    public static FilmPlan plan(Script script, ModelSpec spec, PlanSettings settings) {
        return plan(script.name(), script.shots(), spec, settings);
    }

    public static FilmPlan plan(String name, List<Shot> shots, ModelSpec spec, PlanSettings settings) {
        List<String> ids = new ArrayList<>(shots.size());
        List<Double> durations = new ArrayList<>(shots.size());
        for (Shot shot : shots) {
            ids.add(shot.id());
            durations.add(shot.durationSeconds());
        }
        return plan(name, ids, durations, spec, settings);
    }

    /** A plan from shot durations alone (capacity estimates); shots are named {@code shot-000}, ... */
    public static FilmPlan planDurations(String name, List<Double> shotDurations, ModelSpec spec,
            PlanSettings settings) {
        List<String> ids = new ArrayList<>(shotDurations.size());
        for (int i = 0; i < shotDurations.size(); i++) {
            ids.add(String.format("shot-%03d", i));
        }
        return plan(name, ids, shotDurations, spec, settings);
    }

    private static FilmPlan plan(String name, List<String> ids, List<Double> durations, ModelSpec spec,
            PlanSettings settings) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(settings, "settings");
        if (durations.isEmpty()) {
            throw new PlanException("film " + name + " has no shots; give it at least one shot");
        }
        List<ShotSpan> spans = timeline(name, ids, durations, spec);
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

    private static void cutIntoWindows(ShotSpan shot, PlanSettings settings, List<Window> out) {
        int w = settings.window();
        if (shot.length() <= w) {
            out.add(new Window(out.size(), shot.shotIndex(), shot.start(), shot.length()));
            return;
        }
        int offset = 0;
        while (offset + w < shot.length()) {
            out.add(new Window(out.size(), shot.shotIndex(), shot.start() + offset, w));
            offset += settings.stride();
        }
        // The last window ends exactly at the shot's end; it overlaps its neighbour by >= O.
        out.add(new Window(out.size(), shot.shotIndex(), shot.end() - w, w));
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
