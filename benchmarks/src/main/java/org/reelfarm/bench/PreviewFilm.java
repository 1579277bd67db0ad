package org.reelfarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reelfarm.ingest.Shot;
import org.reelfarm.model.Vocabulary;

/**
 * A synthetic preview film for the render benchmark: shots of {@value #SHOT_SECONDS} s whose
 * prompts vary colour, shape, motion and background within the reference model's vocabulary,
 * each with a fixed seed, so every run renders the same film.
 *
 * <pre>{@code
 * PreviewFilm film = PreviewFilm.of("preview-1min", 10); // 10 shots, 60 s
 * Path csv = film.writeCsv(dir);                          // dir/preview-1min.csv
 * }</pre>
 */
record PreviewFilm(String name, List<Line> lines) {
    static final double SHOT_SECONDS = 6.0;
    static final long FIRST_SEED = 7001;
    static final String HEADER = "shot_id,prompt,duration_s,seed";

    static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "white", "black", "orange", "purple",
            "pink", "cyan", "brown", "grey");
    static final List<String> SHAPES = List.of("circle", "square", "triangle");
    static final List<String> MOTIONS = List.of("moves left", "moves right", "moves up", "moves down", "bouncing", "still");

    /** One row of the shot list. */
    record Line(String id, String prompt, double seconds, long seed) {}

    PreviewFilm {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a film needs at least one shot");
        }
    }

    /** A film of {@code shots} shots, {@value #SHOT_SECONDS} s each; the same arguments give the same film. */
    static PreviewFilm of(String name, int shots) {
        List<Line> lines = new ArrayList<>(shots);
        for (int i = 0; i < shots; i++) {
            lines.add(new Line(String.format("s%03d", i + 1), prompt(i), SHOT_SECONDS, FIRST_SEED + i));
        }
        return new PreviewFilm(name, lines);
    }

    /** Shot {@code i}'s prompt, e.g. "A red circle moves left on a blue background." */
    static String prompt(int i) {
        int colour = i % COLOURS.size();
        // Steps coprime with the list sizes walk through every combination over the film.
        String shape = SHAPES.get((i + i / COLOURS.size()) % SHAPES.size());
        String motion = MOTIONS.get((5 * i + i / COLOURS.size()) % MOTIONS.size());
        int background = (7 * i + 5) % COLOURS.size();
        if (background == colour) {
            background = (background + 1) % COLOURS.size();
        }
        String thing = COLOURS.get(colour) + " " + shape;
        String on = " on a " + COLOURS.get(background) + " background.";
        return switch (motion) {
            case "still" -> "A still " + thing + on;
            default -> "A " + thing + " " + motion + on;
        };
    }

    double seconds() {
        return lines.stream().mapToDouble(Line::seconds).sum();
    }

    /** The shot list as CSV ({@value #HEADER}). */
    String csv() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Line line : lines) {
            out.append(line.id()).append(',').append(line.prompt()).append(',').append(format(line.seconds()))
                    .append(',').append(line.seed()).append('\n');
        }
        return out.toString();
    }

    private static String format(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    /** Writes {@code dir/NAME.csv} (the CLI names the film after the file) and returns its path. */
    Path writeCsv(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name + ".csv"), csv());
    }

    /**
     * The shots as the render reads them: the CSV's ids, prompts, durations and seeds, words split
     * by {@link Vocabulary#words}, which for these plain prompts gives the tokens Spark NLP gives.
     */
    List<Shot> shots() {
        List<Shot> shots = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            shots.add(new Shot(line.id(), i, line.prompt(), line.seconds(), false, line.seed(), i + 2,
                    Vocabulary.words(line.prompt()), List.of()));
        }
        return shots;
    }
}
