package org.reelfarm.plan;

import java.io.Serializable;
import java.util.List;

/**
 * Windows that go through the model together in one call: all have the same {@code length}
 * latent frames, so their latents stack into one {@code [B, length, h, w, C]} tensor.
 */
public record Batch(int index, int length, List<Integer> windowIndices) implements Serializable {

    public Batch {
        windowIndices = List.copyOf(windowIndices);
        if (index < 0 || length < 1 || windowIndices.isEmpty()) {
            throw new IllegalArgumentException("batch needs index >= 0, length >= 1 and at least one window, got "
                    + index + ", " + length + ", " + windowIndices);
        }
    }

    public int size() {
        return windowIndices.size();
    }
}
