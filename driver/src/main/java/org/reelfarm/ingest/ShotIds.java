package org.reelfarm.ingest;

import java.text.Normalizer;
import java.util.Locale;

/** Turns headings and user ids into shot ids that are safe as file names. */
final class ShotIds {
    static final int MAX_LENGTH = 64;

    private ShotIds() {}

    /**
     * {@code "Scene 1: The Café"} → {@code "scene-1-the-cafe"}: accents dropped, runs of other
     * characters become one {@code -}, no {@code -} at either end, at most 64 characters. Returns
     * an empty string when nothing is left.
     */
    static String slug(String text, boolean lowerCase) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        if (lowerCase) {
            s = s.toLowerCase(Locale.ROOT);
        }
        s = s.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-{2,}", "-");
        s = trimDashes(s);
        if (s.length() > MAX_LENGTH) {
            s = trimDashes(s.substring(0, MAX_LENGTH));
        }
        return s;
    }

    /** The id of a shot whose heading gives none (e.g. only punctuation): {@code shot-007}. */
    static String fallback(int index) {
        return String.format("shot-%03d", index);
    }

    private static String trimDashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '-') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '-') {
            to--;
        }
        return s.substring(from, to);
    }
}
