package org.reelfarm.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Spark NLP in unit tests: sentences end at . ! ? or a blank line; tokens are
 * words and single punctuation marks. Records what it was asked.
 */
final class PlainAnalyzer implements TextAnalyzer {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*|[^\\s\\p{L}\\p{N}]");

    final List<List<TextBlock>> calls = new ArrayList<>();

    @Override
    public List<TextAnalysis> analyze(List<TextBlock> blocks) {
        calls.add(List.copyOf(blocks));
        List<TextAnalysis> out = new ArrayList<>();
        for (TextBlock block : blocks) {
            List<String> sentences = Arrays.stream(block.text().split("(?<=[.!?])\\s+|\\n\\n"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            List<String> tokens = new ArrayList<>();
            Matcher m = TOKEN.matcher(block.text());
            while (m.find()) {
                tokens.add(m.group());
            }
            out.add(new TextAnalysis(sentences, tokens, tokens));
        }
        return out;
    }
}
