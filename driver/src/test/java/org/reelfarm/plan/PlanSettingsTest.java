package org.reelfarm.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reelfarm.model.ModelSpec;

class PlanSettingsTest {

    private static final ModelSpec SPEC = TestSpecs.spec(); // window 16, overlap 4

    @Test
    void defaultsComeFromTheModel() {
        assertEquals(new PlanSettings(16, 4, 4), PlanSettings.defaults(SPEC));
    }

    @Test
    void givenValuesOverrideTheModelDefaults() {
        assertEquals(new PlanSettings(24, 6, 2), PlanSettings.of(SPEC, 24, 6, 2));
        assertEquals(new PlanSettings(24, 4, 4), PlanSettings.of(SPEC, 24, null, null));
    }

    @Test
    void aSmallWindowAloneGetsAQuarterOverlapWhenTheDefaultDoesNotFit() {
        assertEquals(new PlanSettings(4, 1, 4), PlanSettings.of(SPEC, 4, null, null));
    }

    @Test
    void rejectsOverlapEqualToWindowSayingWhatToUse() {
        PlanException e = assertThrows(PlanException.class, () -> new PlanSettings(16, 16, 4));

        assertEquals("--overlap 16 must be smaller than --window 16; use --overlap 4", e.getMessage());
    }

    @Test
    void rejectsOverlapLargerThanWindow() {
        PlanException e = assertThrows(PlanException.class, () -> PlanSettings.of(SPEC, 8, 12, null));

        assertEquals("--overlap 12 must be smaller than --window 8; use --overlap 2", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 | 0 | 4 | --window 1 must be at least 2 latent frames; use --window 2 or more (the model's default is usually best)",
        "16 | -1 | 4 | --overlap -1 must not be negative; use --overlap 4",
        "16 | 4 | 0 | --batch-size 0 must be at least 1; use --batch-size 4",
    })
    void rejectsSettingsThatCannotPlan(int window, int overlap, int batchSize, String expected) {
        PlanException e = assertThrows(PlanException.class, () -> new PlanSettings(window, overlap, batchSize));

        assertEquals(expected, e.getMessage());
    }

    @Test
    void strideIsWindowMinusOverlap() {
        assertEquals(12, new PlanSettings(16, 4, 4).stride());
    }
}
