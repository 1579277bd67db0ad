package org.reelfarm.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * The output directory of a run as the driver uses it: films built in their work area, published
 * under {@code OUT/NAME} (paths in {@link FilmLayout}). A film is done when its {@code
 * manifest.json} exists; every reader trusts that file alone.
 *
 * <p>How a film is published depends on the store. Where a directory rename is atomic (local
 * disk, HDFS) the film is stitched into {@code .reelfarm-work/NAME} and renamed into place: the
 * directory appears whole. On an object store (s3a://, where a rename is a copy and a delete) the
 * film's objects go straight to {@code OUT/NAME}, streamed up, behind a {@link
 * FilmLayout#PUBLISHING} marker, and {@code manifest.json} is written last. A crash in between
 * leaves objects and the marker but no manifest: {@link #unpublished} tells them from a
 * directory Reelfarm did not make, and {@link #cleanUp} removes them.
 */
public final class FilmStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FilmStore.class);

    /** What a film directory without a manifest is. */
    public enum Unpublished {
        /** There is no film directory. */
        NONE,
        /** Objects of a film an interrupted run was publishing. */
        HALF_PUBLISHED,
        /** A directory Reelfarm did not make. */
        FOREIGN
    }

    private final Storage out;
    private final Storage work;

    private FilmStore(Storage out) {
        this.out = out;
        this.work = out.at(FilmLayout.WORK);
    }

    /**
     * The output directory {@code location}; {@code hadoop} (the Spark session's configuration) is
     * asked for only when the output is not on local disk, so that a render to local disk refuses a
     * bad input before Spark starts.
     */
    public static FilmStore open(String location, Supplier<Configuration> hadoop) {
        return open(location, Storage.isUri(location) && !location.startsWith("file:") ? hadoop.get() : new Configuration());
    }

    /** The output directory {@code location}, checked (endpoint, credentials, bucket) before anything is written. */
    public static FilmStore open(String location, Configuration conf) {
        Storage out = Storage.open(location, conf);
        out.probe();
        return new FilmStore(out);
    }

    /**
     * Refuses an output directory inside one of the input prefixes on a remote store: its films
     * would be listed as inputs of the next run.
     */
    public static void checkOutside(String location, List<String> inputs) {
        if (!Storage.isUri(location) || location.startsWith("file:")) {
            return;
        }
        String outDir = withSlash(location);
        for (String input : inputs) {
            if (Storage.isUri(input) && outDir.startsWith(withSlash(input))) {
                throw new StorageException("--out " + location + " is inside the input prefix " + input
                        + ": the next run would read its films as inputs; choose an --out outside " + input);
            }
        }
    }

    private static String withSlash(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** The work root as a URI, for executors. */
    public String workRoot() {
        return work.uri();
    }

    /** The work area (relative paths as in {@link FilmLayout}). */
    public Storage work() {
        return work;
    }

    /** Where this output is, as the user would write it. */
    public String location() {
        return out.location();
    }

    /** Where a film's work directory is, as the user would write it. */
    public String workLocation(String name) {
        return out.location(FilmLayout.workDir(name));
    }

    /** Where a film is (or will be published). */
    public String filmLocation(String name) {
        return out.location(name);
    }

    /** The manifest of a published film, or null when the film is not done. */
    public String manifest(String name) {
        return out.readText(FilmLayout.filmFile(name, FilmLayout.MANIFEST));
    }

    /** What is at {@code OUT/NAME} when it has no manifest. */
    public Unpublished unpublished(String name) {
        if (!out.exists(name)) {
            return Unpublished.NONE;
        }
        return out.exists(FilmLayout.filmFile(name, FilmLayout.PUBLISHING)) ? Unpublished.HALF_PUBLISHED
                : Unpublished.FOREIGN;
    }

    /** Removes the objects of a film left half-published (no manifest): the film is rendered again. */
    public void cleanUp(String name) {
        out.delete(name);
    }

    /** A text file of a film's work directory, or null. */
    public String readWork(String name, String relative) {
        return work.readText(name + "/" + relative);
    }

    public void writeWork(String name, String relative, String text) {
        work.writeText(name + "/" + relative, text);
    }

    /** The names in a directory of a film's work area, sorted; empty when it does not exist. */
    public List<String> listWork(String name, String relative) {
        return work.list(name + "/" + relative);
    }

    public void deleteWork(String name, String relative) {
        work.delete(name + "/" + relative);
    }

    /** A fresh, empty work directory for a film. */
    public void prepareWork(String name) {
        work.delete(name);
    }

    /** A file of the work area as a local file: itself when local, else a copy in {@code scratch}. */
    public Path localWorkCopy(String relative, Path scratch) {
        return work.localCopy(relative, scratch);
    }

    /**
     * Starts publishing a film: on an object store, unpublishes the film there (its manifest
     * first, so it never counts as done with a mix of objects) and marks the directory as
     * Reelfarm's. On local disk nothing: the film goes up by one rename.
     */
    public void beginPublish(String name) {
        if (out.atomicRename()) {
            return;
        }
        out.delete(FilmLayout.filmFile(name, FilmLayout.MANIFEST));
        out.delete(name);
        out.writeText(FilmLayout.filmFile(name, FilmLayout.PUBLISHING), "");
    }

    /** Puts a stitched file (e.g. {@code film.mp4}) of the film being published, streamed from local disk. */
    public void putFilmFile(String name, String relative, Path local) {
        out.put(local, staging(name) + "/" + relative);
    }

    /**
     * Publishes the film: writes {@code files} (name to text), then {@code manifest} last, and
     * removes the work directory. On local disk the work directory is cleared of the render's
     * scratch and renamed into place, replacing an older film.
     */
    public void publish(String name, Map<String, String> files, String manifest) {
        if (out.atomicRename()) {
            FilmLayout.SCRATCH.forEach(f -> work.delete(name + "/" + f));
        } else {
            // What the executors wrote for the film itself (frames/) moves over, server side.
            for (String entry : work.list(name)) {
                if (!FilmLayout.SCRATCH.contains(entry)) {
                    out.rename(FilmLayout.workDir(name) + "/" + entry, name + "/" + entry);
                }
            }
        }
        files.forEach((file, text) -> out.writeText(staging(name) + "/" + file, text));
        out.writeText(staging(name) + "/" + FilmLayout.MANIFEST, manifest);
        if (out.atomicRename()) {
            out.delete(name);
            out.rename(FilmLayout.workDir(name), name);
            discard(name);
            return;
        }
        // On an object store the film is done once its manifest is up: what is left is clean-up,
        // which a store gone away stops without undoing the film (readers trust the manifest).
        try {
            out.delete(FilmLayout.filmFile(name, FilmLayout.PUBLISHING));
            discard(name);
        } catch (StorageException e) {
            LOG.warn("film {} is published; its clean-up did not finish: {}", name, e.getMessage());
        }
    }

    /**
     * Removes a film's work directory (and the work root once empty), and on an object store the
     * objects of a publish that did not finish.
     */
    public void discard(String name) {
        work.delete(name);
        out.deleteIfEmpty(FilmLayout.WORK);
        if (!out.atomicRename() && manifest(name) == null && unpublished(name) == Unpublished.HALF_PUBLISHED) {
            cleanUp(name);
        }
    }

    /** Writes {@code library.json}, whole. */
    public void writeLibrary(String text) {
        out.writeText(FilmLayout.LIBRARY, text);
    }

    /** Writes a file at the top of the output directory (the library index), whole. */
    public void writeTop(String file, String text) {
        out.writeText(file, text);
    }

    /** Where a film's files go while it is being published, relative to the output directory. */
    private String staging(String name) {
        return out.atomicRename() ? FilmLayout.workDir(name) : name;
    }
}
