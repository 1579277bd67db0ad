package org.reelfarm.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reelfarm.model.ModelSpec;

/**
 * The plan settings' own invariants. The user's values are resolved and checked, with messages
 * naming the options, in {@code render.RenderSettings} (see {@code RenderSettingsTest}).
 */
class PlanSettingsTest {

    private static final ModelSpec SPEC = TestSpecs.spec(); // window 16, overlap 4

    @Test
    void defaultsComeFromTheModel() {
        assertEquals(new PlanSettings(16, 4, 4), PlanSettings.defaults(SPEC));
    }

    @ParameterizedTest
    @CsvSource({"1, 0, 4", "16, -1, 4", "16, 16, 4", "8, 12, 4", "16, 4, 0"})
    void rejectsSettingsThatCannotPlan(int window, int overlap, int batchSize) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlanSettings(window, overlap, batchSize));

        assertEquals("plan settings need window >= 2, 0 <= overlap < window and batchSize >= 1, got window " + window
                + ", overlap " + overlap + ", batchSize " + batchSize, e.getMessage());
    }

    @Test
    void strideIsWindowMinusOverlap() {
        assertEquals(12, new PlanSettings(16, 4, 4).stride());
    }
}
