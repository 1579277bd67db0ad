package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvShotListTest {

    private static List<ShotDraft> parse(String text) {
        return CsvShotList.parse(new SourceFile("shots.csv", ScriptFormat.CSV, "shots", "0", text));
    }

    private static String error(String text) {
        return assertThrows(InputException.class, () -> parse(text)).getMessage();
    }

    @Test
    void eachRowIsAShot() {
        List<ShotDraft> shots = parse("shot_id,prompt,duration_s,seed\ns01,A red ball.,4.5,7\ns02,A blue box.,2,\n");

        assertEquals(List.of(new ShotDraft("s01", 2, "A red ball.", 4.5, 7L),
                new ShotDraft("s02", 3, "A blue box.", 2.0, null)), shots);
    }

    @Test
    void columnsMayComeInAnyOrderAndCase() {
        List<ShotDraft> shots = parse(" Duration_S , PROMPT ,shot_id\n3, a red ball ,x\n");

        assertEquals(List.of(new ShotDraft("x", 2, "a red ball", 3.0, null)), shots);
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        List<ShotDraft> shots = parse("""
                shot_id,prompt,duration_s
                a,"A red ball, then a ""blue"" box.",3
                b, "Two
                lines" ,4
                c,plain,5
                """);

        assertEquals(List.of(new ShotDraft("a", 2, "A red ball, then a \"blue\" box.", 3.0, null),
                new ShotDraft("b", 3, "Two\nlines", 4.0, null),
                new ShotDraft("c", 5, "plain", 5.0, null)), shots);
    }

    @Test
    void emptyDurationIsLeftToTheEstimate() {
        assertEquals(null, parse("shot_id,prompt,duration_s\na,A red ball.,\n").get(0).durationSeconds());
    }

    @Test
    void blankAndSpreadsheetEmptyRowsAreSkipped() {
        List<ShotDraft> shots = parse("shot_id,prompt,duration_s\n\na,A red ball.,1\n,,\n\n");

        assertEquals(List.of(new ShotDraft("a", 3, "A red ball.", 1.0, null)), shots);
    }

    @Test
    void missingColumnNamesFileLineAndColumn() {
        assertEquals("shots.csv:1: missing column \"duration_s\" in the header; the header must be"
                + " shot_id,prompt,duration_s and optionally any of"
                + " seed, transition, negative_prompt", error("shot_id,prompt\na,b\n"));
    }

    @Test
    void missingColumnsAreAllNamed() {
        assertEquals("shots.csv:1: missing columns \"shot_id\", \"duration_s\" in the header; the header must be"
                + " shot_id,prompt,duration_s and optionally any of"
                + " seed, transition, negative_prompt", error("prompt\nb\n"));
    }

    @Test
    void unknownColumnIsRejected() {
        assertEquals("shots.csv:1: unknown column \"sead\" in the header; the header must be"
                + " shot_id,prompt,duration_s and optionally any of"
                + " seed, transition, negative_prompt; remove or rename that column",
                error("shot_id,prompt,duration_s,sead\na,b,1,2\n"));
    }

    @Test
    void repeatedColumnIsRejected() {
        assertEquals("shots.csv:1: column \"prompt\" appears twice in the header; the header must be"
                + " shot_id,prompt,duration_s and optionally any of"
                + " seed, transition, negative_prompt", error("shot_id,prompt,Prompt,duration_s\n"));
    }

    @Test
    void fileOfEmptyFieldsHasNoHeader() {
        assertEquals("shots.csv:1: shot list has no header, only empty fields; the header must be"
                + " shot_id,prompt,duration_s and optionally any of"
                + " seed, transition, negative_prompt", error(",,\n,,\n"));
    }

    @Test
    void headerWithoutRowsIsRejected() {
        assertEquals("shots.csv:1: shot list has a header but no shots; add one row per shot under the header",
                error("shot_id,prompt,duration_s\n\n"));
    }

    @Test
    void rowWithTooManyFieldsSuggestsQuoting() {
        assertEquals("shots.csv:3: row has 4 fields but the header has 3; quote fields that contain commas, e.g."
                + " \"a red ball, then a box\"", error("shot_id,prompt,duration_s\na,b,1\nb,a red ball, then a box,2\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "NaN", "nan", "inf", "-Infinity", "86400.5", "1e9"})
    void durationOutOfRangeNamesValueAndRange(String value) {
        assertEquals("shots.csv:2: duration_s " + value + " is out of range; use seconds greater than 0 and at"
                + " most 86400 (24 h)", error("shot_id,prompt,duration_s\na,A red ball.," + value + "\n"));
    }

    @Test
    void durationOfExactly24HoursIsAllowed() {
        assertEquals(86400.0, parse("shot_id,prompt,duration_s\na,b,86400\n").get(0).durationSeconds());
    }

    @Test
    void durationThatIsNotANumberIsRejected() {
        assertEquals("shots.csv:2: duration_s \"4s\" is not a number; write the duration in seconds as a number,"
                + " greater than 0 and at most 86400 (24 h), e.g. 4.5, or leave it empty to estimate it",
                error("shot_id,prompt,duration_s\na,b,4s\n"));
    }

    @Test
    void seedThatIsNotAWholeNumberIsRejected() {
        assertEquals("shots.csv:2: seed \"1.5\" is not a whole number between -9223372036854775808 and"
                + " 9223372036854775807; write an integer seed, or leave it empty to use the film seed",
                error("shot_id,prompt,duration_s,seed\na,b,1,1.5\n"));
    }

    @Test
    void negativeAndLargeSeedsAreKept() {
        List<ShotDraft> shots = parse("shot_id,prompt,duration_s,seed\na,b,1,-3\nc,d,1,9223372036854775807\n");

        assertEquals(List.of(-3L, Long.MAX_VALUE), shots.stream().map(ShotDraft::seed).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "a\\b", ".."})
    void shotIdWithAPathIsRejected(String id) {
        assertEquals("shots.csv:2: shot_id \"" + id + "\" contains a path separator or \"..\"; use only"
                + " letters, digits, '-' and '_'", error("shot_id,prompt,duration_s\n" + id + ",b,1\n"));
    }

    @Test
    void shotIdWithOtherCharactersIsMadeFileSafe() {
        assertEquals("Scene-1-cafe", parse("shot_id,prompt,duration_s\n\"Scene 1: café!\",b,1\n").get(0).id());
    }

    @Test
    void shotIdsThatBecomeTheSameAreRejected() {
        assertEquals("shots.csv:3: shot_id \"a-b\" is already used on line 2; give every shot its own shot_id",
                error("shot_id,prompt,duration_s\na b,x,1\na-b,y,1\n"));
    }

    @Test
    void emptyShotIdIsRejected() {
        assertEquals("shots.csv:2: shot_id is empty; give every shot an id such as \"s01\"",
                error("shot_id,prompt,duration_s\n,b,1\n"));
    }

    @Test
    void emptyPromptIsRejected() {
        assertEquals("shots.csv:2: shot \"a\" has an empty prompt; describe the shot in \"prompt\"",
                error("shot_id,prompt,duration_s\na,\"  \",1\n"));
    }

    @Test
    void unclosedQuoteIsReportedWhereItOpens() {
        assertEquals("shots.csv:3: a quoted field opened on this line is never closed; end it with \" (write \"\""
                + " for a quote inside a quoted field)", error("shot_id,prompt,duration_s\na,b,1\nc,\"d,1\ne,f,1\n"));
    }

    @Test
    void textAfterAClosingQuoteIsRejected() {
        assertEquals("shots.csv:2: unexpected 'x' after a closing quote; quote the whole field and write \"\" for"
                + " a quote inside it", error("shot_id,prompt,duration_s\na,\"b\"x,1\n"));
    }

    @Test
    void transitionsAndNegativePromptsAreOptionalColumns() {
        List<ShotDraft> shots = parse("shot_id,prompt,duration_s,transition,negative_prompt\n"
                + "a,A red ball.,2,,blurry\nb,A blue box.,2,Crossfade,\nc,A box.,2,fade,\nd,A ball.,2,cut,\n");
        assertEquals(List.of(Transition.CUT, Transition.CROSSFADE, Transition.FADE, Transition.CUT),
                shots.stream().map(ShotDraft::transition).toList());
        assertEquals("A red ball.", shots.get(0).prompt());
    }

    @Test
    void nonBlankNegativePromptIsIgnoredWithAWarningNamingItsRow() {
        List<String> warnings = new ArrayList<>();

        List<ShotDraft> shots = CsvShotList.parse(new SourceFile("shots.csv", ScriptFormat.CSV, "shots", "0",
                "shot_id,prompt,duration_s,negative_prompt\na,A red ball.,2,blurry\nb,A blue box.,2,\" \"\n"),
                warnings::add);

        assertEquals(List.of("A red ball.", "A blue box."), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(List.of("shots.csv:2: negative_prompt is ignored: the model has no use for it"), warnings);
    }

    @Test
    void longValuesAreShortenedInMessages() {
        assertEquals("shots.csv:2: seed \"" + "7".repeat(37) + "...\" is not a whole number between"
                + " -9223372036854775808 and 9223372036854775807; write an integer seed, or leave it empty to use the"
                + " film seed", error("shot_id,prompt,duration_s,seed\na,b,1," + "7".repeat(1000) + "\n"));
    }

    @Test
    void anUnknownTransitionNamesTheRow() {
        assertEquals("shots.csv:3: transition \"wipe\" is not cut, crossfade or fade; write \"cut\", \"crossfade\""
                + " or \"fade\", or leave it empty for a cut", error("shot_id,prompt,duration_s,transition\na,b,1,\nc,d,1,wipe\n"));
    }
}
