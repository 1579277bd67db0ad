package org.reelfarm.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One shot of a film: a prompt and how long it lasts.
 *
 * @param id file-name-safe identifier, unique in its film ({@code [A-Za-z0-9_-]+}, at most 100
 *     characters), from the Markdown heading or the CSV {@code shot_id}
 * @param index 0-based position in the film
 * @param prompt the shot's text, markup removed; paragraphs separated by a blank line
 * @param durationSeconds in (0, 86400]
 * @param durationEstimated true when the duration was estimated from the text (narration pace)
 * @param seed this shot's seed, or {@code null} to use the film seed
 * @param sourceLine 1-based line of the shot in its file (0 if it has none)
 * @param words normalized word tokens of the prompt (lower case, punctuation dropped), in order
 * @param unknownWords distinct words of {@code words}, in order of appearance, that the model's
 *     vocabulary does not know, English stopwords excepted
 */
public record Shot(
        String id,
        int index,
        String prompt,
        double durationSeconds,
        boolean durationEstimated,
        Long seed,
        int sourceLine,
        List<String> words,
        List<String> unknownWords,
        String scene,
        Transition transition)
        implements Serializable {

    /** Characters a shot id may use: it names files such as {@code shots/ID.mp4}. */
    public static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** The longest shot: 24 hours. */
    public static final double MAX_DURATION_SECONDS = 24 * 60 * 60;

    public Shot {
        Objects.requireNonNull(id, "id");
        if (!SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("shot id \"" + id
                    + "\" must be 1 to 100 characters of A-Z, a-z, 0-9, '-' and '_'");
        }
        if (index < 0) {
            throw new IllegalArgumentException("shot index must be >= 0, got " + index);
        }
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("shot " + id + " has an empty prompt");
        }
        if (!(durationSeconds > 0 && durationSeconds <= MAX_DURATION_SECONDS)) {
            throw new IllegalArgumentException("shot " + id + " duration " + durationSeconds
                    + " s must be greater than 0 and at most " + (long) MAX_DURATION_SECONDS + " (24 h)");
        }
        if (sourceLine < 0) {
            throw new IllegalArgumentException("shot " + id + " sourceLine must be >= 0, got " + sourceLine);
        }
        if (transition == null) {
            throw new IllegalArgumentException("shot " + id + " needs a transition (cut, crossfade or fade)");
        }
        words = List.copyOf(words);
        unknownWords = List.copyOf(unknownWords);
        if (!words.containsAll(unknownWords)) {
            throw new IllegalArgumentException("shot " + id + " unknown words " + unknownWords
                    + " are not all among its words " + words);
        }
    }

    /**
     * Whether the prompt has a word the model knows, other than a stopword. A shot without one
     * still renders (from the model's unconditional prior), with a warning.
     */
    /** A shot outside any scene that begins with a hard cut. */
    public Shot(String id, int index, String prompt, double durationSeconds, boolean durationEstimated, Long seed,
            int sourceLine, List<String> words, List<String> unknownWords) {
        this(id, index, prompt, durationSeconds, durationEstimated, seed, sourceLine, words, unknownWords, null,
                Transition.CUT);
    }

    public boolean hasKnownWord() {
        for (String word : words) {
            if (!Words.isStopword(word) && !unknownWords.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
