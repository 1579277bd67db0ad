package org.reelfarm.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules every shot of a shot list follows, in CSV or JSON: an id that is safe as a file name
 * and used once in the file, a prompt, a duration in range, a whole-number seed, a known
 * transition. Each rule throws one {@link InputException} that names the file, the line and the
 * fix, in the same words for both formats.
 *
 * <p>{@link CsvShotList} and {@link JsonShotList} read the values in their own syntax (CSV text,
 * JSON types) and pass them here one at a time. Each reader calls the rules in its own order, so
 * each format keeps its order of errors: a CSV row is checked column by column, a JSON shot key
 * by key, then as a whole.
 *
 * <pre>{@code
 * ShotRules rules = new ShotRules("shots.csv", "leave it empty", warnings::add);
 * String id = rules.id(" s01 ", 2);        // "s01"
 * rules.claimId(id, 2);                    // a second "s01" in the file is an error
 * String prompt = rules.prompt(id, "  A red ball. ", 2);  // "A red ball."
 * }</pre>
 *
 * <p>One instance reads one file: it remembers the ids seen so far, and it is not thread-safe.
 * Warnings go to the channel given to the constructor. Notes that need no action, such as an id
 * changed to be safe as a file name, go to the log at info level.
 */
final class ShotRules {
    private static final Logger LOG = LoggerFactory.getLogger(ShotRules.class);

    /** The names of a shot's values: the CSV columns and the JSON keys. */
    static final String SHOT_ID = "shot_id";
    static final String PROMPT = "prompt";
    static final String DURATION = "duration_s";
    static final String SEED = "seed";
    static final String TRANSITION = "transition";
    static final String NEGATIVE_PROMPT = "negative_prompt";
    static final String SCENE = "scene";

    private static final int QUOTED_MAX = 40;

    private final String file;
    private final String leaveOut;
    private final Consumer<String> warnings;
    private final Map<String, Integer> idLines = new HashMap<>();

    /**
     * @param file the file as the user named it, for messages
     * @param leaveOut how a user of the format leaves out an optional value, in the words of a fix:
     *     {@code "leave it empty"} for a CSV field, {@code "leave it out"} for a JSON key
     * @param warnings receives each warning as {@code file:line: text}
     */
    ShotRules(String file, String leaveOut, Consumer<String> warnings) {
        this.file = file;
        this.leaveOut = leaveOut;
        this.warnings = warnings;
    }

    /**
     * The id of the shot, made safe as a file name ({@code "Scene 1: café!"} becomes
     * {@code Scene-1-cafe}). An empty id, a path, or an id with no letter or digit is an error.
     */
    String id(String written, int line) {
        String value = written.strip();
        if (value.isEmpty()) {
            throw new InputException(file, line, "shot_id is empty", "give every shot an id such as \"s01\"");
        }
        if (value.contains("/") || value.contains("\\") || value.contains("..")) {
            throw new InputException(file, line, "shot_id \"" + value + "\" contains a path separator or \"..\"",
                    "use only letters, digits, '-' and '_'");
        }
        String id = ShotIds.slug(value, false);
        if (id.isEmpty()) {
            throw new InputException(file, line, "shot_id \"" + value + "\" has no letter or digit",
                    "use only letters, digits, '-' and '_'");
        }
        if (!id.equals(value)) {
            LOG.info("{}:{}: shot_id \"{}\" becomes \"{}\" so that it can name files", file, line, value, id);
        }
        return id;
    }

    /**
     * Records that the shot on {@code line} has {@code id}. An id already used by an earlier shot
     * of the file is an error, also when two ids become the same once made safe as file names.
     */
    void claimId(String id, int line) {
        Integer firstLine = idLines.putIfAbsent(id, line);
        if (firstLine != null) {
            throw new InputException(file, line, "shot_id \"" + id + "\" is already used on line " + firstLine,
                    "give every shot its own shot_id");
        }
    }

    /** The prompt without spaces at either end. A blank prompt is an error. */
    String prompt(String id, String text, int line) {
        String prompt = text.strip();
        if (prompt.isEmpty()) {
            throw new InputException(file, line, "shot \"" + id + "\" has an empty prompt",
                    "describe the shot in \"" + PROMPT + "\"");
        }
        return prompt;
    }

    /**
     * The duration in seconds. A value out of range is an error. NaN and infinities are out of
     * range too.
     *
     * @param written the value as the file writes it, for the message ({@code 1e400})
     */
    double duration(double seconds, String written, int line) {
        if (!Durations.allowed(seconds)) {
            throw new InputException(file, line, DURATION + " " + written + " is out of range",
                    "use seconds " + Durations.ALLOWED);
        }
        return seconds;
    }

    /** The error for a duration that is not a number. */
    InputException notADuration(Found found, int line) {
        return new InputException(file, line, found.isNot(DURATION) + "a number",
                "write the duration in seconds as a number, " + Durations.ALLOWED + ", e.g. 4.5, or " + leaveOut
                        + " to estimate it");
    }

    /** The error for a seed that is not a whole number in the range of a {@code long}. */
    InputException notASeed(Found found, int line) {
        return new InputException(file, line, found.isNot(SEED) + "a whole number between " + Long.MIN_VALUE
                + " and " + Long.MAX_VALUE, "write an integer seed, or " + leaveOut + " to use the film seed");
    }

    /** The transition that {@code text} names ({@link Transition#parse}). An unknown name is an error. */
    Transition transition(String text, int line) {
        Transition transition = Transition.parse(text);
        if (transition == null) {
            throw notATransition(Found.text(text.strip()), line);
        }
        return transition;
    }

    /** The error for a transition that is not cut, crossfade or fade. */
    InputException notATransition(Found found, int line) {
        return new InputException(file, line, found.isNot(TRANSITION) + "cut, crossfade or fade",
                "write \"cut\", \"crossfade\" or \"fade\", or " + leaveOut + " for a cut");
    }

    /**
     * Warns about a negative prompt. It is accepted, but the model has no use for it. A null or
     * blank one is not mentioned.
     */
    void negativePrompt(String text, int line) {
        if (text != null && !text.isBlank()) {
            warnings.accept(file + ":" + line + ": " + NEGATIVE_PROMPT + " is ignored: the model has no use for it");
        }
    }

    /** The scene label without spaces at either end, or null for no scene (null or blank). */
    static String scene(String label) {
        return label == null || label.isBlank() ? null : label.strip();
    }

    /** Text as a message quotes it: at most 40 characters, so that a huge value does not flood the error. */
    static String quote(String text) {
        return "\"" + (text.length() <= QUOTED_MAX ? text : text.substring(0, QUOTED_MAX - 3) + "...") + "\"";
    }

    /**
     * What a reader found where a rule wants a value, as the error shows it. It can be text as
     * written ({@code seed "1.5" is not ...}), a number as written ({@code seed 1.5 is not ...}),
     * or a value of the wrong type ({@code seed is a string ("42"), not ...}).
     */
    record Found(String shown, boolean isType) {

        /** Text from the file, quoted and shortened. */
        static Found text(String text) {
            return new Found(quote(text), false);
        }

        /** A number as the file writes it. */
        static Found number(String written) {
            return new Found(written, false);
        }

        /** A value of the wrong type, described: {@code a string ("4s")}, {@code an array}. */
        static Found type(String description) {
            return new Found(description, true);
        }

        private String isNot(String key) {
            return isType ? key + " is " + shown + ", not " : key + " " + shown + " is not ";
        }
    }
}
