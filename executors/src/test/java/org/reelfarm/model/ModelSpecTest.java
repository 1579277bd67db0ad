package org.reelfarm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    static ModelSpec sample() {
        return new ModelSpec("m", "1", 4, 8, 2, 24, 32, 24, 16, 4, PredictionType.EPSILON,
                NoiseSchedule.cosine(1000), 20, "vocab.txt", 32, 16, 1, true);
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        ModelSpec spec = sample();
        assertEquals(spec, ModelSpec.fromJson(new ObjectMapper().readTree(spec.toJson())));
    }

    @Test
    void derivesFrameSizeAndLatentRate() {
        ModelSpec spec = sample();
        assertEquals(192, spec.frameHeight());
        assertEquals(256, spec.frameWidth());
        assertEquals(12.0, spec.latentFps());
    }

    @Test
    void rejectsOverlapNotSmallerThanWindow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelSpec("m", "1", 4, 8, 2,
                24, 32, 24, 16, 16, PredictionType.EPSILON, NoiseSchedule.cosine(1000), 20, "vocab.txt", 32, 16, 1, true));
        assertTrue(e.getMessage().contains("default_overlap must be >= 0 and smaller than window (16)"));
    }

    @Test
    void rejectsAVocabularyOutsideAssets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelSpec("m", "1", 4, 8, 2,
                24, 32, 24, 16, 4, PredictionType.EPSILON, NoiseSchedule.cosine(1000), 20, "../etc/passwd", 32, 16, 1, true));
        assertTrue(e.getMessage().contains("vocabulary must name a file inside assets/"));
    }

    @Test
    void namesAMissingKey() throws Exception {
        var json = new ObjectMapper().readTree("{\"name\": \"m\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.fromJson(json));
        assertEquals("\"noise_schedule\" is missing", e.getMessage());
    }

    @Test
    void cosineScheduleRunsFromCleanToNoise() {
        NoiseSchedule schedule = NoiseSchedule.cosine(1000);
        assertEquals(1.0, schedule.alphaBar(0), 1e-3);
        assertTrue(schedule.alphaBar(999) < 1e-3);
        assertTrue(schedule.alphaBar(300) > schedule.alphaBar(600));
    }
}
