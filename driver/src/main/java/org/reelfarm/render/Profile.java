package org.reelfarm.render;

import java.util.Locale;
import org.reelfarm.encode.VideoQuality;

/**
 * Render profiles: sampling steps and encoder quality that go together. {@code --steps} overrides
 * a profile's steps.
 */
public enum Profile {
    /** Quick look: few steps, fast encode. */
    DRAFT(8, VideoQuality.DRAFT),
    /** The default: the model's default steps, a good-looking H.264. */
    PREVIEW(0, VideoQuality.PREVIEW),
    /** Delivery: more steps, a high-quality encode. */
    FINAL(50, VideoQuality.FINAL);

    private final int steps;
    private final VideoQuality quality;

    Profile(int steps, VideoQuality quality) {
        this.steps = steps;
        this.quality = quality;
    }

    /** Sampling steps for a model whose metadata suggests {@code modelDefault}. */
    public int steps(int modelDefault) {
        return steps == 0 ? modelDefault : steps;
    }

    public VideoQuality quality() {
        return quality;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
