package org.reelfarm.plan;

import java.io.Serializable;
import java.util.Objects;

/** Where one shot lies on the film timeline, in latent frames: {@code [start, start + length)}. */
public record ShotSpan(int shotIndex, String shotId, int start, int length) implements Serializable {

    public ShotSpan {
        Objects.requireNonNull(shotId, "shotId");
        if (shotIndex < 0 || start < 0 || length < 1) {
            throw new IllegalArgumentException("shot span needs shotIndex >= 0, start >= 0 and length >= 1, got "
                    + shotIndex + ", " + start + ", " + length);
        }
    }

    /** First latent frame after the shot. */
    public int end() {
        return start + length;
    }
}
