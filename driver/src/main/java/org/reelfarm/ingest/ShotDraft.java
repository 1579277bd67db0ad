package org.reelfarm.ingest;

/**
 * A shot as parsed from its file, before tokenization: id and prompt are final, the duration is
 * {@code null} when it is to be estimated from the text, the seed {@code null} for the film seed.
 *
 * @param scene the scene the shot belongs to (a screenplay's scene heading), or null
 * @param transition how the shot begins after the previous one
 * @param extraSeconds time added to an estimated duration (a screenplay's dialogue over the shot)
 */
record ShotDraft(String id, int line, String prompt, Double durationSeconds, Long seed, String scene,
        Transition transition, double extraSeconds) {

    ShotDraft {
        if (transition == null) {
            throw new IllegalArgumentException("transition is required");
        }
        if (!(extraSeconds >= 0)) {
            throw new IllegalArgumentException("extraSeconds must be >= 0");
        }
    }

    /** A shot with no scene, a hard cut, and nothing added to its duration. */
    ShotDraft(String id, int line, String prompt, Double durationSeconds, Long seed) {
        this(id, line, prompt, durationSeconds, seed, null, Transition.CUT, 0);
    }
}
