package org.reelfarm.storage;

import java.util.List;
import java.util.Locale;

/**
 * Every path of a film's work area and of its output, relative to the output directory {@code
 * OUT} (or, for the {@code work*} paths, relative to the work root {@code OUT/.reelfarm-work}).
 * The one place the layout is spelled; it is the layout earlier versions wrote, so a render they
 * left interrupted resumes.
 *
 * <pre>
 * OUT/library.json
 * OUT/NAME/manifest.json                 written last: a film is done when it exists
 * OUT/NAME/film.mp4, shots/NNN-ID.mp4, timeline.otio, report.html, frames/
 * OUT/.reelfarm-work/NAME/resume.txt     the fingerprint of the render, to resume only the same one
 * OUT/.reelfarm-work/NAME/segments/NNNNN.mp4 (+ .result)
 * OUT/.reelfarm-work/NAME/windows/NNNNN.bin
 * OUT/.reelfarm-work/NAME/codenoise/rRRRR/wNNNNN
 * </pre>
 */
public final class FilmLayout {
    /** The work root, under the output directory. */
    public static final String WORK = ".reelfarm-work";
    public static final String LIBRARY = "library.json";
    public static final String MANIFEST = "manifest.json";
    public static final String FILM = "film.mp4";
    /**
     * On an object store, in a film directory while its objects go up: marks a film without a
     * manifest as Reelfarm's own, left half-published by an interrupted run.
     */
    public static final String PUBLISHING = ".reelfarm-publishing";
    /** In a film's work directory: the fingerprint of the render. */
    public static final String RESUME = "resume.txt";
    public static final String SEGMENTS = "segments";
    public static final String WINDOWS = "windows";
    public static final String STATES = "codenoise";
    /** What a film's work directory holds besides the film: removed once the film is stitched. */
    public static final List<String> SCRATCH = List.of(SEGMENTS, WINDOWS, STATES, RESUME);
    /** The suffix of a work file still being written. */
    public static final String PART = ".part";

    private FilmLayout() {}

    /** A film's work directory, relative to the output directory. */
    public static String workDir(String film) {
        return WORK + "/" + film;
    }

    /** A file of a film's directory, relative to the output directory. */
    public static String filmFile(String film, String relative) {
        return film + "/" + relative;
    }

    /** Segment {@code local} (its index in the film) relative to the work root. */
    public static String segment(String film, int local) {
        return String.format(Locale.ROOT, "%s/%s/%05d.mp4", film, SEGMENTS, local);
    }

    /** Where a segment's result goes: next to its MP4 (relative to the work root). */
    public static String segmentResult(String segmentFile) {
        return segmentFile + ".result";
    }

    /** The window pieces of batch {@code batch}, relative to the work root. */
    public static String batch(String film, int batch) {
        return String.format(Locale.ROOT, "%s/%s/%05d.bin", film, WINDOWS, batch);
    }

    /** A film's co-denoised window states, relative to the work root. */
    public static String states(String film) {
        return film + "/" + STATES;
    }

    /** The name of the directory of the states saved after {@code round} rounds. */
    public static String roundName(int round) {
        return String.format(Locale.ROOT, "r%04d", round);
    }

    /** The round of a directory named by {@link #roundName}, or -1 if the name is not one. */
    public static int roundOf(String dirName) {
        return dirName.matches("r\\d{4,}") ? Integer.parseInt(dirName.substring(1)) : -1;
    }

    /** The directory of the states saved after {@code round} rounds, under a film's state directory. */
    public static String stateRound(String statesDir, int round) {
        return statesDir + "/" + roundName(round);
    }

    /** The file name of the pack of states that partition {@code partition} saved in a round directory. */
    public static String packName(int partition) {
        return String.format(Locale.ROOT, "p%05d", partition);
    }

    /** A round directory's index of packs: written last, so a round with one is whole. */
    public static String stateIndex(String roundDir) {
        return roundDir + "/index";
    }

    /** A frame PNG of a film, relative to the work root. */
    public static String frame(String film, String pngName) {
        return film + "/frames/" + pngName;
    }

    /** A shot's MP4 inside the film directory: {@code shots/NNN-ID.mp4}, NNN counting from 1. */
    public static String shot(int shotIndex, String shotId) {
        return String.format(Locale.ROOT, "shots/%03d-%s.mp4", shotIndex + 1, shotId);
    }
}
