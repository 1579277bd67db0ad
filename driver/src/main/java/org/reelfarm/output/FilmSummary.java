package org.reelfarm.output;

import java.util.List;
import java.util.Map;
import org.reelfarm.ingest.Script;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.stitch.StitchedShot;

/**
 * Everything known about a finished film: what the manifest, the timeline and the report are
 * written from.
 *
 * @param modelHash SHA-256 of the model directory
 * @param settings every setting that decides the frames, by its command-line name
 * @param timings seconds per stage
 * @param warnings things the user should know (unknown words, ...)
 * @param seams seam scores and drift of the rendered frames
 * @param job figures of the Spark job
 */
public record FilmSummary(Script script, FilmPlan plan, ModelSpec spec, String modelHash, Map<String, Object> settings,
        List<StitchedShot> shots, Map<String, Double> timings, long modelCalls, List<String> warnings, FilmSeams seams,
        JobStats job) {

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
        return shots.stream().mapToLong(StitchedShot::frames).sum();
    }

    public double durationSeconds() {
        return (double) frames() / spec.fps();
    }
}
