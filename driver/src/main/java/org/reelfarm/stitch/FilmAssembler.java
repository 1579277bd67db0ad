package org.reelfarm.stitch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.reelfarm.encode.Mp4Remuxer;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.ShotSpan;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.FilmStore;
import org.reelfarm.storage.Storage;
import org.reelfarm.task.SegmentResult;

/**
 * Stitches a film's encoded segments into {@code shots/NNN-ID.mp4} and {@code film.mp4} by
 * remuxing (packet copy, no re-encode) on local scratch disk, then streams each file to the film
 * being published ({@link FilmStore#putFilmFile}). The driver reads packets, never frames, and
 * never holds a file whole in memory. Segments are fetched, and shot files put, up to
 * {@value #IO_THREADS} at a time; the shots are remuxed in order on the calling thread.
 */
public final class FilmAssembler {
    public static final String FILM_FILE = FilmLayout.FILM;
    /** Segment fetches and shot puts in flight at once. */
    static final int IO_THREADS = 8;

    private FilmAssembler() {}

    /**
     * Stitches a film into the place it is being published, one shot per span of its plan.
     *
     * @param film the film's name
     * @param segments the film's segments, in film order
     * @return the stitched shots, in shot order
     */
    public static List<StitchedShot> stitch(String film, FilmPlan plan, List<SegmentResult> segments,
            FilmStore store, int temporalStride) {
        Path scratch = Storage.scratch("reelfarm-stitch-");
        ExecutorService io = Executors.newFixedThreadPool(IO_THREADS, r -> {
            Thread t = new Thread(r, "reelfarm-stitch-io");
            t.setDaemon(true);
            return t;
        });
        try {
            // Every segment fetched at once, and each shot's file put while the next is remuxed: on
            // an object store a request each, which one at a time made most of a long film's stitch.
            List<Future<Path>> fetched = new ArrayList<>();
            for (SegmentResult segment : segments) {
                fetched.add(io.submit(() -> store.localWorkCopy(segment.file(), scratch)));
            }
            List<Future<?>> puts = new ArrayList<>();
            List<Path> all = new ArrayList<>();
            List<StitchedShot> shots = new ArrayList<>();
            long firstFrame = 0;
            for (ShotSpan span : plan.shots()) {
                List<Path> parts = new ArrayList<>();
                MessageDigest shotHash = sha256();
                long frames = 0;
                for (int i = 0; i < segments.size(); i++) {
                    SegmentResult segment = segments.get(i);
                    if (segment.shot() == span.shotIndex()) {
                        parts.add(await(fetched.get(i)));
                        shotHash.update(segment.frameDigests());
                        frames += segment.frames();
                    }
                }
                long planned = (long) span.length() * temporalStride;
                if (frames != planned) {
                    throw new IllegalStateException("shot " + span.shotId() + " of " + film + " has " + frames
                            + " frames, planned " + planned);
                }
                String file = FilmLayout.shot(span.shotIndex(), span.shotId());
                Path shotMp4 = scratch.resolve("shot-" + span.shotIndex() + ".mp4");
                long written = Mp4Remuxer.remux(parts, shotMp4);
                check(written, frames, file);
                puts.add(io.submit(() -> {
                    store.putFilmFile(film, file, shotMp4);
                    Files.delete(shotMp4);
                    return null;
                }));
                all.addAll(parts);
                shots.add(new StitchedShot(span.shotIndex(), span.shotId(), file, firstFrame, frames,
                        HexFormat.of().formatHex(shotHash.digest())));
                firstFrame += frames;
            }
            Path filmMp4 = scratch.resolve(FILM_FILE);
            check(Mp4Remuxer.remux(all, filmMp4), firstFrame, FILM_FILE);
            store.putFilmFile(film, FILM_FILE, filmMp4);
            // Every shot file is in place before the caller publishes the manifest.
            puts.forEach(FilmAssembler::await);
            return shots;
        } finally {
            io.shutdownNow();
            deleteRecursively(scratch);
        }
    }

    /** What a fetch or put returned, or what it threw. */
    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stitching", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof java.io.IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void check(long written, long expected, String file) {
        if (written != expected) {
            throw new IllegalStateException(file + ": remuxed " + written + " frames, expected " + expected);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // Scratch space in the temp directory; the OS reclaims it.
        }
    }
}
