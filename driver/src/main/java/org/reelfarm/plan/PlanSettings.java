package org.reelfarm.plan;

import java.io.Serializable;
import org.reelfarm.model.ModelSpec;

/**
 * How a film is cut into windows: {@code window} latent frames per window, {@code overlap} latent
 * frames shared by neighbouring windows of a shot, and {@code batchSize} windows per model call.
 *
 * <p>The user's values are checked, with messages that name the option, where the render's
 * settings are resolved ({@code render.RenderSettings}); the constructor only guards the
 * planner's invariants.
 *
 * <pre>{@code
 * PlanSettings settings = new PlanSettings(24, 6, 4); // windows of 24 latent frames, 6 shared
 * }</pre>
 *
 * @throws IllegalArgumentException from the constructor if {@code window < 2}, {@code overlap < 0},
 *     {@code overlap >= window} or {@code batchSize < 1}
 */
public record PlanSettings(int window, int overlap, int batchSize) implements Serializable {

    /** Windows per batched model call when the user does not say: the default of {@code --batch}. */
    public static final int DEFAULT_BATCH_SIZE = 4;

    public PlanSettings {
        if (window < 2 || overlap < 0 || overlap >= window || batchSize < 1) {
            throw new IllegalArgumentException("plan settings need window >= 2, 0 <= overlap < window and batchSize"
                    + " >= 1, got window " + window + ", overlap " + overlap + ", batchSize " + batchSize);
        }
    }

    /** The model's own window and overlap, and the default batch size. */
    public static PlanSettings defaults(ModelSpec spec) {
        return new PlanSettings(spec.window(), spec.defaultOverlap(), DEFAULT_BATCH_SIZE);
    }

    /** Latent frames a new window brings: {@code window - overlap}. */
    public int stride() {
        return window - overlap;
    }
}
