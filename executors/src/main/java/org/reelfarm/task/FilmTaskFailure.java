package org.reelfarm.task;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's failure, tagged with the films whose work it was doing ({@code [film N]}), so that
 * when Spark gives up on it the driver can fail those films alone and keep the others.
 */
public final class FilmTaskFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern TAG = Pattern.compile("\\[film (\\d+)]");

    public FilmTaskFailure(Set<Integer> films, String work, Throwable cause) {
        super(tags(films) + " " + work + ": " + cause, cause);
    }

    private static String tags(Set<Integer> films) {
        StringBuilder out = new StringBuilder();
        new TreeSet<>(films).forEach(f -> out.append(out.isEmpty() ? "" : " ").append("[film ").append(f).append(']'));
        return out.toString();
    }

    /** The films named in a failure's message (Spark's job-abort message quotes the task's). */
    public static Set<Integer> filmsIn(String message) {
        Set<Integer> films = new TreeSet<>();
        Matcher m = TAG.matcher(message);
        while (m.find()) {
            films.add(Integer.parseInt(m.group(1)));
        }
        return films;
    }

    /** What failed for a film, from a job-abort message: the tagged part, up to the end of its line. */
    public static String causeOf(Throwable jobFailure, int film) {
        String message = String.valueOf(jobFailure.getMessage());
        int at = message.indexOf("[film " + film + "]");
        if (at < 0) {
            return message.lines().findFirst().orElse(message);
        }
        String rest = message.substring(at);
        int end = rest.indexOf('\n');
        String line = end < 0 ? rest : rest.substring(0, end);
        return line.replaceAll("^(\\[film \\d+] ?)+", "").strip();
    }
}
