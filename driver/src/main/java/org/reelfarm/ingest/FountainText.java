package org.reelfarm.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fountain below the level of elements: the title page, inline emphasis and spoken words (the
 * boneyard and notes are cut out before, by {@link FountainMarkup}).
 *
 * <p>Every scan here is linear in the length of the text, so a line of megabytes costs no more
 * than many short ones.
 */
final class FountainText {

    private static final Pattern TITLE_KEY = Pattern.compile("([A-Za-z][A-Za-z0-9 ]*):.*");

    /** Keys of the Fountain title page that apps agree on; a title page has at least one of them. */
    private static final Set<String> STANDARD_KEYS = Set.of("title", "credit", "author", "authors", "source",
            "draft date", "date", "contact", "copyright", "notes", "revision");

    private static final Pattern ESCAPE = Pattern.compile("\\\\([*_\\\\])");
    private static final List<Pattern> EMPHASIS = List.of(
            Pattern.compile("\\*\\*\\*(?=\\S)([^*]+?)(?<=\\S)\\*\\*\\*"),
            Pattern.compile("\\*\\*(?=\\S)([^*]+?)(?<=\\S)\\*\\*"),
            Pattern.compile("\\*(?=\\S)([^*]+?)(?<=\\S)\\*"),
            // underline: not inside a word, so snake_case stays as written
            Pattern.compile("(?<![\\p{L}\\p{N}])_(?=\\S)([^_]+?)(?<=\\S)_(?![\\p{L}\\p{N}])"));
    private static final int MAX_NESTING = 8;
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final char ESCAPED_BASE = '\uE000'; // private use: escaped marks survive emphasis removal

    private FountainText() {}

    /**
     * Index of the first line after the title page, or 0 when there is none. The title page is
     * the first paragraph of the file when each of its lines is a {@code Key: value} line or an
     * indented (tab or three spaces) continuation of one, and at least one key is a standard one
     * ({@code Title}, {@code Author}, {@code Credit}, ...): so {@code FADE IN:} on the first line
     * is not mistaken for a title page.
     */
    static int titlePageEnd(List<FountainMarkup.Line> lines) {
        int i = 0;
        while (i < lines.size() && !lines.get(i).isText()) {
            i++;
        }
        int first = i;
        boolean standard = false;
        for (; i < lines.size(); i++) {
            FountainMarkup.Line line = lines.get(i);
            if (line.removed()) {
                continue;
            }
            if (line.text().isBlank()) {
                break;
            }
            Matcher key = TITLE_KEY.matcher(line.text());
            if (key.matches()) {
                standard |= STANDARD_KEYS.contains(key.group(1).strip().toLowerCase(Locale.ROOT));
            } else if (i == first || !isIndented(line.text())) {
                return 0;
            }
        }
        return standard ? i : 0;
    }

    private static boolean isIndented(String text) {
        return text.startsWith("\t") || text.startsWith("   ");
    }

    /**
     * Text of one line without emphasis marks ({@code ***}, {@code **}, {@code *}, {@code _} in
     * pairs; {@code \*} and {@code \_} are literal), runs of white space made one space, stripped.
     * An unpaired mark is kept as written.
     */
    static String inline(String text) {
        String s = protectEscapes(text);
        for (int round = 0; round < MAX_NESTING; round++) {
            String before = s;
            for (Pattern emphasis : EMPHASIS) {
                s = emphasis.matcher(s).replaceAll("$1");
            }
            if (s.equals(before)) {
                break;
            }
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= ESCAPED_BASE && c < ESCAPED_BASE + 128 ? (char) (c - ESCAPED_BASE) : c);
        }
        return SPACES.matcher(out).replaceAll(" ").strip();
    }

    private static String protectEscapes(String text) {
        Matcher m = ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, "");
            out.append((char) (ESCAPED_BASE + m.group(1).charAt(0)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Spoken words of a line: white-space separated tokens with a letter or digit. */
    static int words(String text) {
        int words = 0;
        boolean inToken = false;
        boolean counted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                inToken = false;
            } else {
                if (!inToken) {
                    inToken = true;
                    counted = false;
                }
                if (!counted && Character.isLetterOrDigit(c)) {
                    words++;
                    counted = true;
                }
            }
        }
        return words;
    }

    /** Whether {@code text} has a letter and no lower-case letter. */
    static boolean isUpperCase(String text) {
        boolean letter = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            letter |= Character.isLetter(c);
        }
        return letter;
    }
}
