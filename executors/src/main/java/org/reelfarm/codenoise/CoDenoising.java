package org.reelfarm.codenoise;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.model.Model;
import org.reelfarm.sampler.Sampler;
import org.reelfarm.sampler.WindowJob;
import org.reelfarm.task.WindowSampling;
import org.reelfarm.task.WindowTask;

/**
 * Co-denoising of the windows of a shot (`--strategy codenoise`): every window advances on the
 * {@link CoSchedule}; at each sync a window is conditioned ({@code cond_latents}/{@code
 * cond_mask}) on its left neighbour's latest clean estimate of their overlap, and its clean
 * estimate there is fused with the neighbour's by the blend weights before the sampler's update.
 * Without model conditioning only the fusion happens.
 *
 * <p>The functions here work on any subset of a job's windows (a Spark partition, or all of
 * them in one JVM, as the tests' {@code CoDenoisingReference} does); a window's result depends only on its own state and the overlaps it
 * receives, never on which windows share its partition or batch.
 */
public final class CoDenoising {

    /**
     * @param conditioning whether the model takes {@code cond_latents} (else fusion only)
     * @param maxBatch most windows per model call ({@code --batch}); the same call sizes whatever the
     *     partitioning keep results bit-identical (the reference model on CPU rounds differently
     *     at a batch of 8 than alone)
     */
    public record Settings(CoSchedule schedule, BlendProfile blend, int overlap, boolean conditioning, int maxBatch)
            implements Serializable {

        public Settings {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1");
            }
        }
    }

    /** The states after a round, and the batched model calls and window-steps it took. */
    public record Advance(List<CoState> states, int modelCalls, int windowSteps) {}

    private CoDenoising() {}

    /** Starting states: text contexts from one {@code encode_text} call, initial latents from the noise field. */
    public static List<CoState> start(List<CoWindow> windows, Model model, Sampler sampler) {
        if (windows.isEmpty()) {
            return List.of();
        }
        float[][] contexts = WindowSampling.contexts(model, windows.stream().map(CoWindow::task).toList());
        List<WindowJob> jobs = new ArrayList<>();
        for (int b = 0; b < contexts.length; b++) {
            jobs.add(windows.get(b).task().job(contexts[b]));
        }
        float[][] x = sampler.initialLatents(jobs);
        List<CoState> out = new ArrayList<>(windows.size());
        for (int b = 0; b < contexts.length; b++) {
            out.add(new CoState(windows.get(b), contexts[b], x[b], 0, null, null));
        }
        return out;
    }

    /**
     * Advances the given windows through sync round {@code round}. {@code inbox} holds, by window
     * key, the overlaps sent by left neighbours after the previous round. Windows whose schedule
     * has no step in this round are returned unchanged (apart from what they received). Returns
     * the new states in the order given.
     */
    public static Advance advance(List<CoState> states, Map<Integer, Overlap> inbox, int round, Model model,
            Sampler sampler, Settings settings) {
        CoSchedule schedule = settings.schedule();
        List<CoState> next = new ArrayList<>(states.size());
        // Windows of the same length go through the model together, each at its own step.
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (CoState state : states) {
            Overlap received = inbox.get(state.key());
            CoState s = received != null ? state.receive(received) : state;
            next.add(s.quiet());
            int j = s.window().position();
            int shotRound = s.window().shotRound(round);
            if (schedule.firstStep(j, shotRound) < schedule.endStep(j, shotRound)) {
                groups.computeIfAbsent(s.window().task().length(), k -> new ArrayList<>()).add(next.size() - 1);
            }
        }
        int calls = 0;
        int windowSteps = 0;
        for (List<Integer> group : groups.values()) {
            int[] counts = advanceGroup(next, group, round, model, sampler, settings);
            calls += counts[0];
            windowSteps += counts[1];
        }
        return new Advance(next, calls, windowSteps);
    }

    /** Advances one group through its steps of the round; returns {model calls, window-steps}. */
    private static int[] advanceGroup(List<CoState> states, List<Integer> group, int round, Model model,
            Sampler sampler, Settings settings) {
        CoSchedule schedule = settings.schedule();
        int frameSize = model.spec().latentFrameSize();
        int n = group.size();
        WindowJob[] jobs = new WindowJob[n];
        float[][] x = new float[n][];
        float[][] x0 = new float[n][];
        // A group holds windows of one length: one set of blend weights serves them all.
        float[] ownWeights = settings.blend().weights(states.get(group.get(0)).window().task().length(),
                settings.overlap());
        Overlap[] left = new Overlap[n];
        int[] from = new int[n];
        int[] to = new int[n];
        int ticks = 0;
        for (int b = 0; b < n; b++) {
            CoState s = states.get(group.get(b));
            WindowTask task = s.window().task();
            WindowJob job = task.job(s.context());
            left[b] = s.left();
            if (settings.conditioning() && left[b] != null) {
                float[] cond = new float[task.length() * frameSize];
                float[] mask = new float[task.length()];
                System.arraycopy(left[b].x0(), 0, cond, 0, left[b].x0().length);
                java.util.Arrays.fill(mask, 0, left[b].frames(), 1f);
                job = job.conditioned(cond, mask);
            }
            jobs[b] = job;
            x[b] = s.x().clone();
            from[b] = schedule.firstStep(s.window().position(), s.window().shotRound(round));
            to[b] = schedule.endStep(s.window().position(), s.window().shotRound(round));
            ticks = Math.max(ticks, to[b] - from[b]);
        }
        int calls = 0;
        int windowSteps = 0;
        for (int k = 0; k < ticks; k++) {
            List<Integer> ready = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                if (from[b] + k < to[b]) {
                    ready.add(b);
                }
            }
            for (int c = 0; c < ready.size(); c += settings.maxBatch()) {
                List<Integer> active = ready.subList(c, Math.min(ready.size(), c + settings.maxBatch()));
                calls++;
                windowSteps += active.size();
                int[] stepOf = new int[active.size()];
                List<WindowJob> batch = new ArrayList<>(active.size());
                float[][] xs = new float[active.size()][];
                for (int a = 0; a < active.size(); a++) {
                    int b = active.get(a);
                    stepOf[a] = from[b] + k;
                    batch.add(jobs[b]);
                    xs[a] = x[b];
                }
                float[][] estimates = sampler.step(model, stepOf, batch, xs,
                        (a, estimate) -> fuse(estimate, left[active.get(a)], ownWeights, frameSize));
                for (int a = 0; a < active.size(); a++) {
                    x0[active.get(a)] = estimates[a];
                }
            }
        }
        for (int b = 0; b < n; b++) {
            CoState s = states.get(group.get(b));
            CoWindow w = s.window();
            Overlap outgoing = null;
            if (w.rightKey() >= 0) {
                int offset = (int) (w.rightStart() - w.task().start());
                int frames = w.task().length() - offset;
                outgoing = new Overlap(w.rightStart(), frames,
                        java.util.Arrays.copyOfRange(x0[b], offset * frameSize, (offset + frames) * frameSize),
                        java.util.Arrays.copyOfRange(ownWeights, offset, offset + frames));
            }
            states.set(group.get(b), new CoState(w, s.context(), x[b], to[b], s.left(), outgoing));
        }
        return new int[] {calls, windowSteps};
    }

    /** Blends a window's clean estimate of its left overlap with the neighbour's, frame by frame, by blend weight. */
    static void fuse(float[] x0, Overlap left, float[] ownWeights, int frameSize) {
        if (left == null) {
            return;
        }
        for (int f = 0; f < left.frames(); f++) {
            float wl = left.weights()[f];
            float wo = ownWeights[f];
            float inv = 1f / (wl + wo);
            int base = f * frameSize;
            for (int k = 0; k < frameSize; k++) {
                x0[base + k] = (wl * left.x0()[base + k] + wo * x0[base + k]) * inv;
            }
        }
    }

    /**
     * Chains the windows of one shot, in order, giving them the job-wide keys {@code firstKey,
     * firstKey + 1, ...}.
     */
    public static List<CoWindow> chain(List<WindowTask> shot, int firstKey) {
        List<CoWindow> out = new ArrayList<>(shot.size());
        for (int j = 0; j < shot.size(); j++) {
            WindowTask task = shot.get(j);
            boolean hasLeft = j > 0;
            boolean hasRight = j + 1 < shot.size();
            out.add(new CoWindow(task, j, hasLeft ? shot.get(j - 1).window() : -1,
                    hasRight ? shot.get(j + 1).window() : -1, hasRight ? shot.get(j + 1).start() : -1, firstKey + j,
                    hasRight ? firstKey + j + 1 : -1, 0));
        }
        return out;
    }

    /**
     * Rounds this job needs for the given windows: set by the window that finishes last (the end
     * of the longest chain, less the rounds its shot had done before).
     */
    public static int rounds(List<CoWindow> windows, CoSchedule schedule) {
        int rounds = 0;
        for (CoWindow w : windows) {
            rounds = Math.max(rounds, schedule.rounds(w.position() + 1) - w.firstRound());
        }
        return rounds;
    }
}
