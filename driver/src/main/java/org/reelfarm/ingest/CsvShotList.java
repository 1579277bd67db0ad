package org.reelfarm.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV shot lists: a header naming the columns {@code shot_id}, {@code prompt},
 * {@code duration_s} and optionally {@code seed}, {@code transition} (cut, crossfade, fade: how
 * the shot begins) and {@code negative_prompt} (ignored with a warning: the model has no use for
 * it), in any order and case, then one row per shot.
 * An empty {@code duration_s} is estimated from the prompt; an empty {@code seed} means the film
 * seed. Blank rows (also {@code ,,,} from spreadsheets) are skipped.
 */
final class CsvShotList {
    private static final Logger LOG = LoggerFactory.getLogger(CsvShotList.class);

    static final String SHOT_ID = "shot_id";
    static final String PROMPT = "prompt";
    static final String DURATION = "duration_s";
    static final String SEED = "seed";
    static final String TRANSITION = "transition";
    static final String NEGATIVE_PROMPT = "negative_prompt";
    private static final List<String> REQUIRED = List.of(SHOT_ID, PROMPT, DURATION);
    private static final List<String> OPTIONAL = List.of(SEED, TRANSITION, NEGATIVE_PROMPT);
    private static final String HEADER_FIX = "the header must be shot_id,prompt,duration_s and optionally any of"
            + " seed, transition, negative_prompt";

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(?:nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");

    private CsvShotList() {}

    static List<ShotDraft> parse(SourceFile file) {
        String display = file.display();
        List<CsvRecords.CsvRecord> records = new ArrayList<>();
        for (CsvRecords.CsvRecord record : CsvRecords.parse(display, file.text())) {
            if (!record.isBlank()) {
                records.add(record);
            }
        }
        if (records.isEmpty()) {
            throw new InputException(display, 1, "shot list has no header, only empty fields", HEADER_FIX);
        }
        CsvRecords.CsvRecord header = records.get(0);
        Map<String, Integer> columns = columns(display, header);
        if (records.size() == 1) {
            throw new InputException(display, header.line(), "shot list has a header but no shots",
                    "add one row per shot under the header");
        }
        List<ShotDraft> shots = new ArrayList<>();
        Map<String, Integer> idLines = new HashMap<>();
        for (CsvRecords.CsvRecord row : records.subList(1, records.size())) {
            if (row.fields().size() != header.fields().size()) {
                throw new InputException(display, row.line(), "row has " + row.fields().size()
                        + " fields but the header has " + header.fields().size(),
                        "quote fields that contain commas, e.g. \"a red ball, then a box\"");
            }
            String id = shotId(display, row, row.fields().get(columns.get(SHOT_ID)));
            Integer firstLine = idLines.putIfAbsent(id, row.line());
            if (firstLine != null) {
                throw new InputException(display, row.line(), "shot_id \"" + id + "\" is already used on line "
                        + firstLine, "give every shot its own shot_id");
            }
            String prompt = row.fields().get(columns.get(PROMPT)).strip();
            if (prompt.isEmpty()) {
                throw new InputException(display, row.line(), "shot \"" + id + "\" has an empty prompt",
                        "describe the shot in the prompt column");
            }
            Double duration = duration(display, row.line(), row.fields().get(columns.get(DURATION)));
            Long seed = columns.containsKey(SEED) ? seed(display, row.line(), row.fields().get(columns.get(SEED))) : null;
            Transition transition = columns.containsKey(TRANSITION)
                    ? transition(display, row.line(), row.fields().get(columns.get(TRANSITION))) : Transition.CUT;
            if (columns.containsKey(NEGATIVE_PROMPT) && !row.fields().get(columns.get(NEGATIVE_PROMPT)).isBlank()) {
                LOG.warn("{}:{}: negative_prompt is ignored: the model has no use for it", display, row.line());
            }
            shots.add(new ShotDraft(id, row.line(), prompt, duration, seed, null, transition, 0));
        }
        return shots;
    }

    private static Map<String, Integer> columns(String display, CsvRecords.CsvRecord header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                throw new InputException(display, header.line(), "unknown column \"" + header.fields().get(i)
                        + "\" in the header", HEADER_FIX + "; remove or rename that column");
            }
            if (columns.putIfAbsent(name, i) != null) {
                throw new InputException(display, header.line(), "column \"" + name + "\" appears twice in the header",
                        HEADER_FIX);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                missing.add("\"" + name + "\"");
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(display, header.line(), (missing.size() == 1 ? "missing column " : "missing columns ")
                    + String.join(", ", missing) + " in the header", HEADER_FIX);
        }
        return columns;
    }

    private static String shotId(String display, CsvRecords.CsvRecord row, String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw new InputException(display, row.line(), "shot_id is empty", "give every shot an id such as s01");
        }
        if (value.contains("/") || value.contains("\\") || value.contains("..")) {
            throw new InputException(display, row.line(), "shot_id \"" + value
                    + "\" contains a path separator or \"..\"", "use only letters, digits, '-' and '_'");
        }
        String id = ShotIds.slug(value, false);
        if (id.isEmpty()) {
            throw new InputException(display, row.line(), "shot_id \"" + value + "\" has no letter or digit",
                    "use only letters, digits, '-' and '_'");
        }
        if (!id.equals(value)) {
            LOG.info("{}:{}: shot_id \"{}\" becomes \"{}\" so that it can name files", display, row.line(), value, id);
        }
        return id;
    }

    private static Double duration(String display, int line, String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        double seconds;
        if (DECIMAL.matcher(value).matches()) {
            seconds = Double.parseDouble(value);
        } else if (NON_FINITE.matcher(value).matches()) {
            seconds = Double.NaN; // NaN and infinities alike: out of range, reported below
        } else {
            throw new InputException(display, line, "duration_s \"" + value + "\" is not a number",
                    "write the duration in seconds, " + Durations.ALLOWED + ", e.g. 4.5, or leave it empty to estimate it");
        }
        if (!Durations.allowed(seconds)) {
            throw new InputException(display, line, "duration_s " + value + " is out of range",
                    "use seconds " + Durations.ALLOWED);
        }
        return seconds;
    }

    private static Transition transition(String display, int line, String raw) {
        if (raw.isBlank()) {
            return Transition.CUT;
        }
        Transition transition = Transition.parse(raw);
        if (transition == null) {
            throw new InputException(display, line, "transition \"" + raw.strip() + "\" is not cut, crossfade or fade",
                    "write cut, crossfade or fade, or leave it empty for a cut");
        }
        return transition;
    }

    private static Long seed(String display, int line, String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            if (INTEGER.matcher(value).matches()) {
                return Long.parseLong(value);
            }
        } catch (NumberFormatException e) {
            // out of long range: reported below
        }
        throw new InputException(display, line, "seed \"" + value + "\" is not a whole number between "
                + Long.MIN_VALUE + " and " + Long.MAX_VALUE, "write an integer seed, or leave it empty to use the film seed");
    }
}
