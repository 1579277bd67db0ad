package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FountainScreenplayTest {

    private static List<ShotDraft> parse(String text) {
        return FountainScreenplay.parse(
                new SourceFile("films/heist.fountain", ScriptFormat.FOUNTAIN, "heist", "0", text));
    }

    private static String error(String text) {
        return assertThrows(InputException.class, () -> parse(text)).getMessage();
    }

    private static List<String> prompts(String text) {
        return parse(text).stream().map(ShotDraft::prompt).toList();
    }

    private static List<String> ids(String text) {
        return parse(text).stream().map(ShotDraft::id).toList();
    }

    /** Words spoken over each shot. */
    private static List<Long> spoken(String text) {
        return parse(text).stream().map(s -> Math.round(s.extraSeconds() * Durations.WORDS_PER_SECOND)).toList();
    }

    // --- action, scenes, ids -------------------------------------------------------------------

    @Test
    void eachActionParagraphIsAShotInItsScene() {
        List<ShotDraft> shots = parse("""
                INT. KITCHEN - NIGHT

                A red ball rolls
                across the   table.

                It stops.

                EXT. GARDEN - DAY

                A blue box sits still.
                """);

        assertEquals(List.of(
                new ShotDraft("s1-1", 3, "A red ball rolls across the table.", null, null, "INT. KITCHEN - NIGHT",
                        Transition.CUT, 0),
                new ShotDraft("s1-2", 6, "It stops.", null, null, "INT. KITCHEN - NIGHT", Transition.CUT, 0),
                new ShotDraft("s2-1", 10, "A blue box sits still.", null, null, "EXT. GARDEN - DAY",
                        Transition.CUT, 0)),
                shots);
    }

    @Test
    void actionBeforeAnySceneHeadingHasNoScene() {
        List<ShotDraft> shots = parse("A red ball.\n\nINT. HALL - DAY\n\nA blue box.\n");

        assertEquals(List.of("s0-1", "s1-1"), shots.stream().map(ShotDraft::id).toList());
        assertEquals(null, shots.get(0).scene());
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT. HALL", "EXT. HALL", "EST. HALL", "INT./EXT. HALL", "INT/EXT HALL", "I/E HALL",
        "I./E. HALL", "i./e. hall", "int. hall", "EXT HALL", "EXT./INT. HALL"})
    void sceneHeadingsStartWithTheirPrefixes(String heading) {
        List<ShotDraft> shots = parse(heading + "\n\nA red ball.\n");

        assertEquals(heading, shots.get(0).scene());
        assertEquals(1, shots.size());
    }

    @Test
    void dialogueUnderAnIntExtHeadingWithDotsIsAShotOfItsLocation() {
        assertEquals(List.of("CAR - MOVING"), prompts("I./E. CAR - MOVING\n\nBRICK\nDrive.\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INTERIOR HALL", "EXTRA TIME", "ESTABLISHING SHOT", "INTO THE NIGHT"})
    void wordsThatOnlyBeginLikeAPrefixAreNotHeadings(String words) {
        assertEquals(List.of(words + " is dark."), prompts(words + " is dark.\n"));
    }

    @Test
    void sceneHeadingFollowedDirectlyByActionStartsTheScene() {
        List<ShotDraft> shots = parse("EXT. PATIO - DAY\nA gorgeous day.\n");

        assertEquals(List.of(new ShotDraft("s1-1", 2, "A gorgeous day.", null, null, "EXT. PATIO - DAY",
                Transition.CUT, 0)), shots);
    }

    @Test
    void sceneHeadingNeedsABlankLineBefore() {
        assertEquals(List.of("He walks in. INT. HALL - DAY is painted on the door."),
                prompts("He walks in.\nINT. HALL - DAY is painted on the door.\n"));
    }

    @Test
    void leadingPeriodForcesASceneHeadingButAnEllipsisDoesNot() {
        List<ShotDraft> shots = parse(".SNIPER SCOPE POV\n\nCrosshairs.\n\n...and then nothing.\n");

        assertEquals(List.of("SNIPER SCOPE POV", "SNIPER SCOPE POV"), shots.stream().map(ShotDraft::scene).toList());
        assertEquals(List.of("Crosshairs.", "...and then nothing."), shots.stream().map(ShotDraft::prompt).toList());
    }

    @Test
    void sceneNumbersNameTheShotsAndLeaveTheHeading() {
        List<ShotDraft> shots = parse(
                "INT. HALL - DAY #12A#\n\nA.\n\nB.\n\nEXT. YARD #I-1.2#\n\nC.\n\nINT. ROOF\n\nD.\n");

        assertEquals(List.of("s12A-1", "s12A-2", "sI-1-2-1", "s3-1"), shots.stream().map(ShotDraft::id).toList());
        assertEquals("INT. HALL - DAY", shots.get(0).scene());
    }

    @Test
    void repeatedSceneNumbersStillGiveUniqueIds() {
        assertEquals(List.of("s1-1", "s1-1-2", "s1-2"), ids("INT. A #1#\n\nA.\n\nINT. B #1#\n\nB.\n\nC.\n"));
    }

    @Test
    void exclamationMarkForcesAction() {
        List<ShotDraft> shots = parse("!INT. NOT A HEADING\n\n!BOOM\nThe door explodes.\n");

        assertEquals(List.of("INT. NOT A HEADING", "BOOM The door explodes."),
                shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(List.of(0L, 0L), spoken("!INT. NOT A HEADING\n\n!BOOM\nThe door explodes.\n"));
    }

    @Test
    void upperCaseLineWithoutTextUnderItIsAction() {
        assertEquals(List.of("A red ball.", "BOOM.", "Smoke."), prompts("A red ball.\n\nBOOM.\n\nSmoke.\n"));
    }

    // --- dialogue ----------------------------------------------------------------------------

    @Test
    void dialogueExtendsTheShotBeforeItBySpeakingTime() {
        List<ShotDraft> shots = parse("""
                INT. HALL - DAY

                A red ball rolls in.

                BRICK
                Look at that ball!

                STEEL (V.O.)
                (whispering)
                It is red.
                """);

        assertEquals(1, shots.size());
        assertEquals(7 / Durations.WORDS_PER_SECOND, shots.get(0).extraSeconds(), 1e-12); // 4 + 3 words
        assertEquals("A red ball rolls in.", shots.get(0).prompt());
    }

    @Test
    void characterNamesExtensionsAndParentheticalsAreNotSpoken() {
        assertEquals(List.of(2L), spoken("""
                A ball.

                MR. STEEL (CONT'D) (O.S.)
                (beat)
                Hello there.
                (pause)
                """));
    }

    @Test
    void atSignForcesACharacterCueWithLowerCase() {
        assertEquals(List.of(3L), spoken("A ball.\n\n@McCLANE\nYippee ki yay.\n"));
    }

    @Test
    void lowerCaseLineIsActionNotACharacter() {
        assertEquals(List.of("A ball.", "tegme God go vroom!"), prompts("A ball.\n\ntegme\nGod go vroom!\n"));
    }

    @Test
    void dualDialogueCountsOnlyTheLongerOfTheTwo() {
        // 2 words, 4 words at the same time, then 1 more
        assertEquals(List.of(5L), spoken("""
                A ball.

                BRICK
                Screw retirement.

                STEEL ^
                Screw retirement, said I.

                DAN
                Yes.
                """));
    }

    @Test
    void dualDialogueShorterThanTheFirstAddsNothing() {
        assertEquals(List.of(4L), spoken("A ball.\n\nBRICK\nOne two three four.\n\nSTEEL ^\nOne.\n"));
    }

    @Test
    void twoSpacesKeepDialogueGoingOverAnEmptyLine() {
        assertEquals(List.of(4L), spoken("A ball.\n\nBRICK\nOne two.\n  \nThree four.\n"));
    }

    @Test
    void emphasisInDialogueIsNotAWord() {
        assertEquals(List.of(2L), spoken("A ball.\n\nBRICK\n*Hello* _there_ **\n"));
    }

    @Test
    void dialogueBeforeAnyActionInASceneIsAShotOfTheLocation() {
        List<ShotDraft> shots = parse("""
                INT. TRAILER HOME - DAY

                DAN
                Then let's retire them.

                Jack argues.
                """);

        assertEquals(List.of(
                new ShotDraft("s1-1", 3, "TRAILER HOME - DAY", null, null, "INT. TRAILER HOME - DAY", Transition.CUT,
                        4 / Durations.WORDS_PER_SECOND),
                new ShotDraft("s1-2", 6, "Jack argues.", null, null, "INT. TRAILER HOME - DAY", Transition.CUT, 0)),
                shots);
    }

    @Test
    void dialogueBeforeAnySceneIsAShotOfTheSpeaker() {
        List<ShotDraft> shots = parse("NARRATOR (V.O.)\nOnce upon a time.\n");

        assertEquals(List.of(new ShotDraft("s0-1", 1, "NARRATOR", null, null, null, Transition.CUT,
                4 / Durations.WORDS_PER_SECOND)), shots);
    }

    @Test
    void dialogueDoesNotCarryIntoTheNextScene() {
        List<ShotDraft> shots = parse("INT. A\n\nA ball.\n\nINT. B\n\nBRICK\nHi there.\n");

        assertEquals(List.of("A ball.", "B"), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(List.of(0L, 2L), spoken("INT. A\n\nA ball.\n\nINT. B\n\nBRICK\nHi there.\n"));
    }

    @Test
    void dialogueAfterATransitionBeginsANewShot() {
        List<ShotDraft> shots = parse("INT. HALL\n\nA ball.\n\nDISSOLVE TO:\n\nBRICK\nHi there.\n");

        assertEquals(List.of("A ball.", "HALL"), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(Transition.CROSSFADE, shots.get(1).transition());
        assertEquals(2 / Durations.WORDS_PER_SECOND, shots.get(1).extraSeconds(), 1e-12);
    }

    @Test
    void lyricsAreSungOverTheShot() {
        assertEquals(List.of(7L), spoken("A ball.\n\n~Willy Wonka! Willy Wonka!\n~The amazing chocolatier!\n"));
    }

    // --- transitions -------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CUT TO:                | CUT",
        "SMASH CUT TO:          | CUT",
        "MATCH CUT TO:          | CUT",
        "DISSOLVE TO:           | CROSSFADE",
        "CROSSFADE TO:          | CROSSFADE",
        "CROSS DISSOLVE TO:     | CROSSFADE",
        "CROSS-FADE TO:         | CROSSFADE",
        "FADE TO:               | FADE",
        "FADE TO BLACK.         | FADE",
        "FADE OUT.              | FADE",
        "FADE IN:               | FADE",
        "> BURN TO WHITE.       | CUT",
        "> Slow dissolve        | CROSSFADE",
        ">fade through white    | FADE",
        "                CUT TO: | CUT",
    })
    void transitionsSetHowTheNextShotBegins(String line, Transition expected) {
        List<ShotDraft> shots = parse("A red ball.\n\n" + line + "\n\nA blue box.\n");

        assertEquals(List.of(Transition.CUT, expected), shots.stream().map(ShotDraft::transition).toList());
        assertEquals(List.of("A red ball.", "A blue box."), shots.stream().map(ShotDraft::prompt).toList());
    }

    @Test
    void transitionCarriesOverASceneHeading() {
        List<ShotDraft> shots = parse("A ball.\n\nFADE OUT.\n\nINT. HALL\n\nA box.\n");

        assertEquals(Transition.FADE, shots.get(1).transition());
    }

    @Test
    void fadeInAtTheStartFadesTheFirstShotIn() {
        List<ShotDraft> shots = parse("FADE IN:\n\nINT. HALL\n\nA box.\n");

        assertEquals(List.of(new ShotDraft("s1-1", 5, "A box.", null, null, "INT. HALL", Transition.FADE, 0)), shots);
    }

    @Test
    void lastOfSeveralTransitionsWins() {
        assertEquals(Transition.CROSSFADE, parse("A.\n\nCUT TO:\n\nDISSOLVE TO:\n\nB.\n").get(1).transition());
    }

    @Test
    void transitionAfterTheLastShotIsDropped() {
        assertEquals(List.of("A ball."), prompts("A ball.\n\nFADE OUT.\n"));
    }

    @Test
    void lowerCaseOrMidParagraphToIsNotATransition() {
        assertEquals(List.of("He walks to:", "A box. CUT TO: the chase."),
                prompts("He walks to:\n\nA box.\nCUT TO: the chase.\n"));
    }

    @Test
    void centredTextIsActionNotATransition() {
        List<ShotDraft> shots = parse(".OPENING TITLES\n> BRICK & STEEL <\n>FULL RETIRED<\n\n> THE END <\n");

        assertEquals(List.of("BRICK & STEEL FULL RETIRED", "THE END"), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(List.of(Transition.CUT, Transition.CUT), shots.stream().map(ShotDraft::transition).toList());
    }

    @Test
    void forcedTransitionRightAboveCentredTextCutsToIt() {
        List<ShotDraft> shots = parse("Beer flies.\n\n> BURN TO PINK.\n>the end<\n");

        assertEquals(List.of("Beer flies.", "the end"), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(4, shots.get(1).line());
        assertEquals(Transition.CUT, shots.get(1).transition());
    }

    // --- title page, notes, boneyard, structure ----------------------------------------------

    @Test
    void titlePageWithIndentedValuesIsNotAShot() {
        List<ShotDraft> shots = parse("""
                Title:
                \t_**BRICK & STEEL**_
                    FULL RETIRED
                Credit: Written by
                Author: Stu Maschwitz
                Contact:
                \tNext Level Productions
                \tSolvang, CA

                A gorgeous day.
                """);

        assertEquals(List.of(new ShotDraft("s0-1", 10, "A gorgeous day.", null, null, null, Transition.CUT, 0)), shots);
    }

    @Test
    void titlePageKeysLaterInTheScriptAreAction() {
        assertEquals(List.of("A ball.", "Title: not a title page"), prompts("A ball.\n\nTitle: not a title page\n"));
    }

    @Test
    void firstParagraphWithoutStandardKeysIsNotATitlePage() {
        assertEquals(List.of("Note: the house is empty."), prompts("Note: the house is empty.\n"));
    }

    @Test
    void notesAreRemovedEvenAcrossLinesAndDoNotSplitParagraphs() {
        List<ShotDraft> shots = parse("""
                A gorgeous day. [[is it?]]
                [[a note
                over two lines]]
                The sun [[really]] shines.
                [[trailing note]]

                B.
                """);

        assertEquals(List.of("A gorgeous day. The sun shines.", "B."), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(7, shots.get(1).line());
    }

    @Test
    void boneyardIsRemovedEvenAcrossParagraphs() {
        List<ShotDraft> shots = parse("""
                A ball /* that is red */ rolls.

                /* INT. CUT SCENE

                Gone.

                */
                A box.
                """);

        assertEquals(List.of("A ball rolls.", "A box."), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(List.of("s0-1", "s0-2"), shots.stream().map(ShotDraft::id).toList());
    }

    @Test
    void boneyardAroundACharacterCueLeavesItsBlankLineBefore() {
        assertEquals(List.of(2L), spoken("A ball.\n\n/* [[x]] */\nBRICK\nHi there.\n"));
    }

    @Test
    void unclosedBoneyardIsAnErrorWhereItOpens() {
        assertEquals("films/heist.fountain:3: boneyard /* opened on this line is never closed; close it with */",
                error("A ball.\n\nA /* box.\n\nMore.\n"));
    }

    @Test
    void sectionsSynopsesAndPageBreaksMakeNoShots() {
        List<ShotDraft> shots = parse("""
                # Act One

                ## Sequence

                = The heroes meet.

                INT. HALL
                = Synopsis of the scene.

                A ball.
                ===
                A box.
                """);

        assertEquals(List.of("A ball.", "A box."), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(List.of("INT. HALL", "INT. HALL"), shots.stream().map(ShotDraft::scene).toList());
    }

    @Test
    void emphasisMarksAreRemovedAndEscapesKept() {
        assertEquals(List.of("bold italic both underlined nested under-bold 5 * 3 \\*stars\\* *literal* snake_case"
                        .replace("\\*", "*")),
                prompts("**bold** *italic* ***both*** _underlined_ _nested **under-bold**_ 5 * 3 \\*stars\\*"
                        + " \\*literal\\* snake_case\n"));
    }

    @Test
    void unpairedEmphasisMarkIsKept() {
        assertEquals(List.of("A *ball and a_b"), prompts("A *ball and a_b\n"));
    }

    @Test
    void aLineOfMegabytesParsesInLinearTime() {
        String line = "*a _b ".repeat(400_000);

        List<ShotDraft> shots = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parse(line + "\n"));

        assertEquals(2_400_000 - 1, shots.get(0).prompt().length());
    }

    // --- duration notes ----------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "duration: 6s        | 6",
        "duration: 6         | 6",
        "duration: 6.5 s     | 6.5",
        "duration: 6 sec     | 6",
        "Duration = 8 seconds| 8",
        "DURATION:2 secs     | 2",
        "duration: 1m30s     | 90",
        "duration: 1 min 30 s| 90",
        "duration: 1m 30     | 90",
        "duration: 2 minutes | 120",
        "duration: 1.5m      | 90",
        "duration: 1440m     | 86400",
    })
    void durationNoteSetsTheDurationOfTheShotBeforeIt(String note, double seconds) {
        List<ShotDraft> shots = parse("A ball.\n[[" + note + "]]\n\nA box.\n");

        assertEquals(seconds, shots.get(0).durationSeconds());
        assertEquals(null, shots.get(1).durationSeconds());
    }

    @Test
    void durationNoteAfterDialogueSetsTheShotTheDialogueExtends() {
        List<ShotDraft> shots = parse("A ball.\n\nBRICK\nHello there. [[duration: 4s]]\n\nA box.\n");

        assertEquals(4.0, shots.get(0).durationSeconds());
        assertEquals(2 / Durations.WORDS_PER_SECOND, shots.get(0).extraSeconds(), 1e-12);
    }

    @Test
    void durationNoteOpeningAParagraphTimesTheShotBeforeIt() {
        List<ShotDraft> shots = parse("A ball.\n\n[[duration: 3s]] A box.\n");

        assertEquals(List.of("A ball.", "A box."), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(3.0, shots.get(0).durationSeconds());
        assertEquals(null, shots.get(1).durationSeconds());
    }

    @Test
    void otherNotesLeaveTheDurationAlone() {
        assertEquals(null, parse("A ball.\n[[duration is a worry here]]\n").get(0).durationSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"six seconds", "6 hours", "500ms", "-2s", "", "1m30m", "6,5s"})
    void durationNoteThatIsNotADurationSaysWhichFormsWork(String value) {
        String shown = ("duration: " + value).strip();
        assertEquals("films/heist.fountain:2: duration note [[" + shown + "]] is not a duration"
                        + "; write seconds, minutes, or minutes and seconds, e.g."
                        + " [[duration: 6s]], [[duration: 6.5 sec]] or [[duration: 1m30s]]",
                error("A ball.\n[[duration: " + value + "]]\n"));
    }

    @Test
    void multiLineDurationNoteIsQuotedOnOneLine() {
        assertEquals("films/heist.fountain:2: duration note [[duration: about six seconds]] is not a duration; write"
                + " seconds, minutes, or minutes and seconds, e.g. [[duration: 6s]], [[duration: 6.5 sec]] or"
                + " [[duration: 1m30s]]", error("A ball.\n[[duration:\n  about six\n  seconds]]\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0", "86401s", "1441m", "0.0 sec"})
    void durationNoteOutOfRangeIsAnError(String value) {
        assertEquals("films/heist.fountain:1: duration " + value + " is out of range; use a duration greater than 0"
                + " and at most 24 h", error("A ball. [[duration: " + value + "]]\n"));
    }

    @Test
    void durationNoteBeforeAnyShotIsAnError() {
        assertEquals("films/heist.fountain:3: duration note comes before any shot; put [[duration: ...]] after the"
                + " action paragraph whose duration it sets", error("INT. HALL\n\n[[duration: 4s]]\n\nA ball.\n"));
    }

    @Test
    void secondDurationNoteForOneShotIsAnError() {
        assertEquals("films/heist.fountain:3: the shot on line 1 already has a duration note on line 2; keep one"
                + " [[duration: ...]] note per shot", error("A ball.\n[[duration: 4s]]\n[[duration: 5s]]\n"));
    }

    // --- whole files -------------------------------------------------------------------------

    @Test
    void screenplayWithoutActionOrDialogueIsAnError() {
        assertEquals("films/heist.fountain: screenplay has no action or dialogue, so no shots; write what the camera"
                + " sees as an action paragraph under a scene heading such as INT. HOUSE - DAY",
                error("Title: Heist\nAuthor: Me\n\nINT. HALL - DAY\n\n# Act one\n\nCUT TO:\n\n[[just a note]]\n"));
    }

    @Test
    void crlfAndByteOrderMarkReadLikePlainLineEnds(@TempDir Path dir) {
        String text = "Title: Heist\n\nINT. HALL\n\nA ball.\n\nBRICK\nHi there.\n";
        Path crlf = Files2.write(dir, "crlf.fountain", "\uFEFF" + text.replace("\n", "\r\n"));
        Path spmd = Files2.write(dir, "plain.spmd", text);

        assertEquals(ScriptReader.parse(spmd).drafts(), ScriptReader.parse(crlf).drafts());
        assertEquals(List.of(new ShotDraft("s1-1", 5, "A ball.", null, null, "INT. HALL", Transition.CUT,
                2 / Durations.WORDS_PER_SECOND)), ScriptReader.parse(crlf).drafts());
    }
}
