package org.reelfarm.ingest;

/**
 * A shot as parsed from its file, before tokenization: id and prompt are final, the duration is
 * {@code null} when it is to be estimated from the text, the seed {@code null} for the film seed.
 */
record ShotDraft(String id, int line, String prompt, Double durationSeconds, Long seed) {}
