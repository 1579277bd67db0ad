package org.reelfarm.capacity;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations of {@code --deadline}: {@code 24h}, {@code 90m}, {@code 3600s}, or seconds. */
public final class Deadline {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([hms]?)");

    private Deadline() {}

    /** Seconds in {@code text}. */
    public static double parseSeconds(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CapacityException("--deadline '" + text + "' is not a duration; write it as 24h, 90m or 3600s");
        }
        double value = Double.parseDouble(m.group(1));
        double seconds = switch (m.group(2)) {
            case "h" -> value * 3600;
            case "m" -> value * 60;
            default -> value;
        };
        if (!(seconds > 0)) {
            throw new CapacityException("--deadline must be more than 0, got '" + text + "'");
        }
        return seconds;
    }

    /** {@code 3600} -> "1.00 h", {@code 90} -> "1.5 min", {@code 12} -> "12.0 s". */
    public static String format(double seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%.2f h", seconds / 3600);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
