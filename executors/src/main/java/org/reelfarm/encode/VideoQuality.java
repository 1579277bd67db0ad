package org.reelfarm.encode;

import java.io.Serializable;
import java.util.List;

/**
 * How hard libx264 works and how much detail it keeps: a constant rate factor and a preset.
 *
 * <p>{@code crf} is x264's quality scale, 0 (lossless) to 51 (worst); each +6 roughly halves the
 * bit rate. {@code preset} trades encode speed for compression at the same quality. The three
 * constants cover the farm's uses; other values are allowed and validated here, so a bad setting
 * fails when the settings are built, not inside an executor.
 *
 * <pre>{@code
 * try (Mp4SegmentWriter w = Mp4SegmentWriter.open(file, 256, 192, 24, VideoQuality.PREVIEW)) { ... }
 * VideoQuality custom = new VideoQuality(20, "fast");
 * }</pre>
 */
public record VideoQuality(int crf, String preset) implements Serializable {

    // Declared before the constants below: their construction validates against it.
    /** x264's presets, fastest first. */
    public static final List<String> PRESETS = List.of(
            "ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow", "placebo");

    /** Fast look at a render in progress: small, blocky, cheapest to encode. */
    public static final VideoQuality DRAFT = new VideoQuality(28, "ultrafast");

    /** Review copies: close to visually clean, still fast. */
    public static final VideoQuality PREVIEW = new VideoQuality(23, "veryfast");

    /** Delivered film: visually lossless for most content, x264's default speed. */
    public static final VideoQuality FINAL = new VideoQuality(18, "medium");

    public VideoQuality {
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("crf " + crf + " is outside x264's range [0, 51]");
        }
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException(
                    "preset \"" + preset + "\" is not an x264 preset; use one of " + PRESETS);
        }
    }
}
