package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShotRulesTest {

    private final List<String> warnings = new ArrayList<>();
    private final ShotRules rules = new ShotRules("shots.txt", "leave it empty", warnings::add);

    @Test
    void idIsStrippedAndMadeSafeAsAFileName() {
        assertEquals("Scene-1-cafe", rules.id("  Scene 1: café! ", 2));
    }

    @Test
    void idWithoutALetterOrDigitIsRejected() {
        InputException e = assertThrows(InputException.class, () -> rules.id("???", 4));

        assertEquals("shots.txt:4: shot_id \"???\" has no letter or digit; use only letters, digits, '-' and '_'",
                e.getMessage());
    }

    @Test
    void claimingAnIdTwiceNamesTheLineOfTheFirst() {
        rules.claimId("a", 2);
        rules.claimId("b", 3);

        InputException e = assertThrows(InputException.class, () -> rules.claimId("a", 5));

        assertEquals("shots.txt:5: shot_id \"a\" is already used on line 2; give every shot its own shot_id",
                e.getMessage());
    }

    @Test
    void promptIsStripped() {
        assertEquals("A red ball.", rules.prompt("a", "\n A red ball. ", 2));
    }

    @Test
    void durationOfExactly24HoursIsKept() {
        assertEquals(86400.0, rules.duration(86400.0, "86400", 2));
    }

    @Test
    void durationOutOfRangeShowsTheValueAsWritten() {
        InputException e = assertThrows(InputException.class,
                () -> rules.duration(Double.POSITIVE_INFINITY, "1e400", 3));

        assertEquals("shots.txt:3: duration_s 1e400 is out of range; use seconds greater than 0 and at most 86400"
                + " (24 h)", e.getMessage());
    }

    @Test
    void foundValuesAreShownAsWrittenOrByTheirType() {
        assertEquals("shots.txt:1: seed \"x\" is not a whole number between -9223372036854775808 and"
                + " 9223372036854775807; write an integer seed, or leave it empty to use the film seed",
                rules.notASeed(ShotRules.Found.text("x"), 1).getMessage());
        assertEquals("seed 1.5 is not a whole number between -9223372036854775808 and 9223372036854775807",
                rules.notASeed(ShotRules.Found.number("1.5"), 1).problem());
        assertEquals("seed is a boolean (true), not a whole number between -9223372036854775808 and"
                + " 9223372036854775807", rules.notASeed(ShotRules.Found.type("a boolean (true)"), 1).problem());
    }

    @Test
    void fixesSayHowTheFormatLeavesAValueOut() {
        ShotRules json = new ShotRules("shots.json", "leave it out", warnings::add);

        assertEquals("write \"cut\", \"crossfade\" or \"fade\", or leave it out for a cut",
                json.notATransition(ShotRules.Found.text("wipe"), 1).fix());
        assertEquals("write \"cut\", \"crossfade\" or \"fade\", or leave it empty for a cut",
                rules.notATransition(ShotRules.Found.text("wipe"), 1).fix());
    }

    @Test
    void transitionNamesAreParsedAndUnknownOnesQuotedStripped() {
        assertEquals(Transition.CROSSFADE, rules.transition(" Dissolve ", 1));

        InputException e = assertThrows(InputException.class, () -> rules.transition("  wipe ", 6));

        assertEquals("transition \"wipe\" is not cut, crossfade or fade", e.problem());
        assertEquals(6, e.line());
    }

    @Test
    void negativePromptWarnsThroughTheGivenChannelUnlessBlank() {
        rules.negativePrompt("blurry", 3);
        rules.negativePrompt("  ", 4);
        rules.negativePrompt(null, 5);

        assertEquals(List.of("shots.txt:3: negative_prompt is ignored: the model has no use for it"), warnings);
    }

    @Test
    void blankSceneIsNoScene() {
        assertNull(ShotRules.scene(" "));
        assertNull(ShotRules.scene(null));
        assertEquals("Garden", ShotRules.scene(" Garden "));
    }

    @Test
    void quotedTextIsShortenedToFortyCharacters() {
        assertEquals("\"" + "x".repeat(40) + "\"", ShotRules.quote("x".repeat(40)));
        assertEquals("\"" + "x".repeat(37) + "...\"", ShotRules.quote("x".repeat(41)));
    }

    /** One set of rules: the same mistake gives the same problem and fix in a CSV row and in a JSON shot. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../x,b,1,    | {\"shot_id\": \"../x\", \"prompt\": \"b\"}",
        "???,b,1,     | {\"shot_id\": \"???\", \"prompt\": \"b\"}",
        "\" \",b,1,   | {\"shot_id\": \" \", \"prompt\": \"b\"}",
        "a,\" \",1,   | {\"shot_id\": \"a\", \"prompt\": \" \"}",
        "a,b,0,       | {\"shot_id\": \"a\", \"prompt\": \"b\", \"duration_s\": 0}",
        "a,b,-1e9,    | {\"shot_id\": \"a\", \"prompt\": \"b\", \"duration_s\": -1e9}",
        "a,b,1,wipe   | {\"shot_id\": \"a\", \"prompt\": \"b\", \"transition\": \"wipe\"}",
    })
    void sameMistakeGivesTheSameErrorInCsvAndJson(String csvRow, String jsonShot) {
        InputException inCsv = assertThrows(InputException.class, () -> CsvShotList.parse(new SourceFile(
                "shots.csv", ScriptFormat.CSV, "shots", "0", "shot_id,prompt,duration_s,transition\n" + csvRow + "\n")));
        InputException inJson = assertThrows(InputException.class, () -> JsonShotList.parse(new SourceFile(
                "shots.json", ScriptFormat.JSON, "shots", "0", "[\n" + jsonShot + "]"), warnings::add));

        assertEquals(inCsv.problem(), inJson.problem());
        assertEquals(inCsv.fix().replace("leave it empty", "leave it out"), inJson.fix());
        assertEquals(2, inCsv.line());
        assertEquals(2, inJson.line());
    }
}
