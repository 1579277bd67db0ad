package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example lesson and the shared "Brick &amp; Steel" screenplay plan as they did before
 * the input rules of issue 15: the rows below were recorded with the reader of that time (id,
 * line, duration, whether estimated, scene, transition, prompt). Only the lesson's description
 * line would change, by the rule that text before the first {@code ##} is an opening shot, so the
 * example keeps it in a comment; the second test pins what that rule makes of it.
 */
class ExampleInputsTest {

    private static final List<String> LESSON = List.of(
            "rising-sun | 5 | 7.6000 | true | null | CUT | A yellow circle moves up on a blue background. Watch how"
                    + " it climbs and wraps around to the bottom.",
            "red-square | 9 | 7.2000 | true | null | CUT | A red square moves right on a white background. The square"
                    + " keeps its size while it slides across.",
            "bouncing-triangle | 13 | 6.8000 | true | null | CUT | A green triangle bouncing on a black background."
                    + " It hops up and falls back again and again.");

    private static final String PATIO = "EXT. BRICK'S PATIO - DAY";
    private static final String TRAILER = "INT. TRAILER HOME - DAY";
    private static final String SHACK = "EXT. WOODEN SHACK - DAY";
    private static final String GARAGE = "INT. GARAGE - DAY";
    private static final String MANSION = "EXT. PALATIAL MANSION - DAY";

    private static final List<String> SCREENPLAY = List.of(
            "s1-1 | 14 | 7.2000 | true | " + PATIO + " | CUT | A gorgeous day. The sun is shining. But BRICK BRADDOCK,"
                    + " retired police detective, is sitting quietly, contemplating -- something.",
            "s1-2 | 18 | 19.2000 | true | " + PATIO + " | CUT | The SCREEN DOOR slides open and DICK STEEL, his former"
                    + " partner and fellow retiree, emerges with two cold beers.",
            "s1-3 | 32 | 4.8000 | true | " + PATIO + " | CUT | Steel sits. They laugh at the dumb joke.",
            "s1-4 | 41 | 3.2000 | true | " + PATIO + " | CUT | They drink long and well from the beers.",
            "s1-5 | 43 | 6.0000 | true | " + PATIO + " | CUT | And then there's a long beat. Longer than is funny. Long"
                    + " enough to be depressing.",
            "s1-6 | 47 | 3.2000 | true | " + PATIO + " | CUT | The men look at each other.",
            "s2-1 | 62 | 20.0000 | true | " + TRAILER + " | CUT | This is the home of THE BOY BAND, AKA DAN and JACK."
                    + " They too are drinking beer, and counting the take from their last smash-and-grab. Money, drugs,"
                    + " and ridiculous props are strewn about the table.",
            "s2-2 | 72 | 4.0000 | true | " + TRAILER + " | CUT | Jack begins to argue vociferously in Vietnamese (?),"
                    + " But mercifully we...",
            "s3-1 | 78 | 9.2000 | true | EXT. BRICK'S POOL - DAY | CUT | Steel, in the middle of a heated phone call:",
            "s4-1 | 90 | 7.6000 | true | SNIPER SCOPE POV | CUT | From what seems like only INCHES AWAY. Steel's face"
                    + " FILLS the Leupold Mark 4 scope.",
            "s4-2 | 95 | 4.0000 | true | SNIPER SCOPE POV | CUT | Steel turns and looks straight into the cross-hairs.",
            "s5-1 | 104 | 2.0000 | true | OPENING TITLES | CUT | BRICK BRADDOCK & DICK STEEL IN",
            "s5-2 | 107 | 2.0000 | true | OPENING TITLES | CUT | BRICK & STEEL FULL RETIRED",
            "s6-1 | 114 | 6.0000 | true | " + SHACK + " | CUT | COGNITO, the criminal mastermind, is SLAMMED against the"
                    + " wall.",
            "s6-2 | 119 | 8.0000 | true | " + SHACK + " | CUT | Sure enough, it's Brick and Steel, roughing up their"
                    + " favorite usual suspect.",
            "s6-3 | 124 | 8.8000 | true | " + SHACK + " | CUT | Steel SMACKS him.",
            "s6-4 | 132 | 7.6000 | true | " + SHACK + " | CUT | As he rattles off the long list, Brick and Steel share a"
                    + " look. This is going to be BAD.",
            "s7-1 | 138 | 17.2000 | true | " + GARAGE + " | CUT | BRICK and STEEL get into Mom's PORSCHE, Steel at the"
                    + " wheel. They pause for a beat, the gravity of the situation catching up with them.",
            "s7-2 | 150 | 2.0000 | true | " + GARAGE + " | CUT | tegme God Stgeme go vroom!",
            "s7-3 | 153 | 2.0000 | true | " + GARAGE + " | CUT | They speed off. To destiny!",
            "s8-1 | 159 | 11.2000 | true | " + MANSION + " | CUT | An EXTREMELY HANDSOME MAN drinks a beer. Shirtless,"
                    + " unfortunately. His minion approaches offscreen:",
            "s8-2 | 172 | 2.0000 | true | " + MANSION + " | CUT | Beer flies.",
            "s8-3 | 175 | 7.6000 | true | " + MANSION + " | CUT | the end");

    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/shapes-lesson.md");

    @TempDir
    Path dir;

    private static List<String> rows(Path input) {
        Script film = new ScriptReader(new PlainAnalyzer(), TestVocabulary.get()).read(List.of(input)).get(0);
        List<String> rows = new ArrayList<>();
        for (Shot shot : film.shots()) {
            rows.add(shot.id() + " | " + shot.sourceLine() + " | "
                    + String.format(Locale.ROOT, "%.4f", shot.durationSeconds()) + " | " + shot.durationEstimated()
                    + " | " + shot.scene() + " | " + shot.transition() + " | " + shot.prompt());
        }
        return rows;
    }

    @Test
    void theExampleLessonPlansItsThreeShotsAsBefore() {
        assertEquals(LESSON, rows(EXAMPLE));
    }

    @Test
    void theExampleLessonsDescriptionOutsideACommentWouldBeAnOpeningShot() throws IOException {
        String text = Files.readString(EXAMPLE).replace("<!-- ", "").replace(" -->", "");
        Path uncommented = Files.writeString(dir.resolve("shapes-lesson.md"), text);

        List<String> expected = new ArrayList<>();
        expected.add("shapes-in-motion | 1 | 5.6000 | true | null | CUT | A three-shot lesson about colours and"
                + " motion, used by the README's first command.");
        expected.addAll(LESSON);
        assertEquals(expected, rows(uncommented));
    }

    @Test
    void theScreenplayFixturePlansAsBefore() {
        assertEquals(SCREENPLAY, rows(Fixtures.get("brick-and-steel.fountain")));
    }
}
