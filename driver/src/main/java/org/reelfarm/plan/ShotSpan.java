package org.reelfarm.plan;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where one shot lies on the film timeline, in latent frames: {@code [start, start + length)},
 * and how it meets its neighbours.
 *
 * @param crossIn latent frames the shot's windows reach back before {@code start} to dissolve from
 *     the previous shot (a crossfade of {@code 2 * crossIn} frames centred on the cut), 0 otherwise
 * @param crossOut the same towards the next shot, after the shot's end
 * @param fadeIn latent frames at the start that fade in from black (a fade transition into it)
 * @param fadeOut latent frames at the end that fade to black (a fade transition into the next shot)
 */
public record ShotSpan(int shotIndex, String shotId, int start, int length, int crossIn, int crossOut, int fadeIn,
        int fadeOut) implements Serializable {

    /** A shot with hard cuts at both ends. */
    public ShotSpan(int shotIndex, String shotId, int start, int length) {
        this(shotIndex, shotId, start, length, 0, 0, 0, 0);
    }

    public ShotSpan {
        Objects.requireNonNull(shotId, "shotId");
        if (shotIndex < 0 || start < 0 || length < 1) {
            throw new IllegalArgumentException("shot span needs shotIndex >= 0, start >= 0 and length >= 1, got "
                    + shotIndex + ", " + start + ", " + length);
        }
        if (crossIn < 0 || crossOut < 0 || fadeIn < 0 || fadeOut < 0 || crossIn > start || fadeIn + fadeOut > length) {
            throw new IllegalArgumentException("shot " + shotId + ": impossible transition lengths");
        }
    }

    /** First latent frame the shot's windows cover (before {@code start} when it dissolves in). */
    public int renderStart() {
        return start - crossIn;
    }

    /** End of the latent frames the shot's windows cover. */
    public int renderEnd() {
        return end() + crossOut;
    }

    /** First latent frame after the shot. */
    public int end() {
        return start + length;
    }
}
