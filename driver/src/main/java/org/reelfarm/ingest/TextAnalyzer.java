package org.reelfarm.ingest;

import java.util.List;

/**
 * Splits text blocks into sentences and tokens. {@link SparkNlpAnalyzer} is the real one; tests of
 * the parsing and shot assembly use a plain one instead of Spark.
 */
interface TextAnalyzer {

    /** One block of text to analyze: a shot's prompt, with where it came from. */
    record TextBlock(String file, int shotIndex, int line, String text) {}

    /**
     * Sentences, tokens and normalized tokens of one block, in order.
     *
     * @param words the tokens lower-cased and cleaned of punctuation (punctuation-only tokens
     *     dropped); hyphenated and apostrophe words kept whole
     */
    record TextAnalysis(List<String> sentences, List<String> tokens, List<String> words) {
        public TextAnalysis {
            sentences = List.copyOf(sentences);
            tokens = List.copyOf(tokens);
            words = List.copyOf(words);
        }
    }

    /** The analyses of {@code blocks}, in the same order. */
    List<TextAnalysis> analyze(List<TextBlock> blocks);
}
