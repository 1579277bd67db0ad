package org.reelfarm.render;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.output.FilmOutcome;
import org.reelfarm.output.FilmSeams;
import org.reelfarm.output.FilmShot;
import org.reelfarm.output.FilmSummary;
import org.reelfarm.output.JobStats;
import org.reelfarm.output.Manifest;
import org.reelfarm.output.Report;
import org.reelfarm.output.Timeline;
import org.reelfarm.stitch.FilmAssembler;
import org.reelfarm.stitch.StitchedShot;
import org.reelfarm.storage.FilmStore;
import org.reelfarm.task.SegmentResult;

/**
 * Commits a film as soon as its job is done: stitches its segments, writes timeline and report,
 * and publishes it through {@link FilmStore#publish} with the manifest last, then records it in
 * the {@link LibraryLedger} and says so on the console. Thread-safe: it keeps no state of its own.
 */
final class FilmCommitter {
    /** What every film of the run shares in its manifest. */
    record Context(RenderSettings settings, ModelSpec spec, String modelHash, Map<String, Object> recorded, long t0) {}

    private final Context context;
    private final FilmStore store;
    private final LibraryLedger ledger;
    private final PrintStream console;

    FilmCommitter(Context context, FilmStore store, LibraryLedger ledger, PrintStream console) {
        this.context = context;
        this.store = store;
        this.ledger = ledger;
        this.console = console;
    }

    /**
     * Stitches and publishes {@code film}; {@code progress}, asked once the film counts as committed,
     * is appended to the console line.
     * Throws what stitching or publishing throws; the caller decides whether the film fails alone.
     */
    FilmOutcome commit(FilmJob film, JobResult job, Map<String, Double> jobTimings, Supplier<String> progress) {
        RenderJob.Outcome outcome = job.outcome();
        JobAssembler.JobInput input = job.input();
        Strategy strategy = context.settings().strategy();
        ModelSpec spec = context.spec();
        long s0 = System.nanoTime();
        List<SegmentResult> filmSegments = outcome.segments().stream()
                .filter(r -> r.film() == film.index()).toList();
        store.beginPublish(film.name());
        List<StitchedShot> stitched = FilmAssembler.stitch(film.name(), film.plan(), filmSegments, store,
                spec.temporalStride());
        Map<String, Double> timings = new LinkedHashMap<>(jobTimings);
        timings.put("stitch", seconds(System.nanoTime() - s0));
        timings.put("executor_denoise", seconds(outcome.denoiseNanos()));
        timings.put("executor_blend", seconds(outcome.blendNanos()));
        timings.put("executor_decode", seconds(outcome.decodeNanos()));
        timings.put("executor_encode", seconds(outcome.encodeNanos()));
        timings.put("executor_checkpoint", seconds(outcome.checkpointNanos()));
        timings.put("executor_tasks", seconds(Math.round(job.taskSeconds() * 1e9)));
        timings.put("total", seconds(System.nanoTime() - context.t0()));
        JobStats stats = new JobStats(strategy.cliName(), outcome.rounds(), job.stages(), outcome.modelCalls(),
                outcome.windowSteps(), strategy == Strategy.CODENOISE && spec.supportsConditioning(),
                input.reusedWindows() + outcome.reusedWindows(), input.reused().size(),
                input.resumedWindows(), input.resumedSteps());
        List<FilmShot> shots = FilmShot.of(film.script(), film.plan(), stitched,
                FilmSeams.score(film.plan(), filmSegments, spec));
        FilmSummary summary = new FilmSummary(film.script(), film.plan(), spec, context.modelHash(),
                context.recorded(), shots, timings, film.plan().modelCalls(context.settings().steps()),
                film.planned().warnings(), stats);
        Map<Long, byte[]> thumbnails = thumbnails(filmSegments);
        byte[] poster = thumbnails.keySet().stream().sorted().skip(1).findFirst().map(thumbnails::get).orElse(null);
        // The manifest goes last: a film counts as done only once it is there.
        store.publish(film.name(), Map.of(Timeline.FILE, Timeline.toJson(summary),
                Report.FILE, Report.toHtml(summary, thumbnails, job.timeline())), Manifest.toJson(summary));
        FilmOutcome done = new FilmOutcome(film.name(), film.script().source(), FilmOutcome.Status.RENDERED,
                summary.durationSeconds(), summary.frames(), null);
        ledger.committed(done, poster);
        console.printf("rendered %s: %s/%s (%d frames, %.1f s of film) in %.1f s%s%n", film.name(),
                store.filmLocation(film.name()), FilmAssembler.FILM_FILE, summary.frames(),
                summary.durationSeconds(), seconds(System.nanoTime() - context.t0()), progress.get());
        return done;
    }

    private static Map<Long, byte[]> thumbnails(List<SegmentResult> segments) {
        Map<Long, byte[]> out = new HashMap<>();
        segments.forEach(s -> Arrays.stream(s.thumbnails()).forEach(t -> out.put(t.frame(), t.jpeg())));
        return out;
    }

    static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }
}
