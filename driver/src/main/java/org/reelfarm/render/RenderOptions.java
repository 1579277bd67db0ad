package org.reelfarm.render;

import java.util.List;
import java.util.Map;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.sampler.SamplerKind;

/**
 * The settings of a render as the command line gives them, before the model is known: a null
 * {@code strategy}, {@code window}, {@code overlap} or {@code steps} means "the default", which
 * depends on the model or the profile. {@link RenderSettings#resolve} turns them into the
 * resolved settings a render uses. The settings that need no model are checked here, against
 * {@link Setting}, so a mistake is reported before the model loads.
 *
 * @param sparkConf extra Spark settings (--conf key=value)
 */
public record RenderOptions(
        List<String> inputs,
        String out,
        Profile profile,
        long seed,
        Strategy strategy,
        int syncEvery,
        int stagger,
        Integer window,
        Integer overlap,
        BlendProfile blend,
        Integer steps,
        SamplerKind sampler,
        int batchSize,
        double segmentSeconds,
        String master,
        String modelDir,
        boolean png,
        boolean strictVocab,
        boolean force,
        boolean resume,
        int maxRetries,
        int maxInFlight,
        RuntimeSettings runtime,
        Map<String, String> sparkConf) {

    public RenderOptions {
        inputs = List.copyOf(inputs);
        sparkConf = Map.copyOf(sparkConf);
        if (inputs.isEmpty()) {
            throw new UsageException("give at least one input file");
        }
        Setting.SYNC_EVERY.check(syncEvery);
        Setting.STAGGER.check(stagger);
        if (window != null) {
            RenderSettings.checkWindow(window);
        }
        if (steps != null) {
            RenderSettings.checkSteps(steps);
        }
        Setting.BATCH.check(batchSize);
        Setting.SEGMENT_SECONDS.check(segmentSeconds);
        Setting.MAX_RETRIES.check(maxRetries);
        Setting.MAX_IN_FLIGHT.check(maxInFlight);
    }

    /** As a record prints itself, but with credentials in {@code sparkConf} hidden. */
    @Override
    public String toString() {
        return "RenderOptions[inputs=" + inputs + ", out=" + out + ", profile=" + profile + ", seed=" + seed
                + ", strategy=" + strategy + ", syncEvery=" + syncEvery + ", stagger=" + stagger + ", window=" + window
                + ", overlap=" + overlap + ", blend=" + blend + ", steps=" + steps + ", sampler=" + sampler
                + ", batchSize=" + batchSize + ", segmentSeconds=" + segmentSeconds + ", master=" + master
                + ", modelDir=" + modelDir + ", png=" + png + ", strictVocab=" + strictVocab + ", force=" + force
                + ", resume=" + resume + ", maxRetries=" + maxRetries + ", maxInFlight=" + maxInFlight + ", runtime=" + runtime
                + ", sparkConf=" + Secrets.redact(sparkConf) + "]";
    }
}
