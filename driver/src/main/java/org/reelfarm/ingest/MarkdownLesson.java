package org.reelfarm.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Markdown lessons: every {@code ##} section is a shot whose id is the slug of its heading and
 * whose prompt is the section's text without markup.
 *
 * <ul>
 *   <li>The text before the first {@code ##} is the lesson's opening shot, with an id from the
 *       {@code #} title above it ({@code intro} when there is none), so a lesson with no
 *       {@code ##} heading is one shot. Text under a later {@code #} heading (a part) up to the
 *       next {@code ##} is likewise a shot with that heading's id. A {@code #} heading with no
 *       text under it is only a title; a {@code ##} heading with none is an error.
 *   <li>{@code ###} and deeper headings are prompt text of the shot they are in.
 *   <li>Paragraphs and list items become paragraphs of the prompt, separated by a blank line;
 *       there is no duration syntax, so durations are estimated from the text.
 *   <li>Dropped, as they describe no picture: fenced code blocks, HTML comments, YAML front
 *       matter (between {@code ---} lines at the top), link targets, and the markup itself (list
 *       and quote markers, emphasis, HTML tags, thematic breaks, table rules).
 *   <li>A line such as {@code ##Title} is text, not a heading (CommonMark needs a space after
 *       the {@code #}s): it stays in the prompt, with a warning naming its line.
 * </ul>
 */
final class MarkdownLesson {
    private static final Logger LOG = LoggerFactory.getLogger(MarkdownLesson.class);

    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*))?$");
    private static final Pattern CLOSING_HASHES = Pattern.compile("(?:^|[ \\t]+)#+[ \\t]*$");
    private static final Pattern NO_SPACE_HEADING = Pattern.compile("^ {0,3}##[^#\\s].*");
    private static final Pattern FENCE_OPEN = Pattern.compile("^ {0,3}(`{3,}(?=[^`]*$)|~{3,})");
    private static final Pattern THEMATIC_BREAK = Pattern.compile("^ {0,3}(?:([-*_])[ \\t]*(?:\\1[ \\t]*){2,}|=+[ \\t]*)$");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-+:?\\s*(?:\\|\\s*:?-+:?\\s*)+\\|?\\s*$");
    private static final Pattern LINK_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*\\S.*$");
    private static final Pattern QUOTE_MARKER = Pattern.compile("^ {0,3}>[ ]?");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d{1,9}[.)])(?:[ \\t]+(?:\\[[ xX]\\][ \\t]+)?(.*))?$");

    private static final Pattern ESCAPE = Pattern.compile("\\\\([!-/:-@\\[-`{-~])");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern IMAGE_OR_LINK = Pattern.compile("!?\\[([^\\]]*)\\](?:\\([^)]*\\)|\\[[^\\]]*\\])");
    private static final Pattern AUTOLINK = Pattern.compile("<(?:https?|ftp|mailto):[^>\\s]*>");
    private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9-]*(?:\\s[^<>]*)?/?>");
    private static final Pattern EMPHASIS = Pattern.compile("\\*+|~~+|(?<![\\p{L}\\p{N}])_+|_+(?![\\p{L}\\p{N}])");
    private static final Pattern SPACES = Pattern.compile("[ \\t]+");
    private static final char ESCAPED_BASE = '\uE000'; // private use: escaped ASCII survives markup removal

    /** The id of an opening shot whose lesson has no title. */
    static final String INTRO = "intro";

    private MarkdownLesson() {}

    static List<ShotDraft> parse(SourceFile file) {
        return parse(file, LOG::warn);
    }

    /** Test seam: {@code warnings} receives each warning (file:line: text) instead of the log. */
    static List<ShotDraft> parse(SourceFile file, Consumer<String> warnings) {
        return new Parser(file, warnings).run();
    }

    /** One pass over the lines, holding the open shot: the opening text, a part or a section. */
    private static final class Parser {
        private final SourceFile file;
        private final Consumer<String> warnings;
        private final List<ShotDraft> shots = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        /** The heading level that opened the shot: 0 for the text before any heading, 1 or 2. */
        private int level;
        private String heading;
        private int shotLine;
        private final List<String> paragraphs = new ArrayList<>();
        private final StringBuilder paragraph = new StringBuilder();

        Parser(SourceFile file, Consumer<String> warnings) {
            this.file = file;
            this.warnings = warnings;
        }

        List<ShotDraft> run() {
            String[] lines = file.text().split("\n", -1);
            String fence = null;
            int fenceLine = 0;
            boolean inComment = false;
            int commentLine = 0;
            for (int i = frontMatterEnd(lines); i < lines.length; i++) {
                int lineNo = i + 1;
                String line = lines[i];
                if (fence != null) {
                    if (closesFence(line, fence)) {
                        fence = null;
                    }
                    continue;
                }
                boolean wasInComment = inComment;
                StringBuilder kept = new StringBuilder();
                inComment = stripComments(line, inComment, kept);
                if (inComment && !wasInComment) {
                    commentLine = lineNo;
                }
                line = kept.toString();
                Matcher fenceOpen = FENCE_OPEN.matcher(line);
                if (fenceOpen.find()) {
                    fence = fenceOpen.group(1);
                    fenceLine = lineNo;
                    endParagraph();
                    continue;
                }
                Matcher heading = ATX_HEADING.matcher(line);
                if (heading.matches()) {
                    heading(heading.group(1).length(), heading.group(2), lineNo);
                } else {
                    if (NO_SPACE_HEADING.matcher(line).matches()) {
                        warnings.accept(file.display() + ":" + lineNo + ": \"" + line.strip() + "\" is read as text,"
                                + " not as a heading: a heading needs a space after its #s");
                    }
                    body(line, lineNo);
                }
            }
            if (fence != null) {
                throw new InputException(file.display(), fenceLine, "code fence " + fence + " is never closed",
                        "close it with a line of " + fence);
            }
            if (inComment) {
                throw new InputException(file.display(), commentLine, "HTML comment <!-- is never closed",
                        "close it with -->");
            }
            closeShot();
            if (shots.isEmpty()) {
                throw new InputException(file.display(), 0,
                        "lesson has no text outside headings, code blocks and comments, so no shots",
                        "write what each shot shows under a \"## Shot title\" heading");
            }
            return shots;
        }

        private void heading(int headingLevel, String rawText, int lineNo) {
            String text = rawText == null ? "" : CLOSING_HASHES.matcher(rawText).replaceFirst("");
            if (headingLevel <= 2) {
                closeShot();
                level = headingLevel;
                heading = text.strip();
                shotLine = lineNo;
            } else {
                endParagraph();
                paragraph.append(inline(text));
                markLine(lineNo);
                endParagraph();
            }
        }

        private void body(String line, int lineNo) {
            if (line.isBlank() || THEMATIC_BREAK.matcher(line).matches()
                    || TABLE_RULE.matcher(line).matches() || LINK_DEFINITION.matcher(line).matches()) {
                endParagraph();
                return;
            }
            String s = line;
            Matcher quote = QUOTE_MARKER.matcher(s);
            while (quote.find()) {
                s = s.substring(quote.end());
                quote = QUOTE_MARKER.matcher(s);
            }
            Matcher item = LIST_ITEM.matcher(s);
            if (item.matches()) {
                endParagraph();
                s = item.group(1) == null ? "" : item.group(1);
            }
            String stripped = s.strip();
            if (stripped.startsWith("|")) {
                s = stripped.replaceAll("^\\||\\|$", "").replace('|', ' ');
            }
            String text = inline(s);
            if (!text.isEmpty()) {
                if (paragraph.length() > 0) {
                    paragraph.append(' ');
                }
                paragraph.append(text);
                markLine(lineNo);
            }
        }

        /** The opening text's shot begins at its first line of text. */
        private void markLine(int lineNo) {
            if (shotLine == 0) {
                shotLine = lineNo;
            }
        }

        private void endParagraph() {
            if (paragraph.length() > 0) {
                paragraphs.add(paragraph.toString());
                paragraph.setLength(0);
            }
        }

        private void closeShot() {
            endParagraph();
            String title = heading == null ? "" : inline(heading);
            if (paragraphs.isEmpty()) {
                if (level == 2) {
                    throw new InputException(file.display(), shotLine, "section \"## " + title + "\" has no text",
                            "write the shot's description under the heading, or remove the heading");
                }
            } else {
                String slug = ShotIds.slug(title, true);
                String id = uniqueId(level == 2 || !slug.isEmpty() ? slug : INTRO);
                shots.add(new ShotDraft(id, shotLine, String.join("\n\n", paragraphs), null, null));
                paragraphs.clear();
            }
            heading = null;
            shotLine = 0;
        }

        private String uniqueId(String slug) {
            String base = slug.isEmpty() ? ShotIds.fallback(shots.size()) : slug;
            String id = base;
            for (int n = 2; !ids.add(id); n++) {
                id = base + "-" + n;
            }
            return id;
        }
    }

    /** Index of the first line after YAML front matter ({@code ---} on the first line, to {@code ---} or {@code ...}), else 0. */
    private static int frontMatterEnd(String[] lines) {
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            return 0;
        }
        for (int i = 1; i < lines.length; i++) {
            String s = lines[i].strip();
            if (s.equals("---") || s.equals("...")) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean closesFence(String line, String fence) {
        String s = line.strip();
        if (s.length() < fence.length() || line.length() - line.stripLeading().length() > 3) {
            return false;
        }
        char c = fence.charAt(0);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    /** Appends the parts of {@code line} outside HTML comments; returns whether a comment is open. */
    private static boolean stripComments(String line, boolean inComment, StringBuilder kept) {
        int i = 0;
        while (i < line.length()) {
            if (inComment) {
                int end = line.indexOf("-->", i);
                if (end < 0) {
                    return true;
                }
                inComment = false;
                i = end + 3;
            } else {
                int start = line.indexOf("<!--", i);
                if (start < 0) {
                    kept.append(line, i, line.length());
                    return false;
                }
                kept.append(line, i, start);
                inComment = true;
                i = start + 4;
            }
        }
        return inComment;
    }

    /** Text of one line without inline markup, spaces collapsed. */
    static String inline(String text) {
        String s = replaceWithGroup(ESCAPE, text, 1, true);
        s = replaceWithGroup(CODE_SPAN, s, 2, true);
        s = replaceWithGroup(IMAGE_OR_LINK, s, 1, false);
        s = AUTOLINK.matcher(s).replaceAll("");
        s = HTML_TAG.matcher(s).replaceAll("");
        s = EMPHASIS.matcher(s).replaceAll("");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= ESCAPED_BASE && c < ESCAPED_BASE + 128 ? (char) (c - ESCAPED_BASE) : c);
        }
        return SPACES.matcher(out).replaceAll(" ").strip();
    }

    /** Replaces each match by one of its groups, optionally with its ASCII punctuation protected. */
    private static String replaceWithGroup(Pattern pattern, String s, int group, boolean protect) {
        Matcher m = pattern.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "");
            String kept = m.group(group);
            if (protect) {
                for (int i = 0; i < kept.length(); i++) {
                    char c = kept.charAt(i);
                    out.append(isAsciiPunctuation(c) ? (char) (ESCAPED_BASE + c) : c);
                }
            } else {
                out.append(kept);
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isAsciiPunctuation(char c) {
        return c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
    }
}
