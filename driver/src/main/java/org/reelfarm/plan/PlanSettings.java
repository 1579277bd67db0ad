package org.reelfarm.plan;

import java.io.Serializable;
import org.reelfarm.model.ModelSpec;

/**
 * How a film is cut into windows: {@code window} latent frames per window, {@code overlap} latent
 * frames shared by neighbouring windows of a shot, and {@code batchSize} windows per model call.
 *
 * <pre>{@code
 * PlanSettings settings = PlanSettings.of(spec, 24, null, null); // --window 24, default overlap
 * }</pre>
 *
 * @throws PlanException from the constructor if {@code window < 2}, {@code overlap < 0},
 *     {@code overlap >= window} or {@code batchSize < 1}
 */
public record PlanSettings(int window, int overlap, int batchSize) implements Serializable {

    /** Windows per batched model call when the user does not say. */
    public static final int DEFAULT_BATCH_SIZE = 4;

    public PlanSettings {
        if (window < 2) {
            throw new PlanException("--window " + window
                    + " must be at least 2 latent frames; use --window 2 or more (the model's default is usually best)");
        }
        if (overlap < 0) {
            throw new PlanException("--overlap " + overlap + " must not be negative; use --overlap "
                    + suggestedOverlap(window));
        }
        if (overlap >= window) {
            throw new PlanException("--overlap " + overlap + " must be smaller than --window " + window
                    + "; use --overlap " + suggestedOverlap(window));
        }
        if (batchSize < 1) {
            throw new PlanException("--batch-size " + batchSize + " must be at least 1; use --batch-size "
                    + DEFAULT_BATCH_SIZE);
        }
    }

    /** The model's own window and overlap, and the default batch size. */
    public static PlanSettings defaults(ModelSpec spec) {
        return new PlanSettings(spec.window(), spec.defaultOverlap(), DEFAULT_BATCH_SIZE);
    }

    /**
     * Settings from optional user values ({@code null} = not given) over the model's defaults.
     * When only the window is given and the model's default overlap does not fit in it, the
     * overlap becomes a quarter of the window, so {@code --window 4} alone still plans.
     */
    public static PlanSettings of(ModelSpec spec, Integer window, Integer overlap, Integer batchSize) {
        int w = window != null ? window : spec.window();
        int o;
        if (overlap != null) {
            o = overlap;
        } else if (spec.defaultOverlap() < w) {
            o = spec.defaultOverlap();
        } else {
            o = suggestedOverlap(w);
        }
        int b = batchSize != null ? batchSize : DEFAULT_BATCH_SIZE;
        return new PlanSettings(w, o, b);
    }

    /** Latent frames a new window brings: {@code window - overlap}. */
    public int stride() {
        return window - overlap;
    }

    private static int suggestedOverlap(int window) {
        return Math.max(0, window / 4);
    }
}
