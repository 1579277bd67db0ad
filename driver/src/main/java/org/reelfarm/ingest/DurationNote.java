package org.reelfarm.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A screenplay's duration note, {@code [[duration: 6s]]}: the key {@code duration} (any case)
 * with {@code :} or {@code =}, then seconds, minutes, or minutes and seconds.
 *
 * <pre>{@code
 * DurationNote.seconds("6s")     // 6.0; also "6", "6 s", "6.5 sec", "6 seconds"
 * DurationNote.seconds("1m30s")  // 90.0; also "1 min 30 s", "1m 30", "2 minutes", "1.5m"
 * }</pre>
 */
final class DurationNote {

    static final String FORMS = "write seconds, minutes, or minutes and seconds, e.g. [[duration: 6s]],"
            + " [[duration: 6.5 sec]] or [[duration: 1m30s]]";

    private static final Pattern NOTE = Pattern.compile("(?is)\\s*duration\\s*[:=](.*)");
    private static final Pattern VALUE = Pattern.compile(
            "(?i)(?:(\\d+(?:\\.\\d+)?)\\s*(?:minutes|minute|mins|min|m)\\s*)?"
            + "(?:(\\d+(?:\\.\\d+)?)\\s*(?:seconds|second|secs|sec|s)?)?");

    private DurationNote() {}

    /** The value of a note's text when it is a duration note ({@code "duration: 6s"} → "6s"), else null. */
    static String value(String noteText) {
        Matcher m = NOTE.matcher(noteText);
        return m.matches() ? m.group(1).strip() : null;
    }

    /** Seconds of a value such as {@code 6.5 sec} or {@code 1m30s}; NaN when it is none of the forms. */
    static double seconds(String value) {
        Matcher m = VALUE.matcher(value.strip());
        if (!m.matches() || (m.group(1) == null && m.group(2) == null)) {
            return Double.NaN;
        }
        double minutes = m.group(1) == null ? 0 : Double.parseDouble(m.group(1));
        double seconds = m.group(2) == null ? 0 : Double.parseDouble(m.group(2));
        return minutes * 60 + seconds;
    }
}
