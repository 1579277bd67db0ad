package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boneyard and notes as fountain.io describes them, read through the screenplay reader. */
class FountainMarkupTest {

    private final List<String> warnings = new ArrayList<>();

    private List<ShotDraft> parse(String text) {
        return FountainScreenplay.parse(new SourceFile("films/heist.fountain", ScriptFormat.FOUNTAIN, "heist", "0", text),
                warnings::add);
    }

    private List<String> prompts(String text) {
        return parse(text).stream().map(ShotDraft::prompt).toList();
    }

    // --- boneyard ------------------------------------------------------------------------------

    @Test
    void boneyardBetweenATransitionAndAHeadingLeavesTheHeadingItsBlankLine() {
        List<ShotDraft> shots = parse("""
                INT. KITCHEN - NIGHT

                A kettle boils.

                DISSOLVE TO:
                /*
                INT. CELLAR - NIGHT

                A lamp swings.
                */
                EXT. GARDEN - DAWN

                Birds land on the fence.
                """);

        assertEquals(List.of("s1-1", "s2-1"), shots.stream().map(ShotDraft::id).toList());
        assertEquals(List.of("INT. KITCHEN - NIGHT", "EXT. GARDEN - DAWN"), shots.stream().map(ShotDraft::scene).toList());
        assertEquals(List.of("A kettle boils.", "Birds land on the fence."), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(Transition.CROSSFADE, shots.get(1).transition());
        assertEquals(List.of(), warnings);
    }

    @Test
    void oneLineBoneyardBetweenATransitionAndAHeading() {
        List<ShotDraft> shots = parse("A kettle boils.\n\nCUT TO:\n/* INT. CELLAR */\nEXT. GARDEN\nBirds land.\n");

        assertEquals(Arrays.asList(null, "EXT. GARDEN"), shots.stream().map(ShotDraft::scene).toList());
        assertEquals("Birds land.", shots.get(1).prompt());
    }

    @Test
    void aLineOnlyABoneyardHeldIsABlankLine() {
        assertEquals(List.of("A ball.", "A box."), prompts("A ball.\n/* cut */\nA box.\n"));
    }

    @Test
    void textBeforeAndAfterABoneyardSpanningLinesJoinsUp() {
        assertEquals(List.of("A ball rolls away."), prompts("A ball /* red\n\nand shiny */ rolls away.\n"));
    }

    @Test
    void boneyardEndingALineAfterTextLeavesTheParagraphGoing() {
        assertEquals(List.of("A ball rolls away."), prompts("A ball /* red\nand shiny */\nrolls away.\n"));
    }

    @Test
    void boneyardEndingAtTheStartOfALineEndsTheParagraph() {
        assertEquals(List.of("A ball", "rolls away."), prompts("A ball /*\ncut\n*/\nrolls away.\n"));
    }

    @Test
    void strayBoneyardEndIsLeftOutWithAWarningNamingItsLine() {
        assertEquals(List.of("A ball.", "A box."), prompts("A ball.\n\n*/\n\nA box. */\n"));

        assertEquals(List.of(
                "films/heist.fountain:3: */ closes no boneyard; it is left out of the shot (remove it, or open the"
                        + " boneyard with /*)",
                "films/heist.fountain:5: */ closes no boneyard; it is left out of the shot (remove it, or open the"
                        + " boneyard with /*)"), warnings);
    }

    @Test
    void nestedBoneyardEndsAtTheFirstCloseAndItsSecondCloseIsExplained() {
        List<String> prompts = prompts("""
                A ball.

                /* outer
                /* inner */
                A box is read.
                */

                A cone.
                """);

        assertEquals(List.of("A ball.", "A box is read.", "A cone."), prompts);
        assertEquals(List.of("films/heist.fountain:6: */ closes no boneyard: boneyards do not nest, so the /* on line 4"
                + " did not open a second one, the boneyard opened on line 3 ended at the first */ (line 4) and the"
                + " text after it is read; the */ is left out of the shot (remove the inner /* and */)"), warnings);
    }

    @Test
    void aLineOfAMillionStrayMarksGivesOneWarningInLinearTime() {
        String line = "*/]]".repeat(250_000) + "A ball.\n";

        List<String> prompts = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> prompts(line));

        assertEquals(List.of("A ball."), prompts);
        assertEquals(2, warnings.size(), "one for */, one for ]]");
    }

    // --- notes ---------------------------------------------------------------------------------

    @Test
    void twoSpacesKeepANoteOpenOverAnEmptyLine() {
        assertEquals(List.of("A lamp swings.", "The door opens."),
                prompts("A lamp swings. [[first\n  \nsecond]]\n\nThe door opens.\n"));
        assertEquals(List.of(), warnings);
    }

    @Test
    void noteBrokenByATrulyEmptyLineIsTextAndWarned() {
        assertEquals(List.of("A lamp swings. check the lamp", "The door opens."),
                prompts("A lamp swings. [[check the lamp\n\nThe door opens.\n"));

        assertEquals(List.of("films/heist.fountain:1: [[ is not closed before the empty line 2, so it is not a note"
                + " and its text stays in the shot; close the note with ]] (an empty line inside a note is written as"
                + " two spaces)"), warnings);
    }

    @Test
    void actionAfterABrokenNoteIsNotSwallowedByItsLateClose() {
        List<String> prompts = prompts("""
                INT. HALL

                A lamp swings. [[check

                The door opens.

                A dog barks.]] It runs.
                """);

        assertEquals(List.of("A lamp swings. check", "The door opens.", "A dog barks. It runs."), prompts);
        assertEquals(List.of(3, 7), warnings.stream().map(w -> Integer.parseInt(w.split(":")[1])).toList());
        assertEquals("films/heist.fountain:7: ]] closes no note; it is left out of the shot (remove it, or open the"
                + " note with [[)", warnings.get(1));
    }

    @Test
    void brokenDurationNoteSetsNoDuration() {
        List<ShotDraft> shots = parse("A lamp.\n[[duration: 4s\n\nA door.\n");

        assertEquals(List.of("A lamp. duration: 4s", "A door."), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(null, shots.get(0).durationSeconds());
    }

    @Test
    void noteNeverClosedIsTextWithAWarning() {
        assertEquals(List.of("A ball. a note"), prompts("A ball.\n[[ a note\n"));

        assertEquals(List.of("films/heist.fountain:2: [[ is not closed before the end of the file, so it is not a note"
                + " and its text stays in the shot; close the note with ]] (an empty line inside a note is written as"
                + " two spaces)"), warnings);
    }

    @Test
    void everyOpeningInABrokenNoteIsLeftOutWithOneWarning() {
        assertEquals(List.of("A b c", "D."), prompts("A [[b [[c\n\nD.\n"));
        assertEquals(1, warnings.size(), warnings::toString);
    }

    @Test
    void boneyardInsideABrokenNoteIsABoneyard() {
        assertEquals(List.of("A lamp. see", "A door."), prompts("A lamp. [[see /* the\n\nold */\n\nA door.\n"));
    }

    @Test
    void aLineOfOpeningsBeforeAnEmptyLineIsReadInLinearTime() {
        String text = "[[".repeat(500_000) + "A box.\n\nA ball.\n";

        List<String> prompts = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> prompts(text));

        assertEquals(List.of("A box.", "A ball."), prompts);
        assertEquals(1, warnings.size());
    }

    @Test
    void closedNotesStillWarnNothing() {
        assertEquals(List.of("A gorgeous day. The sun shines."),
                prompts("A gorgeous day. [[is it?]]\n[[a note\nover two lines]]\nThe sun [[really]] shines.\n"));
        assertEquals(List.of(), warnings);
    }
}
