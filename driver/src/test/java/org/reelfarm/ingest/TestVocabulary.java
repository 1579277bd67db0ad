package org.reelfarm.ingest;

import java.util.List;
import org.reelfarm.model.Vocabulary;

/** A small vocabulary like the reference model's. */
final class TestVocabulary {
    private TestVocabulary() {}

    static Vocabulary get() {
        return new Vocabulary(List.of("<pad>", "<unk>", "red", "blue", "yellow", "green", "ball", "box", "circle",
                "triangle", "moves", "left", "right", "up", "down", "still", "background", "bouncing", "sits"));
    }
}
