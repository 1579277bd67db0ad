package org.reelfarm.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;
import org.reelfarm.ingest.Shot;
import org.reelfarm.plan.Batch;
import org.reelfarm.plan.Window;
import org.reelfarm.quality.SeamScores;

/**
 * {@code manifest.json}: everything needed to reproduce a film (input hash, model identity, seed,
 * every setting, the plan) and to check it (per-shot frame hashes), plus timings.
 */
public final class Manifest {
    public static final String FILE = org.reelfarm.storage.FilmLayout.MANIFEST;
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifest() {}

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    public static String toJson(FilmSummary film) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("film", film.name());
        ObjectNode input = root.putObject("input");
        input.put("path", film.script().source());
        input.put("sha256", film.script().sha256());
        ObjectNode model = root.putObject("model");
        model.put("name", film.spec().name());
        model.put("version", film.spec().version());
        model.put("sha256", film.modelHash());
        root.set("settings", JSON.valueToTree(new TreeMap<>(film.settings())));
        ObjectNode video = root.putObject("video");
        video.put("codec", "h264");
        video.put("width", film.spec().frameWidth());
        video.put("height", film.spec().frameHeight());
        video.put("fps", film.spec().fps());
        video.put("frames", film.frames());
        video.put("duration_s", film.durationSeconds());
        video.put("file", "film.mp4");

        ArrayNode shots = root.putArray("shots");
        for (FilmShot shot : film.shots()) {
            Shot given = shot.input();
            ObjectNode s = shots.addObject();
            s.put("index", shot.index());
            s.put("id", shot.id());
            s.put("prompt", given.prompt());
            s.put("source_line", given.sourceLine());
            if (given.scene() != null) {
                s.put("scene", given.scene());
            }
            s.put("transition", given.transition().jsonName());
            s.put("requested_duration_s", given.durationSeconds());
            s.put("duration_estimated", given.durationEstimated());
            if (given.seed() != null) {
                s.put("seed", given.seed());
            }
            s.put("first_frame", shot.stitched().firstFrame());
            s.put("frames", shot.stitched().frames());
            s.put("latent_start", shot.span().start());
            s.put("latent_frames", shot.span().length());
            ArrayNode unknown = s.putArray("unknown_words");
            given.unknownWords().forEach(unknown::add);
            s.put("file", shot.stitched().file());
            s.put("frames_sha256", shot.stitched().framesSha256());
        }
        ArrayNode windows = root.putArray("windows");
        for (Window w : film.plan().windows()) {
            ArrayNode row = windows.addArray();
            row.add(w.index()).add(w.shotIndex()).add(w.start()).add(w.length());
        }
        root.put("windows_columns", "index, shot, latent_start, latent_frames");
        ArrayNode batches = root.putArray("batches");
        for (Batch b : film.plan().batches()) {
            ArrayNode row = batches.addArray();
            b.windowIndices().forEach(row::add);
        }
        root.put("model_calls", film.modelCalls());
        ObjectNode seams = root.putObject("seams");
        seams.put("film", round(film.seam()));
        seams.put("drift_latent_px", round(film.drift()));
        ArrayNode seamShots = seams.putArray("shots");
        for (FilmShot filmShot : film.shots()) {
            SeamScores.ShotScore shot = filmShot.seams();
            ObjectNode s = seamShots.addObject();
            s.put("shot", shot.shot());
            s.put("seam", round(shot.seam()));
            s.put("drift_latent_px", round(shot.drift()));
            s.put("median_frame_diff", round(shot.medianDiff()));
            ArrayNode boundaries = s.putArray("boundaries");
            for (SeamScores.BoundaryScore b : shot.boundaries()) {
                boundaries.addArray().add(b.from()).add(b.to()).add(round(b.score())).add(round(b.largestDiff()));
            }
        }
        seams.put("boundaries_columns", "first_frame, end_frame, seam, largest_frame_diff");
        ObjectNode job = root.putObject("job");
        job.put("strategy", film.job().strategy());
        job.put("conditioned_on_neighbours", film.job().conditioned());
        job.put("sync_rounds", film.job().syncRounds());
        job.put("spark_stages", film.job().sparkStages());
        job.put("model_calls", film.job().modelCalls());
        job.put("window_steps", film.job().windowSteps());
        job.put("reused_windows", film.job().reusedWindows());
        job.put("reused_segments", film.job().reusedSegments());
        job.put("resumed_windows", film.job().resumedWindows());
        job.put("resumed_window_steps", film.job().resumedWindowSteps());
        root.set("timings_s", JSON.valueToTree(new TreeMap<>(film.timings())));
        ArrayNode warnings = root.putArray("warnings");
        film.warnings().forEach(warnings::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
