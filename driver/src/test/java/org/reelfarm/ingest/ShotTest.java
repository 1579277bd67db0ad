package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShotTest {

    private static Shot shot(String id, double seconds, List<String> words, List<String> unknown) {
        return new Shot(id, 0, "a prompt", seconds, false, null, 1, words, unknown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "a/b", "a\\b", "a.b", "a b", "caf\u00e9"})
    void rejectsIdsThatAreNotFileSafe(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> shot(id, 1, List.of(), List.of()));

        assertEquals("shot id \"" + id + "\" must be 1 to 100 characters of A-Z, a-z, 0-9, '-' and '_'",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 86400.001})
    void rejectsDurationsOutOfRange(double seconds) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> shot("a", seconds, List.of(), List.of()));

        assertEquals("shot a duration " + seconds + " s must be greater than 0 and at most 86400 (24 h)",
                e.getMessage());
    }

    @Test
    void rejectsUnknownWordsThatAreNotWordsOfThePrompt() {
        assertThrows(IllegalArgumentException.class, () -> shot("a", 1, List.of("red"), List.of("dragon")));
    }

    @Test
    void hasAKnownWordWhenAWordIsNeitherUnknownNorAStopword() {
        assertTrue(shot("a", 1, List.of("a", "dragon", "red"), List.of("dragon")).hasKnownWord());
        assertFalse(shot("a", 1, List.of("a", "dragon", "on", "the"), List.of("dragon")).hasKnownWord());
        assertFalse(shot("a", 1, List.of(), List.of()).hasKnownWord());
    }

    @Test
    void wordListsAreCopies() {
        List<String> words = new java.util.ArrayList<>(List.of("red"));
        Shot shot = shot("a", 1, words, List.of());
        words.add("blue");

        assertEquals(List.of("red"), shot.words());
    }
}
