package org.reelfarm.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.reelfarm.model.Vocabulary;

/**
 * From Spark NLP's normalized tokens ({@link SparkNlpAnalyzer}) to the words a model's vocabulary
 * is looked up with, and which of them it does not know.
 */
final class Words {

    private static final Pattern NUMBER = Pattern.compile("\\p{N}+(?:[.,:]\\p{N}+)*");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");

    /**
     * English function words: a prompt is full of them, a model's vocabulary rarely has them, and
     * a warning that "the" is unknown helps nobody.
     */
    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "as",
            "of", "on", "in", "into", "onto", "at", "to", "from", "by", "for", "with", "without", "within",
            "over", "under", "above", "below", "through", "throughout", "between", "among", "around",
            "about", "against", "along", "behind", "beside", "besides", "beyond", "near", "toward",
            "towards", "upon", "off", "out", "via", "after", "before", "during", "until", "while",
            "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
            "do", "does", "did", "doing", "will", "would", "shall", "should", "can", "could", "may",
            "might", "must", "it", "its", "it's", "itself", "this", "that", "these", "those", "there",
            "here", "where", "when", "which", "who", "whom", "whose", "what", "why", "how",
            "he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs", "we", "us",
            "our", "you", "your", "i", "me", "my", "some", "any", "each", "every",
            "all", "both", "no", "not", "very", "too", "also", "just", "only", "again", "once",
            "now", "s", "t", "don't", "doesn't", "isn't", "aren't", "there's", "that's");

    private Words() {}

    /**
     * Lower-case words of Spark NLP tokens: punctuation tokens dropped, curly apostrophes made
     * straight, hyphenated and slashed compounds split ({@code left-to-right} → left, to, right),
     * numbers kept whole ({@code 3.5}).
     */
    static List<String> normalize(List<String> tokens) {
        List<String> words = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            String t = token.replace('\u2019', '\'').replace('\u2018', '\'').toLowerCase(Locale.ROOT);
            if (NUMBER.matcher(t).matches()) {
                words.add(t);
                continue;
            }
            for (String part : NOT_WORD.split(t)) {
                String word = stripApostrophes(part);
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    private static String stripApostrophes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '\'') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '\'') {
            to--;
        }
        return s.substring(from, to);
    }

    static boolean isStopword(String word) {
        return STOPWORDS.contains(word);
    }

    /** Distinct words the vocabulary lacks, stopwords excepted, in order of first appearance. */
    static List<String> unknown(List<String> words, Vocabulary vocab) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String word : words) {
            if (!vocab.contains(word) && !isStopword(word)) {
                unknown.add(word);
            }
        }
        return List.copyOf(unknown);
    }
}
