package org.reelfarm.plan;

import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.NoiseSchedule;
import org.reelfarm.model.PredictionType;

/** Model specs for planner tests: no model directory needed. */
final class TestSpecs {
    private TestSpecs() {}

    /** 16 fps, temporal stride 2 (8 latent frames per second), window 16, overlap 4. */
    static ModelSpec spec() {
        return spec(16, 2, 16, 4);
    }

    static ModelSpec spec(int fps, int temporalStride, int window, int overlap) {
        return new ModelSpec("test", "1", 4, 8, temporalStride, 8, 8, fps, window, overlap,
                PredictionType.EPSILON, NoiseSchedule.cosine(1000), 20, "vocab.txt", 16, 12, 1, true);
    }
}
