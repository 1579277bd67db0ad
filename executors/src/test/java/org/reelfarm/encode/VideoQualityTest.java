package org.reelfarm.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VideoQualityTest {

    @Test
    void presetsGoFromFastAndSmallToSlowAndClean() {
        assertEquals(new VideoQuality(28, "ultrafast"), VideoQuality.DRAFT);
        assertEquals(new VideoQuality(23, "veryfast"), VideoQuality.PREVIEW);
        assertEquals(new VideoQuality(18, "medium"), VideoQuality.FINAL);
    }

    @Test
    void rejectsCrfOutsideX264Range() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VideoQuality(52, "fast"));

        assertEquals("crf 52 is outside x264's range [0, 51]", e.getMessage());
    }

    @Test
    void rejectsUnknownPreset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VideoQuality(20, "quick"));

        assertEquals("preset \"quick\" is not an x264 preset; use one of [ultrafast, superfast, veryfast, faster, "
                + "fast, medium, slow, slower, veryslow, placebo]", e.getMessage());
    }
}
