package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonShotListTest {

    private final List<String> warnings = new ArrayList<>();

    private List<ShotDraft> parse(String text) {
        return JsonShotList.parse(new SourceFile("shots.json", ScriptFormat.JSON, "shots", "0", text), warnings::add);
    }

    private String error(String text) {
        return assertThrows(InputException.class, () -> parse(text)).getMessage();
    }

    /** A one-shot list whose shot has {@code fields} after a shot_id and a prompt. */
    private String errorInShot(String fields) {
        return error("[{\"shot_id\": \"a\", \"prompt\": \"A red ball.\", " + fields + "}]");
    }

    // --- happy paths -------------------------------------------------------------------------

    @Test
    void eachObjectOfAnArrayIsAShotAtTheLineWhereItOpens() {
        List<ShotDraft> shots = parse("""
                [
                  {"shot_id": "s01", "prompt": "A red ball moves left.", "duration_s": 4.5, "seed": 7,
                   "transition": "cut"},
                  {
                    "shot_id": "s02",
                    "prompt": "  A blue box.  ",
                    "duration_s": 3,
                    "transition": "crossfade",
                    "scene": "Garden"
                  },
                  {"shot_id": "s03", "prompt": "A green triangle.", "transition": "fade"}
                ]
                """);

        assertEquals(List.of(
                new ShotDraft("s01", 2, "A red ball moves left.", 4.5, 7L, null, Transition.CUT, 0),
                new ShotDraft("s02", 4, "A blue box.", 3.0, null, "Garden", Transition.CROSSFADE, 0),
                new ShotDraft("s03", 11, "A green triangle.", null, null, null, Transition.FADE, 0)), shots);
        assertEquals(List.of(), warnings);
    }

    @Test
    void shotsMayBeUnderAShotsKeyBesideATitleAndDescription() {
        List<ShotDraft> shots = parse("""
                {"title": "Colours", "description": {"any": ["thing"]},
                 "shots": [{"shot_id": "a", "prompt": "A red ball."}]}
                """);

        assertEquals(List.of(new ShotDraft("a", 2, "A red ball.", null, null)), shots);
    }

    @Test
    void nullMeansTheDefault() {
        List<ShotDraft> shots = parse("[{\"shot_id\": \"a\", \"prompt\": \"b\", \"duration_s\": null, \"seed\": null,"
                + " \"transition\": null, \"scene\": null, \"negative_prompt\": null}]");

        assertEquals(List.of(new ShotDraft("a", 1, "b", null, null, null, Transition.CUT, 0)), shots);
        assertEquals(List.of(), warnings);
    }

    @ParameterizedTest
    @CsvSource({"cut, CUT", "CrossFade, CROSSFADE", "dissolve, CROSSFADE", "cross-fade, CROSSFADE", "fade, FADE",
        "fade to black, FADE"})
    void transitionNamesAreTheOnesShotListsAccept(String name, Transition expected) {
        assertEquals(expected, parse("[{\"shot_id\": \"a\", \"prompt\": \"b\", \"transition\": \"" + name + "\"}]")
                .get(0).transition());
    }

    @Test
    void negativePromptIsAcceptedWithAWarningNamingItsLine() {
        List<ShotDraft> shots = parse("""
                [{"shot_id": "a", "prompt": "A red ball.",
                  "negative_prompt": "blurry"},
                 {"shot_id": "b", "prompt": "A blue box.", "negative_prompt": " "}]
                """);

        assertEquals(List.of("A red ball.", "A blue box."), shots.stream().map(ShotDraft::prompt).toList());
        assertEquals(List.of("shots.json:2: negative_prompt is ignored: the model has no use for it"), warnings);
    }

    @Test
    void integerShotIdsAreKept() {
        assertEquals("7", parse("[{\"shot_id\": 7, \"prompt\": \"b\"}]").get(0).id());
    }

    @Test
    void shotIdWithOtherCharactersIsMadeFileSafe() {
        assertEquals("Scene-1-cafe", parse("[{\"shot_id\": \"Scene 1: café!\", \"prompt\": \"b\"}]").get(0).id());
    }

    @Test
    void durationOfExactly24HoursIsAllowed() {
        assertEquals(86400.0, parse("[{\"shot_id\": \"a\", \"prompt\": \"b\", \"duration_s\": 86400}]")
                .get(0).durationSeconds());
    }

    @Test
    void negativeAndLargeSeedsAreKept() {
        List<ShotDraft> shots = parse("[{\"shot_id\": \"a\", \"prompt\": \"b\", \"seed\": -3},"
                + " {\"shot_id\": \"c\", \"prompt\": \"d\", \"seed\": 9223372036854775807}]");

        assertEquals(List.of(-3L, Long.MAX_VALUE), shots.stream().map(ShotDraft::seed).toList());
    }

    @Test
    void readsAJsonFileWithByteOrderMarkAndCrlfKeepingLineNumbers(@TempDir Path dir) {
        Path file = Files2.write(dir, "list.json", "\uFEFF[\r\n{\"shot_id\": \"a\", \"prompt\": \"A red ball.\"},\r\n"
                + "{\"shot_id\": \"b\", \"prompt\": \"A blue box.\", \"duration_s\": 0}\r\n]\r\n");

        InputException e = assertThrows(InputException.class, () -> ScriptReader.parse(file));

        assertEquals(file + ":3: duration_s 0 is out of range; use seconds greater than 0 and at most 86400 (24 h)",
                e.getMessage());
    }

    // --- malformed JSON and the document's shape ------------------------------------------------

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertEquals("shots.json:3: malformed JSON at column 17: Unexpected character ('}' (code 125)): was expecting"
                + " double-quote to start field name; fix the JSON there (often a missing comma, quote or bracket)",
                error("[\n {\"shot_id\": \"a\",\n  \"prompt\": \"x\",}\n]"));
    }

    @Test
    void missingCommaNamesLineAndColumn() {
        assertEquals("shots.json:2: malformed JSON at column 17: Unexpected character ('\"' (code 34)): was expecting"
                + " comma to separate Object entries; fix the JSON there (often a missing comma, quote or bracket)",
                error("[\n{\"shot_id\": \"a\" \"prompt\": \"x\"}]"));
    }

    @Test
    void truncatedDocumentIsMalformed() {
        assertEquals("shots.json:1: malformed JSON at column 32: Unexpected end-of-input: expected close marker for"
                + " Array; fix the JSON there (often a missing comma, quote or bracket)",
                error("[{\"shot_id\": \"a\", \"prompt\": \"x\"}"));
    }

    @Test
    void secondDocumentAfterTheFirstIsRejected() {
        assertEquals("shots.json:2: there is more after the end of the JSON document; keep one array or object in the"
                + " file; remove what follows it", error("[{\"shot_id\": \"a\", \"prompt\": \"x\"}]\n[]"));
    }

    @Test
    void documentThatIsNotAnArrayOrObjectIsRejected() {
        assertEquals("shots.json:1: the document is a string (\"A red ball.\"), not a list of shots; write an array of"
                + " shots such as [{\"shot_id\": \"s01\", \"prompt\": \"A red ball.\"}], or an object"
                + " {\"shots\": [...]}", error("\"A red ball.\""));
    }

    @Test
    void objectWithoutShotsIsRejected() {
        assertEquals("shots.json:1: the object has no \"shots\" key; put the shots in it as \"shots\":"
                + " [{\"shot_id\": \"s01\", \"prompt\": \"A red ball.\"}, ...]", error("{\"title\": \"Colours\"}"));
    }

    @Test
    void unknownTopLevelKeyIsRejected() {
        assertEquals("shots.json:2: unknown key \"shot\" at the top level; the top level may have only \"shots\","
                + " \"title\" and \"description\"", error("{\"title\": \"Colours\",\n \"shot\": []}"));
    }

    @Test
    void shotsThatAreNotAnArrayAreRejected() {
        assertEquals("shots.json:1: \"shots\" is an object, not an array; write \"shots\": [{\"shot_id\": \"s01\","
                + " \"prompt\": \"A red ball.\"}, ...]", error("{\"shots\": {\"shot_id\": \"a\"}}"));
    }

    @Test
    void repeatedTopLevelKeyIsRejected() {
        assertEquals("shots.json:2: key \"shots\" appears twice at the top level (first on line 1); keep one of them",
                error("{\"shots\": [{\"shot_id\": \"a\", \"prompt\": \"x\"}],\n \"shots\": []}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"shots\": []}"})
    void emptyListIsRejected(String text) {
        assertEquals("shots.json:1: shot list has no shots; add shots such as {\"shot_id\": \"s01\", \"prompt\":"
                + " \"A red ball.\"}", error(text));
    }

    @Test
    void shotThatIsNotAnObjectIsRejected() {
        assertEquals("shots.json:2: shot 2 is a string (\"A blue box.\"), not an object; write each shot as an object"
                + " such as {\"shot_id\": \"s01\", \"prompt\": \"A red ball.\"}",
                error("[{\"shot_id\": \"a\", \"prompt\": \"x\"},\n \"A blue box.\"]"));
    }

    // --- keys of a shot ----------------------------------------------------------------------

    @Test
    void unknownKeyInAShotIsRejected() {
        assertEquals("shots.json:1: unknown key \"durations_s\" in a shot; a shot may have only shot_id, prompt,"
                + " duration_s, seed, transition, negative_prompt, scene", errorInShot("\"durations_s\": 3"));
    }

    @Test
    void repeatedKeyInAShotIsRejected() {
        assertEquals("shots.json:2: key \"prompt\" appears twice in this shot (first on line 1); keep one of them",
                error("[{\"shot_id\": \"a\", \"prompt\": \"x\",\n \"prompt\": \"y\"}]"));
    }

    @Test
    void missingShotIdNamesTheShotsLine() {
        assertEquals("shots.json:2: shot has no shot_id; give every shot an id, e.g. {\"shot_id\": \"s01\","
                + " \"prompt\": \"A red ball.\"}", error("[\n{\"prompt\": \"x\",\n \"seed\": 1}]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1]         | an array",
        "1.5         | a number (1.5)",
        "true        | a boolean (true)",
        "{}          | an object",
        "99999999999999999999999 | a number (99999999999999999999999)",
    })
    void shotIdOfTheWrongTypeIsRejected(String value, String described) {
        assertEquals("shots.json:1: shot_id is " + described + ", not a string; write the id as a string such as"
                + " \"s01\"", error("[{\"shot_id\": " + value + ", \"prompt\": \"x\"}]"));
    }

    @Test
    void emptyShotIdIsRejected() {
        assertEquals("shots.json:1: shot_id is empty; give every shot an id such as \"s01\"",
                error("[{\"shot_id\": \" \", \"prompt\": \"x\"}]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "a\\\\b", ".."})
    void shotIdWithAPathIsRejected(String id) {
        assertEquals("shots.json:1: shot_id \"" + id.replace("\\\\", "\\") + "\" contains a path separator or \"..\";"
                + " use only letters, digits, '-' and '_'",
                error("[{\"shot_id\": \"" + id + "\", \"prompt\": \"x\"}]"));
    }

    @Test
    void shotIdWithoutALetterOrDigitIsRejected() {
        assertEquals("shots.json:1: shot_id \"???\" has no letter or digit; use only letters, digits, '-' and '_'",
                error("[{\"shot_id\": \"???\", \"prompt\": \"x\"}]"));
    }

    @Test
    void shotIdsThatBecomeTheSameAreRejected() {
        assertEquals("shots.json:3: shot_id \"a-b\" is already used on line 2; give every shot its own shot_id",
                error("[\n{\"shot_id\": \"a b\", \"prompt\": \"x\"},\n{\"shot_id\": \"a-b\", \"prompt\": \"y\"}]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ", \"prompt\": null"})
    void missingPromptNamesTheShot(String prompt) {
        assertEquals("shots.json:2: shot \"a\" has no prompt; describe the shot in \"prompt\", e.g."
                + " {\"shot_id\": \"s01\", \"prompt\": \"A red ball.\"}",
                error("[\n{\"shot_id\": \"a\"" + prompt + "}]"));
    }

    @Test
    void blankPromptIsRejected() {
        assertEquals("shots.json:3: shot \"a\" has an empty prompt; describe the shot in \"prompt\"",
                error("[\n{\"shot_id\": \"a\",\n \"prompt\": \"  \"}]"));
    }

    @Test
    void promptThatIsNotAStringIsRejected() {
        assertEquals("shots.json:1: prompt is an array, not a string; write the prompt in double quotes, e.g."
                + " \"A red ball.\"", error("[{\"shot_id\": \"a\", \"prompt\": [\"A red ball.\"]}]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"4s\" | a string (\"4s\")",
        "true   | a boolean (true)",
        "[4]    | an array",
    })
    void durationThatIsNotANumberIsRejected(String value, String described) {
        assertEquals("shots.json:1: duration_s is " + described + ", not a number; write the duration in seconds as a"
                + " number, greater than 0 and at most 86400 (24 h), e.g. 4.5, or leave it out to estimate it",
                errorInShot("\"duration_s\": " + value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-0.0", "NaN", "Infinity", "-Infinity", "86400.5", "1e9", "1e400",
        "100000000000000000000000000"})
    void durationOutOfRangeNamesValueAndRange(String value) {
        assertEquals("shots.json:1: duration_s " + value + " is out of range; use seconds greater than 0 and at most"
                + " 86400 (24 h)", errorInShot("\"duration_s\": " + value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.5                  | seed 1.5 is not",
        "1e3                  | seed 1e3 is not",
        "9223372036854775808  | seed 9223372036854775808 is not",
        "\"42\"               | seed is a string (\"42\"), not",
        "false                | seed is a boolean (false), not",
    })
    void seedThatIsNotAWholeNumberIsRejected(String value, String problem) {
        assertEquals("shots.json:1: " + problem + " a whole number between -9223372036854775808 and"
                + " 9223372036854775807; write an integer seed, or leave it out to use the film seed",
                errorInShot("\"seed\": " + value));
    }

    @Test
    void unknownTransitionIsRejectedOnItsLine() {
        assertEquals("shots.json:2: transition \"wipe\" is not cut, crossfade or fade; write \"cut\", \"crossfade\" or"
                + " \"fade\", or leave it out for a cut", errorInShot("\n\"transition\": \"wipe\""));
    }

    @Test
    void transitionThatIsNotAStringIsRejected() {
        assertEquals("shots.json:1: transition is a number (3), not cut, crossfade or fade; write \"cut\","
                + " \"crossfade\" or \"fade\", or leave it out for a cut", errorInShot("\"transition\": 3"));
    }

    @Test
    void negativePromptThatIsNotAStringIsRejected() {
        assertEquals("shots.json:1: negative_prompt is a number (5), not a string; write it as a string, or better"
                + " leave it out", errorInShot("\"negative_prompt\": 5"));
    }

    @Test
    void sceneThatIsNotAStringIsRejected() {
        assertEquals("shots.json:1: scene is a boolean (true), not a string; write the scene as a string, or leave it"
                + " out", errorInShot("\"scene\": true"));
    }

    @Test
    void longValuesAreShortenedInMessages() {
        assertEquals("shots.json:1: duration_s is a string (\"" + "x".repeat(37) + "...\"), not a number; write the"
                + " duration in seconds as a number, greater than 0 and at most 86400 (24 h), e.g. 4.5, or leave it"
                + " out to estimate it", errorInShot("\"duration_s\": \"" + "x".repeat(1000) + "\""));
    }
}
