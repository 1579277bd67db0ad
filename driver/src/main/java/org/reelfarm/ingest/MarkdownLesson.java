package org.reelfarm.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown lessons: every {@code ##} section is a shot whose id is the slug of its heading and
 * whose prompt is the section's text without markup.
 *
 * <p>Ignored: text before the first {@code ##} section or after a {@code #} heading (the title
 * and introductions), fenced code blocks, HTML comments, link targets, list and quote markers,
 * emphasis, thematic breaks and table rules. {@code ###} and deeper headings inside a section are
 * prompt text. Paragraphs and list items become paragraphs of the prompt, separated by a blank
 * line; there is no duration syntax, so durations are estimated from the text.
 */
final class MarkdownLesson {

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

    private MarkdownLesson() {}

    static List<ShotDraft> parse(SourceFile file) {
        return new Parser(file).run();
    }

    /** One pass over the lines, holding the open section. */
    private static final class Parser {
        private final SourceFile file;
        private final List<ShotDraft> shots = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private String title;
        private int titleLine;
        private final List<String> paragraphs = new ArrayList<>();
        private final StringBuilder paragraph = new StringBuilder();
        private int firstHeadingWithoutSpace;

        Parser(SourceFile file) {
            this.file = file;
        }

        List<ShotDraft> run() {
            String[] lines = file.text().split("\n", -1);
            String fence = null;
            int fenceLine = 0;
            boolean inComment = false;
            int commentLine = 0;
            for (int i = 0; i < lines.length; i++) {
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
                    if (firstHeadingWithoutSpace == 0 && NO_SPACE_HEADING.matcher(line).matches()) {
                        firstHeadingWithoutSpace = lineNo;
                    }
                    if (title != null) {
                        body(line);
                    }
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
            closeSection();
            if (shots.isEmpty()) {
                String hint = firstHeadingWithoutSpace > 0
                        ? " (line " + firstHeadingWithoutSpace + " needs a space after ##)" : "";
                throw new InputException(file.display(), 0, "lesson has no ## sections, so no shots",
                        "add a \"## Shot title\" heading above the text of each shot" + hint);
            }
            return shots;
        }

        private void heading(int level, String rawText, int lineNo) {
            String text = rawText == null ? "" : CLOSING_HASHES.matcher(rawText).replaceFirst("");
            if (level == 2) {
                closeSection();
                title = text.strip();
                titleLine = lineNo;
            } else if (level == 1) {
                closeSection(); // a title or a part heading: what follows, up to the next ##, is introduction
            } else if (title != null) {
                endParagraph();
                paragraph.append(inline(text));
                endParagraph();
            }
        }

        private void body(String line) {
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
            }
        }

        private void endParagraph() {
            if (paragraph.length() > 0) {
                paragraphs.add(paragraph.toString());
                paragraph.setLength(0);
            }
        }

        private void closeSection() {
            if (title == null) {
                return;
            }
            endParagraph();
            String heading = inline(title);
            if (paragraphs.isEmpty()) {
                throw new InputException(file.display(), titleLine, "section \"## " + heading + "\" has no text",
                        "write the shot's description under the heading, or remove the heading");
            }
            String id = uniqueId(ShotIds.slug(heading, true));
            shots.add(new ShotDraft(id, titleLine, String.join("\n\n", paragraphs), null, null));
            paragraphs.clear();
            title = null;
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
