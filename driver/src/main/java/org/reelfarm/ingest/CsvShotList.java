package org.reelfarm.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV shot lists: a header naming the columns {@code shot_id}, {@code prompt},
 * {@code duration_s} and optionally {@code seed}, {@code transition} (cut, crossfade, fade: how
 * the shot begins) and {@code negative_prompt} (ignored with a warning: the model has no use for
 * it), in any order and case, then one row per shot.
 * An empty {@code duration_s} is estimated from the prompt; an empty {@code seed} means the film
 * seed. Blank rows (also {@code ,,,} from spreadsheets) are skipped. This class reads the header
 * and the fields; {@link ShotRules} checks the values.
 */
final class CsvShotList {
    private static final Logger LOG = LoggerFactory.getLogger(CsvShotList.class);

    private static final List<String> REQUIRED = List.of(ShotRules.SHOT_ID, ShotRules.PROMPT, ShotRules.DURATION);
    private static final List<String> OPTIONAL = List.of(ShotRules.SEED, ShotRules.TRANSITION,
            ShotRules.NEGATIVE_PROMPT);
    private static final String HEADER_FIX = "the header must be shot_id,prompt,duration_s and optionally any of"
            + " seed, transition, negative_prompt";

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(?:nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");

    private CsvShotList() {}

    static List<ShotDraft> parse(SourceFile file) {
        return parse(file, LOG::warn);
    }

    /** Test seam: {@code warnings} receives each warning (file:line: text) instead of the log. */
    static List<ShotDraft> parse(SourceFile file, Consumer<String> warnings) {
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
        ShotRules rules = new ShotRules(display, "leave it empty", warnings);
        List<ShotDraft> shots = new ArrayList<>();
        for (CsvRecords.CsvRecord row : records.subList(1, records.size())) {
            if (row.fields().size() != header.fields().size()) {
                throw new InputException(display, row.line(), "row has " + row.fields().size()
                        + " fields but the header has " + header.fields().size(),
                        "quote fields that contain commas, e.g. \"a red ball, then a box\"");
            }
            shots.add(shot(rules, row, columns));
        }
        return shots;
    }

    /** The shot of one row, its values checked column by column. */
    private static ShotDraft shot(ShotRules rules, CsvRecords.CsvRecord row, Map<String, Integer> columns) {
        int line = row.line();
        String id = rules.id(field(row, columns, ShotRules.SHOT_ID), line);
        rules.claimId(id, line);
        String prompt = rules.prompt(id, field(row, columns, ShotRules.PROMPT), line);
        Double duration = duration(rules, line, field(row, columns, ShotRules.DURATION));
        Long seed = seed(rules, line, field(row, columns, ShotRules.SEED));
        Transition transition = transition(rules, line, field(row, columns, ShotRules.TRANSITION));
        rules.negativePrompt(field(row, columns, ShotRules.NEGATIVE_PROMPT), line);
        return new ShotDraft(id, line, prompt, duration, seed, null, transition, 0);
    }

    /** The row's field in {@code column}; empty when the header has no such column. */
    private static String field(CsvRecords.CsvRecord row, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        return index == null ? "" : row.fields().get(index);
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

    /** Seconds, or null for an empty field: the duration is then estimated from the prompt. */
    private static Double duration(ShotRules rules, int line, String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (DECIMAL.matcher(value).matches()) {
            return rules.duration(Double.parseDouble(value), value, line);
        }
        if (NON_FINITE.matcher(value).matches()) {
            return rules.duration(Double.NaN, value, line); // NaN and infinities alike: out of range
        }
        throw rules.notADuration(ShotRules.Found.text(value), line);
    }

    /** The seed, or null for an empty field: the film seed. */
    private static Long seed(ShotRules rules, int line, String raw) {
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
        throw rules.notASeed(ShotRules.Found.text(value), line);
    }

    /** The transition, or a cut for an empty field. */
    private static Transition transition(ShotRules rules, int line, String raw) {
        return raw.isBlank() ? Transition.CUT : rules.transition(raw, line);
    }
}
