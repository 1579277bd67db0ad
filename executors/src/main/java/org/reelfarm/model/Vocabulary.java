package org.reelfarm.model;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's word vocabulary: one word per line of the vocabulary file, the line number (from 0)
 * being the token id. Line 0 is the padding token and line 1 the unknown-word token.
 *
 * <p>Immutable and thread-safe.
 */
public final class Vocabulary implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int PAD = 0;
    public static final int UNKNOWN = 1;

    private final List<String> words;
    private final Map<String, Integer> ids;

    public Vocabulary(List<String> words) {
        if (words.size() < 3) {
            throw new IllegalArgumentException("a vocabulary needs <pad>, <unk> and at least one word");
        }
        this.words = List.copyOf(words);
        this.ids = new HashMap<>();
        for (int i = 2; i < words.size(); i++) {
            ids.putIfAbsent(normalize(words.get(i)), i);
        }
    }

    /** Reads a vocabulary file of the given model directory ({@code assets/NAME}). */
    public static Vocabulary read(Path modelDir, ModelSpec spec) {
        Path file = modelDir.resolve("assets").resolve(spec.vocabularyFile());
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                lines.add(line.strip());
            }
            return new Vocabulary(lines);
        } catch (IOException e) {
            throw new BadModelException(file + " cannot be read (" + e.getMessage()
                    + "): the vocabulary named in reelfarm.json must ship in assets/", e);
        } catch (IllegalArgumentException e) {
            throw new BadModelException(file + ": " + e.getMessage(), e);
        }
    }

    public static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT);
    }

    public int size() {
        return words.size();
    }

    public boolean contains(String word) {
        return ids.containsKey(normalize(word));
    }

    /** The token id of a word, or {@link #UNKNOWN}. */
    public int id(String word) {
        return ids.getOrDefault(normalize(word), UNKNOWN);
    }

    /**
     * Token ids for a sequence of words, padded or cut to {@code maxTokens}. Unknown words are
     * dropped rather than spending a token slot on them.
     */
    public int[] encode(List<String> tokens, int maxTokens) {
        int[] out = new int[maxTokens];
        int n = 0;
        for (String token : tokens) {
            int id = id(token);
            if (id != UNKNOWN && n < maxTokens) {
                out[n++] = id;
            }
        }
        return out;
    }

    /** Splits free text into lower-case words: the tokenizer used where Spark NLP is not. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
