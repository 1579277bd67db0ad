package org.reelfarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportCostCommandTest {

    @ParameterizedTest(name = "{0} ms per window-step -> divided by {1}")
    @CsvSource({
        "40, 1",        // LTX-Video on an H100: fine on a CPU as it is
        "500, 1",
        "900, 10",      // CogVideoX-2B on an H100
        "38080, 100",   // HunyuanVideo 720p on an H100
    })
    void profileStepIsDividedByAPowerOfTenDownToTheCpuCeiling(double publishedMs, int divisor) {
        ExportCostCommand.Scaled scaled = ExportCostCommand.Scaled.of(publishedMs);
        assertEquals(divisor, scaled.divisor());
        assertEquals(publishedMs / divisor, scaled.ms(), 1e-9);
    }
}
