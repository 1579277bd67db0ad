package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.codenoise.CoDenoising;
import org.reelfarm.codenoise.CoSchedule;
import org.reelfarm.encode.VideoQuality;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.NoiseSchedule;
import org.reelfarm.model.PredictionType;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.sampler.SamplerKind;
import org.reelfarm.task.TaskSettings;

class RenderSettingsTest {
    private static final ModelSpec REFERENCE = ReferenceModel.spec(); // window 16, overlap 4, 20 steps, conditioning
    private static final String MODEL = "/models/reference";
    /** The reference model's 12 latent frames per second times the default 5-second segments. */
    private static final int SEGMENT_LATENT_FRAMES = 60;

    /** What {@code render lesson.md --out DIR} gives, before the model is known. */
    static RenderOptions defaults() {
        return options(Profile.PREVIEW, 0, null, 1, 1, null, null, BlendProfile.COSINE, null, SamplerKind.DDIM, 4, 5,
                false);
    }

    static RenderOptions options(Profile profile, long seed, Strategy strategy, int syncEvery, int stagger,
            Integer window, Integer overlap, BlendProfile blend, Integer steps, SamplerKind sampler, int batch,
            double segmentSeconds, boolean png) {
        return new RenderOptions(List.of("lesson.md"), "out", profile, seed, strategy, syncEvery, stagger, window,
                overlap, blend, steps, sampler, batch, segmentSeconds, "local[*]", "model", png, false, false,
                false, 3, 0, new RuntimeSettings(1, 0, ""), Map.of());
    }

    private static ModelSpec spec(int window, int overlap, boolean conditioning) {
        return new ModelSpec("test", "1", 4, 8, 2, 8, 8, 16, window, overlap, PredictionType.EPSILON,
                NoiseSchedule.cosine(1000), 20, "vocab.txt", 16, 12, 1, conditioning);
    }

    /** Pinned: a manifest's settings are its fingerprint, so existing films stay up to date. */
    @Test
    void aDefaultRenderOfTheReferenceModelRecordsTheSettingsManifestsHaveAlwaysRecorded() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("seed", 0L);
        expected.put("strategy", "codenoise");
        expected.put("sync_every", 1);
        expected.put("stagger", 1);
        expected.put("profile", "preview");
        expected.put("window", 16);
        expected.put("overlap", 4);
        expected.put("batch", 4);
        expected.put("blend", "cosine");
        expected.put("steps", 20);
        expected.put("sampler", "ddim");
        expected.put("segment_latent_frames", SEGMENT_LATENT_FRAMES);
        expected.put("crf", 23);
        expected.put("preset", "veryfast");
        expected.put("png", false);

        RenderSettings settings = RenderSettings.resolve(defaults(), REFERENCE, MODEL);

        assertRecorded(expected, settings.recorded(SEGMENT_LATENT_FRAMES));
        assertRecorded(expected, settings.fingerprinted(SEGMENT_LATENT_FRAMES));
    }

    @Test
    void aRenderWithEveryOptionSetRecordsTheSettingsManifestsHaveAlwaysRecorded() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("seed", 7L);
        expected.put("strategy", "codenoise");
        expected.put("sync_every", 2);
        expected.put("stagger", 3);
        expected.put("profile", "final");
        expected.put("window", 24);
        expected.put("overlap", 6);
        expected.put("batch", 2);
        expected.put("blend", "gaussian");
        expected.put("steps", 12);
        expected.put("sampler", "euler-ancestral");
        expected.put("segment_latent_frames", 24);
        expected.put("crf", 18);
        expected.put("preset", "medium");
        expected.put("png", true);

        RenderSettings settings = RenderSettings.resolve(options(Profile.FINAL, 7, Strategy.CODENOISE, 2, 3, 24, 6,
                BlendProfile.GAUSSIAN, 12, SamplerKind.EULER_ANCESTRAL, 2, 2, true), REFERENCE, MODEL);

        assertRecorded(expected, settings.recorded(24));
        assertRecorded(expected, settings.fingerprinted(24));
    }

    @Test
    void strategiesOtherThanCodenoiseRecordNoSyncOrStagger() {
        Map<String, Object> recorded = RenderSettings.resolve(options(Profile.DRAFT, 0, Strategy.SHARED_NOISE, 5, 5,
                null, null, BlendProfile.LINEAR, null, SamplerKind.DDIM, 4, 5, false), REFERENCE, MODEL).recorded(60);

        assertEquals(List.of("seed", "strategy", "profile", "window", "overlap", "batch", "blend", "steps", "sampler",
                "segment_latent_frames", "crf", "preset", "png"), List.copyOf(recorded.keySet()));
        assertEquals("shared-noise", recorded.get("strategy"));
        assertEquals(8, recorded.get("steps"), "the draft profile's steps");
        assertEquals(28, recorded.get("crf"));
    }

    /** Same keys, same values, and the same Java types (a Long seed, Integer counts) as before. */
    private static void assertRecorded(Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        assertEquals(expected, actual);
        expected.forEach((k, v) -> assertEquals(v.getClass(), actual.get(k).getClass(), k));
    }

    @Test
    void modelAndProfileDefaultsAreResolvedOnce() {
        RenderSettings settings = RenderSettings.resolve(defaults(), REFERENCE, MODEL);

        assertEquals(new PlanSettings(16, 4, 4), settings.planSettings());
        assertEquals(Strategy.CODENOISE, settings.strategy());
        assertEquals(20, settings.steps());
        assertEquals(VideoQuality.PREVIEW, settings.quality());
        assertEquals(new CoSchedule(20, 1, 1), settings.schedule());
        assertEquals(new CoDenoising.Settings(new CoSchedule(20, 1, 1), BlendProfile.COSINE, 4, true, 4),
                settings.coDenoising());
        assertEquals(new TaskSettings("/models/reference", new RuntimeSettings(1, 0, ""), SamplerKind.DDIM, 20,
                BlendProfile.COSINE, 4, VideoQuality.PREVIEW, false, "out/_work", true),
                settings.taskSettings("out/_work", true));
    }

    @Test
    void aModelWithoutConditioningDefaultsToSharedNoiseAndHasNoSchedule() {
        RenderSettings settings = RenderSettings.resolve(defaults(), spec(16, 4, false), MODEL);

        assertEquals(Strategy.SHARED_NOISE, settings.strategy());
        assertThrows(IllegalStateException.class, settings::schedule);
    }

    @Test
    void givenValuesOverrideTheModelDefaults() {
        assertEquals(new PlanSettings(24, 6, 2), RenderSettings.planSettings(spec(16, 4, true), 24, 6, 2));
        assertEquals(new PlanSettings(24, 4, 4), RenderSettings.planSettings(spec(16, 4, true), 24, null, 4));
    }

    @Test
    void aSmallWindowAloneGetsAQuarterOverlapWhenTheDefaultDoesNotFit() {
        assertEquals(new PlanSettings(4, 1, 4), RenderSettings.planSettings(spec(16, 4, true), 4, null, 4));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "16 | 16 | 4 | --overlap 16 must be smaller than --window 16; use --overlap 4",
        "8 | 12 | 4 | --overlap 12 must be smaller than --window 8; use --overlap 2",
        "1 | 0 | 4 | --window 1 must be at least 2 latent frames; use --window 2 or more (the model's default is usually best)",
        "16 | -1 | 4 | --overlap -1 must not be negative; use --overlap 4",
        "16 | 4 | 0 | --batch 0 must be at least 1; use --batch 4",
        "16 | 4 | 257 | --batch 257 must be at most 256; use --batch 4",
    })
    void rejectsPlanSettingsNamingTheOptionTheValueAndAValueThatWorks(int window, int overlap, int batch,
            String expected) {
        UsageException e = assertThrows(UsageException.class,
                () -> RenderSettings.planSettings(spec(16, 4, true), window, overlap, batch));

        assertEquals(expected, e.getMessage());
    }

    @Test
    void rejectsASyncLongerThanTheStepsForCodenoise() {
        RenderOptions options = options(Profile.PREVIEW, 0, Strategy.CODENOISE, 9, 1, null, null, BlendProfile.COSINE,
                8, SamplerKind.DDIM, 4, 5, false);

        UsageException e = assertThrows(UsageException.class, () -> RenderSettings.resolve(options, REFERENCE, MODEL));

        assertEquals("--sync-every 9 must be at most --steps 8; use --sync-every 1", e.getMessage());
    }

    @Test
    void rejectsAStaggerLongerThanTheStepsForCodenoise() {
        RenderOptions options = options(Profile.DRAFT, 0, null, 1, 9, null, null, BlendProfile.COSINE, null,
                SamplerKind.DDIM, 4, 5, false);

        UsageException e = assertThrows(UsageException.class, () -> RenderSettings.resolve(options, REFERENCE, MODEL));

        assertEquals("--stagger 9 must be at most --steps 8; use --stagger 1", e.getMessage());
    }

    @Test
    void ignoresSyncAndStaggerForOtherStrategies() {
        RenderOptions options = options(Profile.DRAFT, 0, Strategy.INDEPENDENT, 50, 50, null, null,
                BlendProfile.COSINE, null, SamplerKind.DDIM, 4, 5, false);

        assertEquals(Strategy.INDEPENDENT, RenderSettings.resolve(options, REFERENCE, MODEL).strategy());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 1 | 4 | 5 | 3 | --sync-every 0 must be at least 1; use --sync-every 1",
        "1 | -1 | 4 | 5 | 3 | --stagger -1 must not be negative; use --stagger 1",
        "1 | 1 | 0 | 5 | 3 | --batch 0 must be at least 1; use --batch 4",
        "1 | 1 | 4 | 0.1 | 3 | --segment-seconds 0.1 must be at least 0.5; use --segment-seconds 5",
        "1 | 1 | 4 | 601 | 3 | --segment-seconds 601 must be at most 600; use --segment-seconds 5",
        "1 | 1 | 4 | 5 | 101 | --max-retries 101 must be at most 100; use --max-retries 3",
        "1 | 1 | 4 | 5 | -1 | --max-retries -1 must not be negative; use --max-retries 3",
    })
    void rejectsOptionsBeforeTheModelIsLoaded(int syncEvery, int stagger, int batch, double segmentSeconds,
            int maxRetries, String expected) {
        UsageException e = assertThrows(UsageException.class, () -> new RenderOptions(List.of("a.md"), "out",
                Profile.PREVIEW, 0, null, syncEvery, stagger, null, null, BlendProfile.COSINE, null, SamplerKind.DDIM,
                batch, segmentSeconds, "local[*]", "model", false, false, false, false, maxRetries, 0,
                RuntimeSettings.cpu(), Map.of()));

        assertEquals(expected, e.getMessage());
    }

    @Test
    void rejectsZeroStepsSayingWhatWorks() {
        UsageException e = assertThrows(UsageException.class, () -> options(Profile.PREVIEW, 0, null, 1, 1, null, null,
                BlendProfile.COSINE, 0, SamplerKind.DDIM, 4, 5, false));

        assertEquals("--steps 0 must be at least 1; use --steps 1 or more (the profile's default is usually best)",
                e.getMessage());
    }

    @Test
    void thePlannersDefaultBatchIsTheTablesDefault() {
        assertEquals(String.valueOf(PlanSettings.DEFAULT_BATCH_SIZE), Setting.BATCH.defaultValue().value());
    }
}
