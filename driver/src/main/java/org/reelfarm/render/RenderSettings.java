package org.reelfarm.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.encode.VideoQuality;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.sampler.SamplerKind;

/**
 * Every setting of a render, parsed once from the command line, the profile and the model's
 * defaults. Immutable; what the manifest records.
 *
 * @param window window length in latent frames, or null for the model's default
 * @param overlap overlap in latent frames, or null for the model's default
 * @param steps sampling steps, or null for the profile's
 * @param segmentSeconds length of the MP4 segments encoded in parallel
 * @param strategy the long-video strategy, or null for the model's default ({@link Strategy#defaultFor})
 * @param syncEvery codenoise: steps between syncs, or null for the default
 * @param stagger codenoise: steps between the starts of neighbouring windows, or null for the default
 * @param sparkConf extra Spark settings (--conf key=value)
 */
public record RenderSettings(
        List<String> inputs,
        String out,
        Profile profile,
        long seed,
        Strategy strategy,
        Integer syncEvery,
        Integer stagger,
        Integer window,
        Integer overlap,
        BlendProfile blend,
        Integer steps,
        SamplerKind sampler,
        int batchSize,
        double segmentSeconds,
        String master,
        Path modelDir,
        boolean png,
        boolean strictVocab,
        boolean force,
        boolean resume,
        int maxRetries,
        RuntimeSettings runtime,
        Map<String, String> sparkConf) {

    public RenderSettings {
        inputs = List.copyOf(inputs);
        sparkConf = Map.copyOf(sparkConf);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("give at least one input file");
        }
        if (batchSize < 1 || batchSize > 256) {
            throw new IllegalArgumentException("--batch must be in [1, 256], got " + batchSize);
        }
        if (!(segmentSeconds >= 0.5 && segmentSeconds <= 600)) {
            throw new IllegalArgumentException("--segment-seconds must be in [0.5, 600], got " + segmentSeconds);
        }
        if (maxRetries < 0 || maxRetries > 100) {
            throw new IllegalArgumentException("--max-retries must be in [0, 100], got " + maxRetries);
        }
    }

    /** Codenoise defaults, measured with `./reelfarm bench seams` (see benchmarks/README.md). */
    public static final int DEFAULT_SYNC_EVERY = 1;
    public static final int DEFAULT_STAGGER = 1;

    public int syncEveryOrDefault() {
        return syncEvery != null ? syncEvery : DEFAULT_SYNC_EVERY;
    }

    public int staggerOrDefault() {
        return stagger != null ? stagger : DEFAULT_STAGGER;
    }

    /** As a record prints itself, but with credentials in {@code sparkConf} hidden. */
    @Override
    public String toString() {
        return "RenderSettings[inputs=" + inputs + ", out=" + out + ", profile=" + profile + ", seed=" + seed
                + ", strategy=" + strategy + ", syncEvery=" + syncEvery + ", stagger=" + stagger + ", window=" + window
                + ", overlap=" + overlap + ", blend=" + blend + ", steps=" + steps + ", sampler=" + sampler + ", batchSize=" + batchSize + ", segmentSeconds="
                + segmentSeconds + ", master=" + master + ", modelDir=" + modelDir + ", png=" + png + ", strictVocab="
                + strictVocab + ", force=" + force + ", resume=" + resume + ", maxRetries=" + maxRetries + ", runtime=" + runtime
                + ", sparkConf=" + Secrets.redact(sparkConf) + "]";
    }

    public int stepsFor(int modelDefault) {
        return steps != null ? steps : profile.steps(modelDefault);
    }

    public VideoQuality quality() {
        return profile.quality();
    }
}
