package org.reelfarm.plan;

import java.io.Serializable;

/**
 * A chunk of one shot that the model denoises at once: latent frames {@code [start, start +
 * length)} of the film. {@code index} is film-global and orders windows by shot, then start.
 */
public record Window(int index, int shotIndex, int start, int length) implements Serializable {

    public Window {
        if (index < 0 || shotIndex < 0 || start < 0 || length < 1) {
            throw new IllegalArgumentException("window needs index, shotIndex, start >= 0 and length >= 1, got "
                    + index + ", " + shotIndex + ", " + start + ", " + length);
        }
    }

    /** First latent frame after the window. */
    public int end() {
        return start + length;
    }

    /** Latent frames this window shares with {@code other} (0 if they do not meet). */
    public int overlapWith(Window other) {
        return Math.max(0, Math.min(end(), other.end()) - Math.max(start, other.start));
    }
}
