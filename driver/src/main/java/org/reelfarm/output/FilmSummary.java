package org.reelfarm.output;

import java.util.List;
import java.util.Map;
import org.reelfarm.ingest.Script;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.plan.FilmPlan;

/**
 * Everything known about a finished film: what the manifest, the timeline and the report are
 * written from. What they say about each shot is in {@link #shots()}; the script and plan give
 * the film-level facts (input, windows, batches).
 *
 * @param modelHash SHA-256 of the model directory
 * @param settings every setting that decides the frames, by its command-line name
 * @param shots the film's shots in film order, one record each
 * @param timings seconds per stage
 * @param warnings things the user should know (unknown words, ...)
 * @param job figures of the Spark job
 */
public record FilmSummary(Script script, FilmPlan plan, ModelSpec spec, String modelHash, Map<String, Object> settings,
        List<FilmShot> shots, Map<String, Double> timings, long modelCalls, List<String> warnings, JobStats job) {

    public FilmSummary {
        settings = Map.copyOf(settings);
        shots = List.copyOf(shots);
        timings = Map.copyOf(timings);
        warnings = List.copyOf(warnings);
    }

    public String name() {
        return script.name();
    }

    public long frames() {
        return shots.stream().mapToLong(s -> s.stitched().frames()).sum();
    }

    public double durationSeconds() {
        return (double) frames() / spec.fps();
    }

    /** The film's worst window boundary (1.0 is seamless; 0 for a film with no shot scored). */
    public double seam() {
        return shots.stream().mapToDouble(s -> s.seams().seam()).reduce(0, Math::max);
    }

    /** The largest drift of any shot, in latent pixels. */
    public double drift() {
        return shots.stream().mapToDouble(s -> s.seams().drift()).reduce(0, Math::max);
    }
}
