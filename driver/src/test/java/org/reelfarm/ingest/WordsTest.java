package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void normalizedWordsAreLowerCaseWithoutPunctuationTokens() {
        assertEquals(List.of("a", "yellow", "circle", "moves", "up"),
                Words.normalize(List.of("A", "Yellow", "circle", "moves", "up", ".", "!", "\"", "-", "(")));
    }

    @Test
    void compoundsAreSplitAndNumbersKeptWhole() {
        assertEquals(List.of("left", "to", "right", "at", "3.5", "m", "s", "10:30"),
                Words.normalize(List.of("left-to-right", "at", "3.5", "m/s", "10:30")));
    }

    @Test
    void apostrophesInsideWordsStayAndCurlyOnesAreStraightened() {
        assertEquals(List.of("doesn't", "it's", "quoted"), Words.normalize(List.of("doesn’t", "It's", "'quoted'")));
    }

    @Test
    void unknownWordsAreDistinctInOrderAndSkipStopwords() {
        assertEquals(List.of("purple", "dragon"), Words.unknown(
                List.of("the", "purple", "dragon", "and", "a", "red", "purple", "ball", "over", "it"),
                TestVocabulary.get()));
    }

    @Test
    void motionWordsAreNotStopwords() {
        for (String word : List.of("up", "down", "left", "right", "still")) {
            assertFalse(Words.isStopword(word), word);
        }
        assertTrue(Words.isStopword("the"));
    }
}
