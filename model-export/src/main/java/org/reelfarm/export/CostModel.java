package org.reelfarm.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.RuntimeSettings;

/**
 * Cost models: SavedModels that follow the contract and render exactly the reference model's
 * frames, but whose {@code denoise} also runs a transformer-shaped computation ({@link CostGraph})
 * dialled so that one window-step costs a chosen time on this machine. For benchmarks and the
 * capacity planner's calibration at realistic task lengths; not a video model, and its metadata
 * says so ({@code "kind": "cost-model"}, its name {@value #NAME}).
 *
 * <p>The depth is calibrated when the model is built: candidate depths are exported, loaded as a
 * render loads them (one intra-op thread) and timed at the render's default batch of
 * {@value #BATCH} windows; a line through the timings gives the depth for the target, and the
 * model of that depth is timed again and that figure recorded as {@code measured_step_ms}.
 *
 * <pre>{@code
 * CostModel.Result r = CostModel.export(Path.of("models/cost-100ms"), 100, "--step-ms 100", System.err);
 * }</pre>
 */
public final class CostModel {
    public static final String NAME = "reelfarm-cost-model";
    public static final String KIND = "cost-model";
    /** Windows per model call when timing: the render's default {@code --batch}. */
    static final int BATCH = 4;
    /** Token width: wide enough that attention, not op overhead, dominates a block. */
    static final int WIDTH = 64;
    static final int MAX_DEPTH = 400;
    static final long WEIGHT_SEED = 17L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CostModel() {}

    /**
     * What was built: the target and measured cost of one window-step (ms), the depth and width
     * chosen, and the timings of the candidate depths ({@code [depth, ms]}).
     */
    public record Result(double targetStepMs, double measuredStepMs, int depth, int width, List<double[]> calibration,
            String note) {}

    /** The spec of a cost model: the reference model's, under another name. */
    public static ModelSpec spec() {
        ModelSpec r = ReferenceModel.spec();
        return new ModelSpec(NAME, ReferenceModel.VERSION, r.latentChannels(), r.spatialFactor(), r.temporalStride(),
                r.latentHeight(), r.latentWidth(), r.fps(), r.window(), r.defaultOverlap(), r.prediction(),
                r.schedule(), r.defaultSteps(), r.vocabularyFile(), r.maxTokens(), r.contextDim(), r.decodeContext(),
                r.supportsConditioning());
    }

    /**
     * Calibrates and writes a cost model of {@code targetStepMs} per window-step to {@code dir}
     * (which must not exist or be empty); {@code source} says where the target came from (e.g.
     * {@code --step-ms 100} or a profile and its scaling) and goes into the metadata.
     */
    public static Result export(Path dir, double targetStepMs, String source, PrintStream log) {
        if (!(targetStepMs > 0) || Double.isInfinite(targetStepMs)) {
            throw new IllegalArgumentException("the step time must be more than 0 ms, got " + targetStepMs);
        }
        Path target = dir.toAbsolutePath().normalize();
        Path scratch;
        try {
            Files.createDirectories(target.getParent());
            scratch = Files.createTempDirectory(target.getParent(), ".cost-calibration-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a calibration directory next to " + target + ": "
                    + e.getMessage(), e);
        }
        try {
            List<double[]> points = new ArrayList<>();
            points.add(new double[] {1, time(scratch, 1, log)});
            points.add(new double[] {4, time(scratch, 4, log)});
            int depth = fit(points, targetStepMs);
            double measured = depth == 1 ? points.get(0)[1] : depth == 4 ? points.get(1)[1] : time(scratch, depth, log);
            if (depth != 1 && depth != 4) {
                points.add(new double[] {depth, measured});
            }
            for (int tries = 0; tries < 3 && Math.abs(measured - targetStepMs) > 0.1 * targetStepMs
                    && depth > 1 && depth < MAX_DEPTH; tries++) {
                // The line from shallow depths misses a deep model: refit through the points either side.
                int refit = fit(bracket(points, targetStepMs), targetStepMs);
                if (refit == depth || measuredAt(points, refit)) {
                    break;
                }
                depth = refit;
                measured = time(scratch, depth, log);
                points.add(new double[] {depth, measured});
            }
            double[] best = points.stream()
                    .min((p, q) -> Double.compare(Math.abs(p[1] - targetStepMs), Math.abs(q[1] - targetStepMs))).orElseThrow();
            depth = (int) best[0];
            measured = best[1];
            String note = note(points, targetStepMs, depth, measured);
            Result result = new Result(targetStepMs, measured, depth, WIDTH, List.copyOf(points), note);
            write(target, depth, metadata(result, source));
            return result;
        } finally {
            ReferenceModel.deleteRecursively(scratch);
        }
    }

    /** Depth whose fitted cost is {@code targetMs}: a line through the first and last point. */
    static int fit(List<double[]> points, double targetMs) {
        double[] a = points.get(0);
        double[] b = points.get(points.size() - 1);
        double slope = (b[1] - a[1]) / (b[0] - a[0]);
        if (!(slope > 0)) {
            return (int) a[0];
        }
        double depth = a[0] + (targetMs - a[1]) / slope;
        return (int) Math.max(1, Math.min(MAX_DEPTH, Math.round(depth)));
    }

    private static boolean measuredAt(List<double[]> points, int depth) {
        return points.stream().anyMatch(p -> p[0] == depth);
    }

    /**
     * The two points to refit through, by depth: the dearest one below the target and the
     * cheapest one above it, so the line brackets the target; the two nearest in cost when all
     * points lie on one side. (The two nearest alone can both sit below a target that an overshoot
     * lies far above, and the refit then lands on the overshoot again.)
     */
    static List<double[]> bracket(List<double[]> points, double targetMs) {
        double[] below = points.stream().filter(p -> p[1] <= targetMs).max(Comparator.comparingDouble(p -> p[1]))
                .orElse(null);
        double[] above = points.stream().filter(p -> p[1] > targetMs).min(Comparator.comparingDouble(p -> p[1]))
                .orElse(null);
        List<double[]> two;
        if (below != null && above != null) {
            two = new ArrayList<>(List.of(below, above));
        } else {
            List<double[]> sorted = new ArrayList<>(points);
            sorted.sort(Comparator.comparingDouble(p -> Math.abs(p[1] - targetMs)));
            two = new ArrayList<>(sorted.subList(0, 2));
        }
        two.sort(Comparator.comparingDouble(p -> p[0]));
        return two;
    }

    private static String note(List<double[]> points, double targetMs, int depth, double measured) {
        if (depth == 1 && measured > targetMs * 1.1) {
            return String.format(java.util.Locale.ROOT, "the target %.1f ms is below the cost of one block"
                    + " (%.1f ms) on this machine: built with one block", targetMs, measured);
        }
        if (depth == MAX_DEPTH && measured < targetMs * 0.9) {
            return "the target needs more than " + MAX_DEPTH + " blocks: built with " + MAX_DEPTH;
        }
        return String.format(java.util.Locale.ROOT, "%d blocks of width %d measured %.1f ms per window-step"
                + " (target %.1f ms)", depth, WIDTH, measured, targetMs);
    }

    /** Writes a cost model of {@code depth} blocks with the given metadata. */
    static void write(Path dir, int depth, String metadata) {
        ModelSpec spec = spec();
        ReferenceModel.write(dir, spec, (tf, reference) -> new CostGraph(tf, spec, depth, WIDTH, WEIGHT_SEED)
                .gate(reference.latents(), reference.timestep(), reference.context(), reference.prediction()), metadata);
    }

    /** Exports a model of {@code depth} blocks into {@code scratch} and returns its ms per window-step. */
    static double time(Path scratch, int depth, PrintStream log) {
        Path candidate = scratch.resolve("depth-" + depth);
        ReferenceModel.deleteRecursively(candidate);
        write(candidate, depth, spec().toJson());
        try (Model model = Model.load(candidate, RuntimeSettings.cpu())) {
            double ms = stepMs(model, BATCH);
            if (log != null) {
                log.printf(java.util.Locale.ROOT, "cost model: %d blocks -> %.1f ms per window-step%n", depth, ms);
            }
            return ms;
        } finally {
            ReferenceModel.deleteRecursively(candidate);
        }
    }

    /**
     * Median milliseconds per window-step of {@code model}: one denoise call of {@code batch}
     * full windows of random latents, divided by {@code batch}; after two warm-up calls, over at
     * least five calls and about a second.
     */
    public static double stepMs(Model model, int batch) {
        ModelSpec s = model.spec();
        int frames = s.window();
        Random random = new Random(7);
        float[] latents = new float[batch * frames * s.latentFrameSize()];
        for (int i = 0; i < latents.length; i++) {
            latents[i] = (float) random.nextGaussian();
        }
        float[] timesteps = new float[batch];
        Arrays.fill(timesteps, s.schedule().trainSteps() / 2f);
        int[][] tokens = new int[batch][s.maxTokens()];
        float[][] contexts = model.encodeText(tokens);
        for (int i = 0; i < 2; i++) {
            model.denoise(latents, batch, frames, timesteps, contexts, null, null);
        }
        List<Double> samples = new ArrayList<>();
        long start = System.nanoTime();
        while (samples.size() < 5 || (System.nanoTime() - start < 1_000_000_000L && samples.size() < 50)) {
            long t0 = System.nanoTime();
            model.denoise(latents, batch, frames, timesteps, contexts, null, null);
            samples.add((System.nanoTime() - t0) / 1e6 / batch);
        }
        samples.sort(Double::compare);
        return samples.get(samples.size() / 2);
    }

    private static String metadata(Result r, String source) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(spec().toJson());
            root.put("kind", KIND);
            ObjectNode cost = root.putObject("cost_model");
            cost.put("about", "a cost model, not a video model: it renders the reference model's frames and on top"
                    + " runs a transformer-shaped computation with fixed pseudo-random weights, dialled to a cost per"
                    + " window-step on the machine that built it");
            cost.put("source", source);
            cost.put("target_step_ms", round(r.targetStepMs()));
            cost.put("measured_step_ms", round(r.measuredStepMs()));
            cost.put("timed_batch", BATCH);
            cost.put("depth", r.depth());
            cost.put("width", r.width());
            cost.put("patch", CostGraph.PATCH);
            cost.put("tokens_per_window", CostGraph.tokens(spec(), spec().window()));
            cost.put("note", r.note());
            ArrayNode cal = cost.putArray("calibration");
            for (double[] p : r.calibration()) {
                cal.addObject().put("depth", (int) p[0]).put("step_ms", round(p[1]));
            }
            cost.put("machine_cores", Runtime.getRuntime().availableProcessors());
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
