package org.reelfarm.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The first pass over a Fountain file: the boneyard {@code /* *}{@code /} and notes {@code [[ ]]}
 * cut out of its lines, as fountain.io's syntax describes them.
 *
 * <ul>
 *   <li>A boneyard may span any lines, blank ones too, and does not nest: it ends at the first
 *       {@code *}{@code /}. It is cut out as if it were never written, line breaks included, so
 *       the text before its {@code /*} and after its {@code *}{@code /} join up; when nothing is
 *       left of the joined line, or the {@code *}{@code /} begins its line (it closes a block of
 *       lines), that line is a blank line. So a boneyard between a transition and a scene heading
 *       leaves the heading its blank line, as in the spec's own example.
 *   <li>A note stays within its paragraph: an empty line inside one is written as two spaces. A
 *       {@code [[} that meets a truly empty line (or the end of the file) before its {@code ]]} is
 *       not a note: its text is read as screenplay, with a warning naming its line.
 *   <li>A {@code *}{@code /} that closes no boneyard and a {@code ]]} that closes no note are left
 *       out of the text, with a warning naming their line; the {@code [[} of a text that is not a
 *       note is left out too. Markup never reaches a prompt.
 * </ul>
 *
 * <p>The scan is linear in the length of the text: the text of a {@code [[} that is not a note
 * is read a second time, once, and no {@code [[} before that empty line is tried again.
 */
final class FountainMarkup {

    /**
     * A note, attached to the line where it ends.
     *
     * @param line 1-based line where the note opens, for messages
     * @param beforeText whether the note comes before any text of the line it is attached to
     */
    record Note(int line, String text, boolean beforeText) {}

    /**
     * One line of the file with boneyard and notes cut out.
     *
     * @param removed the line held only notes or markup, or is joined by a boneyard to a later
     *     line: it is neither text nor a blank line, so it neither continues nor ends a paragraph
     */
    record Line(int number, String text, boolean removed, List<Note> notes) {
        /** A blank line ends an element; Fountain's line of exactly two spaces does not. */
        boolean isBlank() {
            return !removed && text.isBlank() && !text.equals("  ");
        }

        boolean isText() {
            return !removed && !text.isBlank();
        }
    }

    private FountainMarkup() {}

    /**
     * The lines of {@code text} with boneyard and notes cut out.
     *
     * @param warnings receives each warning as {@code file:line: text}
     * @throws InputException naming the opening line of a boneyard that is never closed
     */
    static List<Line> lines(String display, String text, Consumer<String> warnings) {
        return new Scanner(display, text, warnings).run();
    }

    /** One pass over the characters; a {@code [[} that is not a note rewinds to just after it. */
    private static final class Scanner {
        private final String display;
        private final String text;
        private final Consumer<String> warnings;
        private final List<Line> lines = new ArrayList<>();

        // the line being read
        private final StringBuilder kept = new StringBuilder();
        private final List<Note> notes = new ArrayList<>();
        private int line = 1;
        private int lineStart;
        private boolean hasText;
        /** Some markup was cut from the line: when nothing else is left, it is not a blank line. */
        private boolean cut;
        /** A boneyard with nothing before its {@code /*} closed on this line. */
        private boolean joinedBlank;
        private int strayBoneyardEndLine;
        private int strayNoteEndLine;

        // the open boneyard, and the last closed one (to explain a stray */)
        private boolean inBoneyard;
        private int boneyardLine;
        private boolean boneyardAfterText;
        private int nestedLine;
        /** Boneyard text on the current line, before the {@code *}{@code /} that may close it. */
        private boolean boneyardOnLine;
        private int lastOpenLine;
        private int lastCloseLine;
        private int lastNestedLine;

        // the open note, and what to restore if it turns out not to be one
        private boolean inNote;
        private final StringBuilder note = new StringBuilder();
        private int noteLine;
        private int noteStart;
        private int linesAtNote;
        private String keptAtNote;
        private List<Note> notesAtNote;
        private int lineStartAtNote;
        private boolean hasTextAtNote;
        private boolean joinedBlankAtNote;
        /** A {@code [[} before this index is known not to be a note. */
        private int notNoteUntil = -1;

        Scanner(String display, String text, Consumer<String> warnings) {
            this.display = display;
            this.text = text;
            this.warnings = warnings;
        }

        List<Line> run() {
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                char next = i + 1 < n ? text.charAt(i + 1) : '\0';
                if (c == '\n') {
                    if (inNote && isTrulyEmpty(lineStart, i)) {
                        i = notANote(i, "the empty line " + line);
                        continue;
                    }
                    endLine();
                    lineStart = i + 1;
                    if (inNote) {
                        note.append('\n');
                    }
                } else if (inBoneyard) {
                    if (c == '*' && next == '/') {
                        closeBoneyard();
                        i++;
                    } else {
                        if (c == '/' && next == '*' && nestedLine == 0) {
                            nestedLine = line;
                        }
                        boneyardOnLine |= !Character.isWhitespace(c);
                    }
                } else if (inNote) {
                    if (c == ']' && next == ']') {
                        inNote = false;
                        notes.add(new Note(noteLine, note.toString(), !hasText));
                        i++;
                    } else {
                        note.append(c);
                    }
                } else if (c == '/' && next == '*') {
                    openBoneyard();
                    i++;
                } else if (c == '[' && next == '[') {
                    if (i < notNoteUntil) {
                        cut = true; // a [[ in a text already known not to be a note: left out
                    } else {
                        openNote(i);
                    }
                    i++;
                } else if (c == '*' && next == '/') {
                    if (strayBoneyardEndLine != line) { // once a line: a million marks give one warning
                        strayBoneyardEndLine = line;
                        warn(line, "*/ " + strayBoneyardEnd());
                    }
                    cut = true;
                    i++;
                } else if (c == ']' && next == ']') {
                    if (strayNoteEndLine != line) {
                        strayNoteEndLine = line;
                        warn(line, "]] closes no note; it is left out of the shot (remove it, or open the note with [[)");
                    }
                    cut = true;
                    i++;
                } else {
                    kept.append(c);
                    hasText |= !Character.isWhitespace(c);
                }
                if (i + 1 >= n && inNote) {
                    i = notANote(n, "the end of the file");
                }
            }
            if (inBoneyard) {
                throw new InputException(display, boneyardLine, "boneyard /* opened on this line is never closed",
                        "close it with */");
            }
            endLine();
            return lines;
        }

        private void openBoneyard() {
            inBoneyard = true;
            boneyardLine = line;
            boneyardAfterText = hasText;
            nestedLine = 0;
            cut = true;
        }

        private void closeBoneyard() {
            inBoneyard = false;
            // a */ that begins its line closes a block of lines: what follows is a new paragraph
            joinedBlank |= !boneyardAfterText || (line != boneyardLine && !boneyardOnLine);
            lastOpenLine = boneyardLine;
            lastCloseLine = line;
            lastNestedLine = nestedLine;
        }

        private String strayBoneyardEnd() {
            if (lastNestedLine == 0) {
                return "closes no boneyard; it is left out of the shot (remove it, or open the boneyard with /*)";
            }
            return "closes no boneyard: boneyards do not nest, so the /* on line " + lastNestedLine
                    + " did not open a second one, the boneyard opened on line " + lastOpenLine
                    + " ended at the first */ (line " + lastCloseLine + ") and the text after it is read;"
                    + " the */ is left out of the shot (remove the inner /* and */)";
        }

        private void warn(int at, String says) {
            warnings.accept(display + ":" + at + ": " + says);
        }

        private void openNote(int at) {
            inNote = true;
            noteLine = line;
            noteStart = at;
            note.setLength(0);
            linesAtNote = lines.size();
            keptAtNote = kept.toString();
            notesAtNote = List.copyOf(notes);
            lineStartAtNote = lineStart;
            hasTextAtNote = hasText;
            joinedBlankAtNote = joinedBlank;
            cut = true;
        }

        /**
         * The open {@code [[} reached {@code where} before its {@code ]]}: it is not a note. Puts
         * back the state of just after the {@code [[}, which is left out, and returns the index
         * to read on from (less one, for the loop's increment).
         */
        private int notANote(int end, String where) {
            warn(noteLine, "[[ is not closed before " + where
                    + ", so it is not a note and its text stays in the shot; close the note with ]]"
                    + " (an empty line inside a note is written as two spaces)");
            inNote = false;
            lines.subList(linesAtNote, lines.size()).clear();
            kept.setLength(0);
            kept.append(keptAtNote);
            notes.clear();
            notes.addAll(notesAtNote);
            line = noteLine;
            lineStart = lineStartAtNote;
            hasText = hasTextAtNote;
            cut = true;
            joinedBlank = joinedBlankAtNote;
            notNoteUntil = end;
            return noteStart + 1;
        }

        /** Whether the characters {@code [from, to)} are a truly empty line: blank, and not two spaces. */
        private boolean isTrulyEmpty(int from, int to) {
            if (to - from == 2 && text.charAt(from) == ' ' && text.charAt(from + 1) == ' ') {
                return false;
            }
            for (int i = from; i < to; i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private void endLine() {
            String s = kept.toString();
            boolean removed = !hasText && (inBoneyard || inNote || !notes.isEmpty() || (cut && !joinedBlank));
            lines.add(new Line(line, s, removed, List.copyOf(notes)));
            kept.setLength(0);
            notes.clear();
            line++;
            hasText = false;
            cut = inBoneyard || inNote;
            joinedBlank = false;
            boneyardOnLine = false;
        }
    }
}
