package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Brick &amp; Steel" sample screenplay from the shared fixtures, read end to end. */
class FountainFixtureTest {

    private static final Path SCRIPT = Fixtures.get("brick-and-steel.fountain");

    /** Every shot of the script: id, first line of its paragraph, words spoken over it, prompt. */
    private static final List<String> SHOTS = List.of(
            "s1-1 14 0 A gorgeous day. The sun is shining. But BRICK BRADDOCK, retired police detective, is"
                    + " sitting quietly, contemplating -- something.",
            "s1-2 18 29 The SCREEN DOOR slides open and DICK STEEL, his former partner and fellow retiree, emerges"
                    + " with two cold beers.",
            "s1-3 32 4 Steel sits. They laugh at the dumb joke.",
            "s1-4 41 0 They drink long and well from the beers.",
            "s1-5 43 0 And then there's a long beat. Longer than is funny. Long enough to be depressing.",
            "s1-6 47 2 The men look at each other.",
            "s2-1 62 13 This is the home of THE BOY BAND, AKA DAN and JACK. They too are drinking beer, and counting"
                    + " the take from their last smash-and-grab. Money, drugs, and ridiculous props are strewn about"
                    + " the table.",
            "s2-2 72 0 Jack begins to argue vociferously in Vietnamese (?), But mercifully we...",
            "s3-1 78 14 Steel, in the middle of a heated phone call:",
            "s4-1 90 4 From what seems like only INCHES AWAY. Steel's face FILLS the Leupold Mark 4 scope.",
            "s4-2 95 1 Steel turns and looks straight into the cross-hairs.",
            "s5-1 104 0 BRICK BRADDOCK & DICK STEEL IN",
            "s5-2 107 0 BRICK & STEEL FULL RETIRED",
            "s6-1 114 6 COGNITO, the criminal mastermind, is SLAMMED against the wall.",
            "s6-2 119 8 Sure enough, it's Brick and Steel, roughing up their favorite usual suspect.",
            "s6-3 124 17 Steel SMACKS him.",
            "s6-4 132 0 As he rattles off the long list, Brick and Steel share a look. This is going to be BAD.",
            "s7-1 138 18 BRICK and STEEL get into Mom's PORSCHE, Steel at the wheel. They pause for a beat, the gravity"
                    + " of the situation catching up with them.",
            "s7-2 150 0 tegme God Stgeme go vroom!",
            "s7-3 153 0 They speed off. To destiny!",
            "s8-1 159 15 An EXTREMELY HANDSOME MAN drinks a beer. Shirtless, unfortunately. His minion approaches"
                    + " offscreen:",
            "s8-2 172 0 Beer flies.",
            "s8-3 175 14 the end");

    @TempDir
    Path dir;

    private static List<ShotDraft> parse(Path file) {
        return ScriptReader.parse(file).drafts();
    }

    private static String row(ShotDraft shot) {
        long words = Math.round(shot.extraSeconds() * Durations.WORDS_PER_SECOND);
        return shot.id() + " " + shot.line() + " " + words + " " + shot.prompt();
    }

    @Test
    void everyActionParagraphIsAShotWithTheWordsSpokenOverIt() {
        List<ShotDraft> shots = parse(SCRIPT);

        assertEquals(SHOTS, shots.stream().map(FountainFixtureTest::row).toList());
    }

    @Test
    void shotsKeepTheirSceneHeadingsInOrder() {
        List<ShotDraft> shots = parse(SCRIPT);

        assertEquals(List.of("EXT. BRICK'S PATIO - DAY", "INT. TRAILER HOME - DAY", "EXT. BRICK'S POOL - DAY",
                "SNIPER SCOPE POV", "OPENING TITLES", "EXT. WOODEN SHACK - DAY", "INT. GARAGE - DAY",
                "EXT. PALATIAL MANSION - DAY"), shots.stream().map(ShotDraft::scene).distinct().toList());
        assertEquals(6, shots.stream().filter(s -> "EXT. BRICK'S PATIO - DAY".equals(s.scene())).count());
    }

    @Test
    void dualDialogueIsSpokenOnceNotTwice() {
        ShotDraft menLook = parse(SCRIPT).get(5); // STEEL and BRICK ^ both say "Screw retirement."

        assertEquals(2 / Durations.WORDS_PER_SECOND, menLook.extraSeconds(), 1e-9);
    }

    @Test
    void cutsEndTheirShotsAndNoneOfThemFades() {
        List<ShotDraft> shots = parse(SCRIPT);

        assertEquals(Set.of(Transition.CUT), shots.stream().map(ShotDraft::transition).collect(Collectors.toSet()));
        ShotDraft afterSmashCut = shots.get(6);
        assertEquals("s2-1", afterSmashCut.id());
        assertEquals(Transition.CUT, afterSmashCut.transition());
    }

    @Test
    void titlePageNotesAndMarkupDoNotReachThePrompts() {
        String prompts = parse(SCRIPT).stream().map(ShotDraft::prompt).collect(Collectors.joining("\n"));

        for (String absent : List.of("Maschwitz", "Solvang", "Draft date", "FULL RETIRED**", "KTM", "[[", "]]",
                "supposed to be gorgeous", "*", "_", "TEST", "SMASH", "CUT TO", "PINK", "Beer's ready", "(pause)")) {
            assertFalse(prompts.contains(absent), () -> "prompts contain \"" + absent + "\":\n" + prompts);
        }
    }

    @Test
    void noShotHasAGivenDurationOrSeed() {
        for (ShotDraft shot : parse(SCRIPT)) {
            assertEquals(null, shot.durationSeconds(), shot.id());
            assertEquals(null, shot.seed(), shot.id());
        }
    }

    @Test
    void boneyardAroundAWholeSceneRemovesItsShots() throws IOException {
        String text = Files.readString(SCRIPT);
        String hidden = text.replace("INT. GARAGE - DAY", "/* INT. GARAGE - DAY")
                .replace("They speed off.  To destiny!", "They speed off.  To destiny!\n*/");
        Path copy = Files.writeString(dir.resolve("boned.fountain"), hidden);

        List<ShotDraft> shots = parse(copy);

        assertEquals(SHOTS.size() - 3, shots.size());
        assertTrue(shots.stream().noneMatch(s -> s.prompt().contains("PORSCHE")));
        assertEquals("s7-1 160 15 An EXTREMELY HANDSOME MAN drinks a beer. Shirtless, unfortunately. His minion"
                + " approaches offscreen:", row(shots.get(17)));
    }

    @Test
    void readsIntoAFilmWithDialogueAddedToEstimatedDurations() {
        Script film = new ScriptReader(new PlainAnalyzer(), TestVocabulary.get()).read(List.of(SCRIPT)).get(0);

        assertEquals("brick-and-steel", film.name());
        assertEquals(SHOTS.size(), film.shots().size());
        Shot screenDoor = film.shots().get(1); // 19 words of action, 29 of dialogue
        assertEquals((19 + 29) / Durations.WORDS_PER_SECOND, screenDoor.durationSeconds(), 1e-9);
        assertTrue(screenDoor.durationEstimated());
        assertEquals("EXT. BRICK'S PATIO - DAY", screenDoor.scene());
        assertFalse(screenDoor.hasKnownWord());
    }
}
