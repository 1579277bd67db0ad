package org.reelfarm.output;

/**
 * What happened to one film of a run, as {@code library.json} lists it.
 *
 * @param film the film name, or the input's file name when it could not be read
 * @param durationSeconds seconds of film, 0 when none was made
 * @param error what went wrong and how to fix it, null unless failed
 */
public record FilmOutcome(String film, String input, Status status, double durationSeconds, long frames, String error) {

    /** The three ends a film can come to. */
    public enum Status {
        RENDERED, SKIPPED, FAILED;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static FilmOutcome failed(String film, String input, String error) {
        return new FilmOutcome(film, input, Status.FAILED, 0, 0, error);
    }
}
