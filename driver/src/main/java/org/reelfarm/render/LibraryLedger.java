package org.reelfarm.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.reelfarm.output.FilmOutcome;
import org.reelfarm.output.LibraryIndex;
import org.reelfarm.output.LibraryReport;
import org.reelfarm.storage.FilmStore;
import org.reelfarm.storage.StorageException;

/**
 * What a run knows of its films as they finish: every film's outcome, a poster per rendered film,
 * and the films whose work directory the run owns and has not committed (discarded if the run
 * fails). In a library, {@code library.json} is written again each time a film is committed, so
 * it lists every film committed so far. Thread-safe: the render's lanes commit concurrently.
 */
final class LibraryLedger {
    private final FilmStore store;
    private final boolean library;
    private final List<FilmOutcome> outcomes = new ArrayList<>();
    private final Map<String, byte[]> posters = new HashMap<>();
    /** Shared with {@link JobAssembler}, which adds the films it readies. */
    private final List<String> working = Collections.synchronizedList(new ArrayList<>());

    LibraryLedger(FilmStore store, boolean library) {
        this.store = store;
        this.library = library;
    }

    synchronized void add(FilmOutcome outcome) {
        outcomes.add(outcome);
    }

    /** A film is committed: its outcome and poster are recorded and library.json lists it. */
    synchronized void committed(FilmOutcome outcome, byte[] poster) {
        working.remove(outcome.film());
        outcomes.add(outcome);
        if (poster != null) {
            posters.put(outcome.film(), poster);
        }
        if (library) {
            try {
                store.writeLibrary(LibraryReport.toJson(outcomes));
            } catch (StorageException e) {
                // The film is committed (its manifest is up); library.json is written again at the
                // next commit and at the end of the run, which reports a store that stays away.
            }
        }
    }

    /** A film failed: its work directory is discarded (at the end of the run, if the store refuses now). */
    synchronized void failed(FilmOutcome outcome) {
        outcomes.add(outcome);
        try {
            store.discard(outcome.film());
            working.remove(outcome.film());
        } catch (StorageException e) {
            // left in working: discardWorking() tries again
        }
    }

    List<String> working() {
        return working;
    }

    synchronized List<FilmOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    synchronized long count(FilmOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** The library's index files, with every outcome; nothing for a single film. */
    synchronized void writeIndex() {
        if (library) {
            store.writeLibrary(LibraryReport.toJson(outcomes));
            store.writeTop(LibraryIndex.FILE, LibraryIndex.toHtml(outcomes, posters));
        }
    }

    /** Discards the work directories of the films not committed (the run failed or ended). */
    void discardWorking() {
        List<String> left;
        synchronized (working) {
            left = new ArrayList<>(working);
        }
        left.forEach(store::discard);
    }
}
