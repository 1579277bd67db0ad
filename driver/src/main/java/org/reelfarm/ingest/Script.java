package org.reelfarm.ingest;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One input file read as a film.
 *
 * @param name the film name: the file name without its extension
 * @param source the input path as the user gave it
 * @param sha256 lower-case hex SHA-256 of the file's bytes, for the manifest
 * @param shots the film's shots in order, at least one, ids unique; {@code shots.get(i).index() == i}
 */
public record Script(String name, String source, String sha256, List<Shot> shots) implements Serializable {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Script {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (name.isBlank() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("film name \"" + name + "\" cannot name a directory");
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
        }
        shots = List.copyOf(shots);
        if (shots.isEmpty()) {
            throw new IllegalArgumentException("film " + name + " has no shots");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < shots.size(); i++) {
            Shot shot = shots.get(i);
            if (shot.index() != i) {
                throw new IllegalArgumentException("film " + name + ": shot " + shot.id()
                        + " has index " + shot.index() + " at position " + i);
            }
            if (!ids.add(shot.id())) {
                throw new IllegalArgumentException("film " + name + ": shot id " + shot.id() + " is used twice");
            }
        }
    }

    /** Sum of the shot durations. */
    public double durationSeconds() {
        double total = 0;
        for (Shot shot : shots) {
            total += shot.durationSeconds();
        }
        return total;
    }
}
