package org.reelfarm.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoSchedule;
import org.reelfarm.encode.VideoQuality;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.sampler.SamplerKind;
import org.reelfarm.task.TaskSettings;

/**
 * Every setting of a render, resolved once: the command line's {@link RenderOptions} over the
 * profile's and the model's defaults, checked against {@link Setting}. Immutable and without
 * nulls. The planner's, the tasks' and co-denoising's settings, the manifest's settings and the
 * fingerprint are all derived from it, never resolved again.
 *
 * <pre>{@code
 * RenderSettings settings = RenderSettings.resolve(options, model.spec(), options.modelDir());
 * FilmPlan plan = FilmPlanner.plan(script, model.spec(), settings.planSettings());
 * }</pre>
 *
 * @param modelDir the model: an absolute local directory, or a Hadoop URI each executor copies (s3a://...)
 * @param conditioning whether the model takes conditioning ({@code cond_latents})
 * @param syncEvery codenoise: steps between syncs (recorded only for codenoise)
 * @param stagger codenoise: steps between the starts of neighbouring windows (recorded only for codenoise)
 */
public record RenderSettings(
        List<String> inputs,
        String out,
        Profile profile,
        long seed,
        Strategy strategy,
        int syncEvery,
        int stagger,
        int window,
        int overlap,
        BlendProfile blend,
        int steps,
        SamplerKind sampler,
        int batchSize,
        double segmentSeconds,
        String master,
        String modelDir,
        boolean conditioning,
        boolean png,
        boolean strictVocab,
        boolean force,
        boolean resume,
        int maxRetries,
        int maxInFlight,
        RuntimeSettings runtime,
        Map<String, String> sparkConf) {

    public RenderSettings {
        inputs = List.copyOf(inputs);
        sparkConf = Map.copyOf(sparkConf);
    }

    /**
     * The settings of a render of {@code options} with the model whose spec and directory are
     * given: the strategy from {@link Strategy#defaultFor}, window and overlap from the model,
     * steps from the profile. Throws {@link UsageException} for a value that does not fit the
     * model (an overlap not smaller than the window, a codenoise sync or stagger longer than the
     * steps).
     */
    public static RenderSettings resolve(RenderOptions options, ModelSpec spec, String modelDir) {
        PlanSettings plan = planSettings(spec, options.window(), options.overlap(), options.batchSize());
        int steps = steps(options.steps(), options.profile(), spec);
        Strategy strategy = options.strategy() != null ? options.strategy()
                : Strategy.defaultFor(spec.supportsConditioning());
        if (strategy == Strategy.CODENOISE) {
            Setting.SYNC_EVERY.check(options.syncEvery(), steps, 1);
            Setting.STAGGER.check(options.stagger(), steps, 1);
        }
        return new RenderSettings(options.inputs(), options.out(), options.profile(), options.seed(), strategy,
                options.syncEvery(), options.stagger(), plan.window(), plan.overlap(), options.blend(), steps,
                options.sampler(), plan.batchSize(), options.segmentSeconds(), options.master(), modelDir,
                spec.supportsConditioning(), options.png(), options.strictVocab(), options.force(), options.resume(),
                options.maxRetries(), options.maxInFlight(), options.runtime(), options.sparkConf());
    }

    /**
     * Window, overlap and batch size from optional user values ({@code null} = not given) over the
     * model's defaults. When only the window is given and the model's default overlap does not fit
     * in it, the overlap becomes a quarter of the window, so {@code --window 4} alone still plans.
     */
    public static PlanSettings planSettings(ModelSpec spec, Integer window, Integer overlap, int batchSize) {
        int w = window != null ? checkWindow(window) : spec.window();
        int o;
        if (overlap != null) {
            o = Setting.OVERLAP.check(overlap, w, suggestedOverlap(w));
        } else if (spec.defaultOverlap() < w) {
            o = spec.defaultOverlap();
        } else {
            o = suggestedOverlap(w);
        }
        return new PlanSettings(w, o, Setting.BATCH.check(batchSize));
    }

    /** Sampling steps: {@code steps} if given, else the profile's for the model. */
    public static int steps(Integer steps, Profile profile, ModelSpec spec) {
        return steps != null ? checkSteps(steps) : profile.steps(spec.defaultSteps());
    }

    static int checkWindow(int window) {
        return Setting.WINDOW.check(window, "2 or more (the model's default is usually best)");
    }

    static int checkSteps(int steps) {
        return Setting.STEPS.check(steps, "1 or more (the profile's default is usually best)");
    }

    private static int suggestedOverlap(int window) {
        return Math.max(0, window / 4);
    }

    public PlanSettings planSettings() {
        return new PlanSettings(window, overlap, batchSize);
    }

    public VideoQuality quality() {
        return profile.quality();
    }

    /** The co-denoising schedule; only for the codenoise strategy. */
    public CoSchedule schedule() {
        if (strategy != Strategy.CODENOISE) {
            throw new IllegalStateException("the " + strategy.cliName() + " strategy has no co-denoising schedule");
        }
        return new CoSchedule(steps, syncEvery, stagger);
    }

    /** Co-denoising's settings; only for the codenoise strategy. */
    public CoDenoising.Settings coDenoising() {
        return new CoDenoising.Settings(schedule(), blend, overlap, conditioning, batchSize);
    }

    /**
     * What the tasks need.
     *
     * @param workRoot the output store's work area
     * @param resume whether batches take the pieces an earlier run or attempt left in the work area
     */
    public TaskSettings taskSettings(String workRoot, boolean resume) {
        return new TaskSettings(modelDir, runtime, sampler, steps, blend, overlap, quality(), png, workRoot,
                resume);
    }

    /**
     * The settings a film's {@code manifest.json} records. Keys, values and value types are those
     * manifests have always recorded: a committed film is up to date only if they match.
     *
     * @param segmentLatentFrames latent frames per encoded segment, as the planner cuts them
     */
    public Map<String, Object> recorded(int segmentLatentFrames) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", seed);
        out.put("strategy", strategy.cliName());
        if (strategy == Strategy.CODENOISE) {
            out.put("sync_every", syncEvery);
            out.put("stagger", stagger);
        }
        out.put("profile", profile.cliName());
        out.put("window", window);
        out.put("overlap", overlap);
        out.put("batch", batchSize);
        out.put("blend", blend.cliName());
        out.put("steps", steps);
        out.put("sampler", sampler.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.put("segment_latent_frames", segmentLatentFrames);
        out.put("crf", quality().crf());
        out.put("preset", quality().preset());
        out.put("png", png);
        return out;
    }

    /**
     * The settings of a {@link RunFingerprint}: those that decide what a render makes, so a film
     * rendered with the same input, model and these settings is the same film. The frames are
     * decided by the seed, the strategy (and for codenoise its sync and stagger), window, overlap,
     * batch (a model call's batch size changes its rounding), blend, steps and sampler; the files
     * by the segment length, the encoder's crf and preset (from the profile) and whether PNG
     * frames are written. The other settings (master, retries, threads, GPUs, Spark settings,
     * resume, force) change how a render runs, never what it makes. Today these are exactly the
     * {@linkplain #recorded recorded} settings, so a manifest's settings are its fingerprint.
     */
    public Map<String, Object> fingerprinted(int segmentLatentFrames) {
        return recorded(segmentLatentFrames);
    }

    /** As a record prints itself, but with credentials in {@code sparkConf} hidden. */
    @Override
    public String toString() {
        return "RenderSettings[inputs=" + inputs + ", out=" + out + ", profile=" + profile + ", seed=" + seed
                + ", strategy=" + strategy + ", syncEvery=" + syncEvery + ", stagger=" + stagger + ", window=" + window
                + ", overlap=" + overlap + ", blend=" + blend + ", steps=" + steps + ", sampler=" + sampler
                + ", batchSize=" + batchSize + ", segmentSeconds=" + segmentSeconds + ", master=" + master
                + ", modelDir=" + modelDir + ", conditioning=" + conditioning + ", png=" + png + ", strictVocab="
                + strictVocab + ", force=" + force + ", resume=" + resume + ", maxRetries=" + maxRetries + ", maxInFlight=" + maxInFlight
                + ", runtime=" + runtime + ", sparkConf=" + Secrets.redact(sparkConf) + "]";
    }
}
