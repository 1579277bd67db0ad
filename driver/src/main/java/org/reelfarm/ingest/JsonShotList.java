package org.reelfarm.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON shot lists: an array of shots, or an object whose {@code "shots"} key holds that array
 * ({@code "title"} and {@code "description"} may sit beside it and are ignored; any other key is
 * an error, to catch typos such as {@code "shot"}).
 *
 * <pre>{@code
 * {"title": "Colours", "shots": [
 *   {"shot_id": "s01", "prompt": "A red ball moves left.", "duration_s": 4.5, "seed": 7},
 *   {"shot_id": "s02", "prompt": "A blue box.", "transition": "crossfade"}
 * ]}
 * }</pre>
 *
 * <p>A shot has {@code shot_id} (a string, or an integer) and {@code prompt}; optionally
 * {@code duration_s} (seconds; absent or null: estimated from the prompt), {@code seed} (an
 * integer; absent or null: the film seed), {@code transition} ({@code "cut"}, {@code "crossfade"}
 * or {@code "fade"}; absent or null: cut), {@code scene} (a label for the timeline) and
 * {@code negative_prompt}, which is accepted but ignored with a warning, as the model has no use
 * for it. Any other key is an error. Errors about one value name the value's line; a missing
 * key names the line where the shot's object opens, which is also the shot's line. This class
 * reads the structure and the types; {@link ShotRules} checks the values.
 */
final class JsonShotList {
    private static final Logger LOG = LoggerFactory.getLogger(JsonShotList.class);

    static final String SHOTS = "shots";
    private static final List<String> SHOT_KEYS = List.of(ShotRules.SHOT_ID, ShotRules.PROMPT, ShotRules.DURATION,
            ShotRules.SEED, ShotRules.TRANSITION, ShotRules.NEGATIVE_PROMPT, ShotRules.SCENE);
    private static final List<String> IGNORED_TOP_KEYS = List.of("title", "description");
    private static final String SHOT_EXAMPLE = "{\"shot_id\": \"s01\", \"prompt\": \"A red ball.\"}";

    /** NaN and Infinity are read, so that they are reported as out of range rather than as bad JSON. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonShotList() {}

    static List<ShotDraft> parse(SourceFile file) {
        return parse(file, LOG::warn);
    }

    /** Test seam: {@code warnings} receives each warning (file:line: text) instead of the log. */
    static List<ShotDraft> parse(SourceFile file, Consumer<String> warnings) {
        try (JsonParser parser = FACTORY.createParser(file.text())) {
            return new Reader(file.display(), parser, warnings).document();
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 0 : Math.max(0, where.getLineNr());
            // Jackson reports the column just past the character it stopped at
            String column = where == null || where.getColumnNr() < 1 ? ""
                    : " at column " + Math.max(1, where.getColumnNr() - 1);
            throw new InputException(file.display(), line, "malformed JSON" + column + ": " + originalMessage(e),
                    "fix the JSON there (often a missing comma, quote or bracket)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from a string", e);
        }
    }

    /** Jackson's message without the location it adds, which the error already gives. */
    private static String originalMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int marker = message.indexOf(" (start marker at");
        if (marker > 0) {
            message = message.substring(0, marker);
        }
        return message.replace("\n", " ").strip();
    }

    /** Reads one document, token by token, keeping the line of every value. */
    private static final class Reader {
        private final String display;
        private final JsonParser parser;
        private final ShotRules rules;
        private final List<ShotDraft> shots = new ArrayList<>();

        Reader(String display, JsonParser parser, Consumer<String> warnings) {
            this.display = display;
            this.parser = parser;
            this.rules = new ShotRules(display, "leave it out", warnings);
        }

        List<ShotDraft> document() throws IOException {
            JsonToken token = parser.nextToken();
            int line = line();
            if (token == JsonToken.START_ARRAY) {
                shotArray(line);
            } else if (token == JsonToken.START_OBJECT) {
                topObject(line);
            } else {
                throw new InputException(display, line, "the document is " + describe(token) + ", not a list of shots",
                        "write an array of shots such as [" + SHOT_EXAMPLE + "], or an object {\"shots\": [...]}");
            }
            if (parser.nextToken() != null) {
                throw new InputException(display, line(), "there is more after the end of the JSON document",
                        "keep one array or object in the file; remove what follows it");
            }
            return shots;
        }

        private void topObject(int objectLine) throws IOException {
            boolean found = false;
            Map<String, Integer> seen = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line();
                duplicate(seen, key, keyLine, "at the top level");
                JsonToken value = parser.nextToken();
                if (key.equals(SHOTS)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new InputException(display, line(), "\"shots\" is " + describe(value) + ", not an array",
                                "write \"shots\": [" + SHOT_EXAMPLE + ", ...]");
                    }
                    shotArray(line());
                    found = true;
                } else if (IGNORED_TOP_KEYS.contains(key)) {
                    parser.skipChildren();
                } else {
                    throw new InputException(display, keyLine, "unknown key \"" + key + "\" at the top level",
                            "the top level may have only \"shots\", \"title\" and \"description\"");
                }
            }
            if (!found) {
                throw new InputException(display, objectLine, "the object has no \"shots\" key",
                        "put the shots in it as \"shots\": [" + SHOT_EXAMPLE + ", ...]");
            }
        }

        private void shotArray(int arrayLine) throws IOException {
            JsonToken token;
            int count = 0;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                count++;
                if (token != JsonToken.START_OBJECT) {
                    throw new InputException(display, line(), "shot " + count + " is " + describe(token)
                            + ", not an object", "write each shot as an object such as " + SHOT_EXAMPLE);
                }
                shot(line());
            }
            if (count == 0) {
                throw new InputException(display, arrayLine, "shot list has no shots",
                        "add shots such as " + SHOT_EXAMPLE);
            }
        }

        private void shot(int shotLine) throws IOException {
            Map<String, Integer> seen = new HashMap<>();
            String id = null;
            String prompt = null;
            int promptLine = 0;
            Double duration = null;
            Long seed = null;
            Transition transition = Transition.CUT;
            String scene = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line();
                duplicate(seen, key, keyLine, "in this shot");
                JsonToken value = parser.nextToken();
                int valueLine = line();
                switch (key) {
                    case ShotRules.SHOT_ID -> id = shotId(value, valueLine);
                    case ShotRules.PROMPT -> {
                        prompt = text(value, key, "write the prompt in double quotes, e.g. \"A red ball.\"");
                        promptLine = valueLine;
                    }
                    case ShotRules.DURATION -> duration = duration(value, valueLine);
                    case ShotRules.SEED -> seed = seed(value, valueLine);
                    case ShotRules.TRANSITION -> transition = transition(value, valueLine);
                    case ShotRules.SCENE -> scene = text(value, key, "write the scene as a string, or leave it out");
                    case ShotRules.NEGATIVE_PROMPT -> rules.negativePrompt(
                            text(value, key, "write it as a string, or better leave it out"), valueLine);
                    default -> throw new InputException(display, keyLine, "unknown key \"" + key + "\" in a shot",
                            "a shot may have only " + String.join(", ", SHOT_KEYS));
                }
            }
            if (id == null) {
                throw new InputException(display, shotLine, "shot has no shot_id",
                        "give every shot an id, e.g. " + SHOT_EXAMPLE);
            }
            rules.claimId(id, shotLine);
            if (prompt == null) {
                throw new InputException(display, shotLine, "shot \"" + id + "\" has no prompt",
                        "describe the shot in \"prompt\", e.g. " + SHOT_EXAMPLE);
            }
            prompt = rules.prompt(id, prompt, promptLine);
            shots.add(new ShotDraft(id, shotLine, prompt, duration, seed, ShotRules.scene(scene), transition, 0));
        }

        private void duplicate(Map<String, Integer> seen, String key, int keyLine, String where) {
            Integer first = seen.putIfAbsent(key, keyLine);
            if (first != null) {
                throw new InputException(display, keyLine, "key \"" + key + "\" appears twice " + where
                        + " (first on line " + first + ")", "keep one of them");
            }
        }

        /** A string value, null for JSON null. */
        private String text(JsonToken value, String key, String fix) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value != JsonToken.VALUE_STRING) {
                throw new InputException(display, line(), key + " is " + describe(value) + ", not a string", fix);
            }
            return parser.getText();
        }

        /** The id, from a string or an integer; null for JSON null. */
        private String shotId(JsonToken value, int line) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value != JsonToken.VALUE_STRING && !isLong(value)) {
                throw new InputException(display, line, "shot_id is " + describe(value) + ", not a string",
                        "write the id as a string such as \"s01\"");
            }
            return rules.id(parser.getText(), line);
        }

        private Double duration(JsonToken value, int line) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                throw rules.notADuration(ShotRules.Found.type(describe(value)), line);
            }
            // NaN, Infinity and numbers past double range alike are out of range
            return rules.duration(parser.getDoubleValue(), parser.getText(), line);
        }

        private Long seed(JsonToken value, int line) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (isLong(value)) {
                return parser.getLongValue();
            }
            throw rules.notASeed(value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT
                    ? ShotRules.Found.number(parser.getText()) : ShotRules.Found.type(describe(value)), line);
        }

        private Transition transition(JsonToken value, int line) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return Transition.CUT;
            }
            if (value != JsonToken.VALUE_STRING) {
                throw rules.notATransition(ShotRules.Found.type(describe(value)), line);
            }
            return rules.transition(parser.getText(), line);
        }

        private boolean isLong(JsonToken value) throws IOException {
            return value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
        }

        private int line() {
            return Math.max(0, parser.currentTokenLocation().getLineNr());
        }

        /** What a value is, for messages: {@code a string ("4s")}, {@code an object}, ... */
        private String describe(JsonToken token) throws IOException {
            if (token == null) {
                return "empty";
            }
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string (" + ShotRules.quote(parser.getText()) + ")";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number (" + parser.getText() + ")";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean (" + parser.getText() + ")";
                case VALUE_NULL -> "null";
                default -> "a " + token.name().toLowerCase(Locale.ROOT);
            };
        }
    }
}
