package org.reelfarm.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fountain screenplays ({@code .fountain}, {@code .spmd}; syntax of fountain.io): every action
 * paragraph is a shot, and what is said over it lengthens it.
 *
 * <ul>
 *   <li>A shot's prompt is its action paragraph, lines joined by a space, emphasis removed;
 *       centred text ({@code >TITLE<}) is action too, so title cards are shots. Its line is the
 *       paragraph's first line; its scene is the heading above it, without scene number.
 *   <li>Dialogue and lyrics ({@code ~}) extend the shot they follow by their words at
 *       {@link Durations#WORDS_PER_SECOND}; character cues and parentheticals are not spoken.
 *       Dual dialogue ({@code ^}) is spoken at the same time as the block before it, so the
 *       shot grows only by what the longer of the two adds.
 *   <li>Dialogue with no shot to extend (first in its scene, or after a transition) makes a
 *       shot of its own at the character cue: the scene's location (the heading without
 *       {@code INT.}/{@code EXT.}), or outside any scene the speaker's name.
 *   <li>{@code [[duration: 6s]]} sets the duration of the last shot begun before it, in any
 *       scene (accepted forms: {@link DurationNote}); every other note is dropped.
 *   <li>A transition sets how the next shot begins: dissolves and crossfades → crossfade,
 *       anything with FADE ({@code FADE OUT.}, {@code FADE IN:}, {@code FADE TO BLACK.}) → fade,
 *       every other ({@code CUT TO:}, {@code SMASH CUT TO:}, {@code > BURN TO PINK.}) → cut. The
 *       last of several transitions wins; one after the last shot has nothing to begin.
 *   <li>Ids are {@code s<scene>-<n>}: the scene's number ({@code #12A#}) or its position among
 *       the headings, and the shot's position in the scene; {@code s0-<n>} before any heading.
 *   <li>Title page, sections {@code #}, synopses {@code =}, page breaks {@code ===}, boneyard
 *       and notes make no shots, and their text is dropped ({@link FountainMarkup}: how boneyard
 *       and notes are cut out, and the warnings for markup that opens or closes nothing).
 * </ul>
 *
 * <p>Scene headings begin with {@code INT}, {@code EXT}, {@code EST}, {@code INT./EXT},
 * {@code EXT./INT}, {@code I/E} or {@code I./E} (any case) and a dot or a space.
 * Unforced elements follow the Fountain rules: scene headings, transitions and character
 * cues need a blank line (or the start) before them; a cue is an upper-case line with text
 * right after it. One leniency: an upper-case line ending in {@code TO:} after a blank line is
 * a transition even without a blank line after it (no character is called "CUT TO:").
 */
final class FountainScreenplay {

    private static final String PREFIXES = "(?i:INT\\.?/EXT|EXT\\.?/INT|INT|EXT|EST|I\\.?/E)";
    private static final Pattern SCENE_HEADING = Pattern.compile(PREFIXES + "[. ].*");
    private static final Pattern SCENE_PREFIX = Pattern.compile("^" + PREFIXES + "\\.?\\s*");
    private static final Pattern SCENE_NUMBER = Pattern.compile("\\s*#([\\p{L}\\p{N}.-]+)#$");
    private static final Pattern FORCED_HEADING = Pattern.compile("\\.[\\p{L}\\p{N}].*");
    private static final Pattern CENTRED = Pattern.compile(">(.*)<");
    private static final Pattern PAGE_BREAK = Pattern.compile("={3,}");
    private static final Pattern FADE_LINE = Pattern.compile("(?:FADE IN|FADE OUT|FADE TO BLACK|CUT TO BLACK)[.:]");
    private static final Pattern PARENTHETICAL = Pattern.compile("\\(.*\\)");
    private static final Pattern CUE = Pattern.compile("([^()]*?)\\s*(?:\\([^()]*\\)\\s*)*");
    private static final Pattern CROSSFADE = Pattern.compile("DISSOLVE|CROSS[ -]?FADE");

    private static final Logger LOG = LoggerFactory.getLogger(FountainScreenplay.class);

    private FountainScreenplay() {}

    static List<ShotDraft> parse(SourceFile file) {
        return parse(file, LOG::warn);
    }

    /** Test seam: {@code warnings} receives each warning (file:line: text) instead of the log. */
    static List<ShotDraft> parse(SourceFile file, Consumer<String> warnings) {
        return new Parser(file.display(), FountainMarkup.lines(file.display(), file.text(), warnings)).run();
    }

    /** How a line ending in {@code TO:} (or a forced transition) begins the next shot. */
    private static Transition transition(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (CROSSFADE.matcher(upper).find()) {
            return Transition.CROSSFADE;
        }
        return upper.contains("FADE") ? Transition.FADE : Transition.CUT;
    }

    /** A character cue, or null: an upper-case name (or {@code @} and any name), extensions, {@code ^}. */
    private static Cue cue(String line) {
        boolean forced = line.startsWith("@");
        String s = forced ? line.substring(1).strip() : line;
        boolean dual = s.endsWith("^");
        if (dual) {
            s = s.substring(0, s.length() - 1).strip();
        }
        Matcher m = CUE.matcher(s);
        if (!m.matches()) {
            return null;
        }
        String name = FountainText.inline(m.group(1));
        if (name.isEmpty() || !(forced || FountainText.isUpperCase(name))) {
            return null;
        }
        return new Cue(name, dual);
    }

    private record Cue(String name, boolean dual) {}

    private enum Mode { NONE, ACTION, DIALOGUE }

    private static final class Scene {
        final String heading;
        final String key;
        final String location;
        int shots;

        Scene(String heading, String key, String location) {
            this.heading = heading;
            this.key = key;
            this.location = location;
        }
    }

    /** A shot while its file is read: the text grows line by line, dialogue adds words. */
    private static final class Draft {
        final int line;
        final Scene scene;
        final int number;
        final Transition transition;
        final StringBuilder prompt = new StringBuilder();
        int spokenWords;
        Double seconds;
        int durationLine;

        Draft(int line, Scene scene, int number, Transition transition) {
            this.line = line;
            this.scene = scene;
            this.number = number;
            this.transition = transition;
        }

        void append(String text) {
            if (prompt.length() > 0) {
                prompt.append(' ');
            }
            prompt.append(text);
        }
    }

    /** One pass over the lines. */
    private static final class Parser {
        private final String display;
        private final List<FountainMarkup.Line> lines;
        private final List<Draft> shots = new ArrayList<>();
        private Scene scene;
        private int scenes;
        private int shotsOutsideScenes;
        /** The shot dialogue extends: the last shot of the current scene, or null. */
        private Draft current;
        /** The action shot being written, while in an action paragraph. */
        private Draft paragraph;
        private Transition pendingTransition;
        private Mode mode = Mode.NONE;
        private boolean afterBlank = true;
        private Draft speaker;
        private int blockWords;
        private int dualBase;
        private boolean blockDual;
        private boolean lastWasDialogue;
        private int lastBlockWords;

        Parser(String display, List<FountainMarkup.Line> lines) {
            this.display = display;
            this.lines = lines;
        }

        List<ShotDraft> run() {
            for (int i = FountainText.titlePageEnd(lines); i < lines.size(); i++) {
                FountainMarkup.Line line = lines.get(i);
                notes(line, true);
                if (!line.removed()) {
                    element(line, nextIsText(i));
                }
                notes(line, false);
            }
            endElement();
            if (shots.isEmpty()) {
                throw new InputException(display, 0, "screenplay has no action or dialogue, so no shots",
                        "write what the camera sees as an action paragraph under a scene heading such as"
                                + " INT. HOUSE - DAY");
            }
            return drafts();
        }

        private boolean nextIsText(int i) {
            for (int j = i + 1; j < lines.size(); j++) {
                if (!lines.get(j).removed()) {
                    return lines.get(j).isText();
                }
            }
            return false;
        }

        private void element(FountainMarkup.Line line, boolean textFollows) {
            if (line.text().isBlank()) {
                if (!line.isBlank() && mode != Mode.NONE) {
                    return; // two spaces: an empty line inside dialogue or action
                }
                endElement();
                afterBlank = true;
                return;
            }
            String s = line.text().strip();
            if (mode == Mode.DIALOGUE) {
                spoken(s);
                return;
            }
            boolean blankBefore = afterBlank;
            afterBlank = false;
            Matcher centred = CENTRED.matcher(s);
            Cue cue = blankBefore && textFollows ? cue(s) : null;
            if (s.startsWith("!")) {
                action(s.substring(1), line.number());
            } else if (PAGE_BREAK.matcher(s).matches() || s.startsWith("#") || s.startsWith("=")) {
                endElement(); // page breaks, sections and synopses separate like a blank line
                afterBlank = true;
            } else if (centred.matches()) {
                action(centred.group(1), line.number());
            } else if (s.startsWith(">")) {
                transitionLine(s.substring(1));
            } else if (s.startsWith("~")) {
                lyric(s.substring(1), line.number());
            } else if (blankBefore && FORCED_HEADING.matcher(s).matches()) {
                sceneHeading(s.substring(1), true);
            } else if (blankBefore && SCENE_HEADING.matcher(s).matches()) {
                sceneHeading(s, false);
            } else if (blankBefore && FountainText.isUpperCase(s)
                    && (s.endsWith("TO:") || FADE_LINE.matcher(s).matches())) {
                transitionLine(s);
            } else if (cue != null) {
                dialogue(cue, line.number());
            } else {
                action(s, line.number());
            }
        }

        private void notes(FountainMarkup.Line line, boolean beforeText) {
            for (FountainMarkup.Note note : line.notes()) {
                if (note.beforeText() == beforeText) {
                    note(note);
                }
            }
        }

        private void note(FountainMarkup.Note note) {
            String value = DurationNote.value(note.text());
            if (value == null) {
                return;
            }
            double seconds = DurationNote.seconds(value);
            if (Double.isNaN(seconds)) {
                String shown = note.text().strip().replaceAll("\\s+", " ");
                throw new InputException(display, note.line(), "duration note [[" + shown + "]] is not a duration",
                        DurationNote.FORMS);
            }
            if (!Durations.allowed(seconds)) {
                throw new InputException(display, note.line(), "duration " + value + " is out of range",
                        "use a duration greater than 0 and at most 24 h");
            }
            if (shots.isEmpty()) {
                throw new InputException(display, note.line(), "duration note comes before any shot",
                        "put [[duration: ...]] after the action paragraph whose duration it sets");
            }
            Draft last = shots.get(shots.size() - 1);
            if (last.durationLine > 0) {
                throw new InputException(display, note.line(), "the shot on line " + last.line
                        + " already has a duration note on line " + last.durationLine,
                        "keep one [[duration: ...]] note per shot");
            }
            last.seconds = seconds;
            last.durationLine = note.line();
        }

        private void action(String text, int lineNumber) {
            if (mode != Mode.ACTION) {
                endElement();
                mode = Mode.ACTION;
            }
            lastWasDialogue = false;
            String clean = FountainText.inline(text);
            if (clean.isEmpty()) {
                return;
            }
            if (paragraph == null) {
                paragraph = newShot(lineNumber);
            }
            paragraph.append(clean);
        }

        private void sceneHeading(String text, boolean forced) {
            endElement();
            lastWasDialogue = false;
            String heading = text.strip();
            String number = null;
            Matcher m = SCENE_NUMBER.matcher(heading);
            if (m.find()) {
                number = ShotIds.slug(m.group(1), false);
                heading = heading.substring(0, m.start());
            }
            heading = FountainText.inline(heading);
            scenes++;
            String location = forced ? heading : SCENE_PREFIX.matcher(heading).replaceFirst("").strip();
            scene = new Scene(heading, number == null || number.isEmpty() ? String.valueOf(scenes) : number,
                    location.isEmpty() ? heading : location);
            current = null;
        }

        private void transitionLine(String text) {
            endElement();
            lastWasDialogue = false;
            pendingTransition = transition(text);
        }

        private void dialogue(Cue cue, int lineNumber) {
            endElement();
            mode = Mode.DIALOGUE;
            speaker = shotToSpeakOver(lineNumber, cue.name());
            blockWords = 0;
            blockDual = cue.dual() && lastWasDialogue;
            dualBase = blockDual ? lastBlockWords : 0;
        }

        private void spoken(String line) {
            if (PARENTHETICAL.matcher(line).matches()) {
                return;
            }
            int words = FountainText.words(FountainText.inline(line.startsWith("~") ? line.substring(1) : line));
            int before = Math.max(0, blockWords - dualBase);
            blockWords += words;
            speaker.spokenWords += Math.max(0, blockWords - dualBase) - before;
        }

        private void lyric(String text, int lineNumber) {
            endElement();
            lastWasDialogue = false;
            String clean = FountainText.inline(text);
            if (!clean.isEmpty()) {
                shotToSpeakOver(lineNumber, clean).spokenWords += FountainText.words(clean);
            }
        }

        private Draft shotToSpeakOver(int lineNumber, String speakerOrText) {
            if (current != null && pendingTransition == null) {
                return current;
            }
            Draft shot = newShot(lineNumber);
            shot.append(scene != null ? scene.location : speakerOrText);
            return shot;
        }

        private Draft newShot(int lineNumber) {
            Transition transition = pendingTransition == null ? Transition.CUT : pendingTransition;
            pendingTransition = null;
            int number = scene == null ? ++shotsOutsideScenes : ++scene.shots;
            Draft shot = new Draft(lineNumber, scene, number, transition);
            shots.add(shot);
            current = shot;
            return shot;
        }

        private void endElement() {
            if (mode == Mode.DIALOGUE) {
                lastWasDialogue = true;
                lastBlockWords = blockDual ? Math.max(dualBase, blockWords) : blockWords;
                speaker = null;
            }
            mode = Mode.NONE;
            paragraph = null;
        }

        private List<ShotDraft> drafts() {
            Set<String> ids = new HashSet<>();
            List<ShotDraft> drafts = new ArrayList<>(shots.size());
            for (Draft d : shots) {
                String base = "s" + (d.scene == null ? "0" : d.scene.key) + "-" + d.number;
                String id = base;
                for (int n = 2; !ids.add(id); n++) {
                    id = base + "-" + n;
                }
                drafts.add(new ShotDraft(id, d.line, d.prompt.toString(), d.seconds, null,
                        d.scene == null ? null : d.scene.heading, d.transition,
                        d.spokenWords / Durations.WORDS_PER_SECOND));
            }
            return drafts;
        }
    }
}
