package org.reelfarm.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.Shot;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.ShotSpan;
import org.reelfarm.quality.SeamScores;
import org.reelfarm.stitch.StitchedShot;

/**
 * One shot of a finished film, everything the manifest, the timeline and the report say about
 * it: the shot as the input gave it (prompt, scene, transition, source line, durations, seed,
 * unknown words), where the plan laid it, what stitching made of it (file, first frame, frames,
 * frame hash) and its seam scores. {@link #of} matches the four by shot index, once per film.
 *
 * @param input the shot as read from the script
 * @param span where the shot lies on the film's latent timeline
 * @param stitched the shot's file in the film
 * @param seams the shot's seam scores and drift
 */
public record FilmShot(Shot input, ShotSpan span, StitchedShot stitched, SeamScores.ShotScore seams) {

    public FilmShot {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(stitched, "stitched");
        Objects.requireNonNull(seams, "seams");
        int index = stitched.index();
        if (input.index() != index || span.shotIndex() != index || seams.shot() != index) {
            throw new IllegalArgumentException("shot " + stitched.id() + ": the script, plan, stitched and seam"
                    + " records are of different shots (" + input.index() + ", " + span.shotIndex() + ", " + index
                    + ", " + seams.shot() + ")");
        }
    }

    /**
     * The shots of a film, in film order.
     *
     * @param stitched the stitched shots, in shot order (see {@code FilmAssembler.stitch})
     * @param seams the seam scores, in shot order (see {@link FilmSeams#score})
     */
    public static List<FilmShot> of(Script script, FilmPlan plan, List<StitchedShot> stitched,
            List<SeamScores.ShotScore> seams) {
        int n = script.shots().size();
        if (plan.shots().size() != n || stitched.size() != n || seams.size() != n) {
            throw new IllegalArgumentException(script.name() + ": " + n + " shots in the script, " + plan.shots().size()
                    + " in the plan, " + stitched.size() + " stitched, " + seams.size() + " scored");
        }
        List<FilmShot> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new FilmShot(script.shots().get(i), plan.shots().get(i), stitched.get(i), seams.get(i)));
        }
        return List.copyOf(out);
    }

    /** The shot's number in the film, from 0. */
    public int index() {
        return stitched.index();
    }

    public String id() {
        return stitched.id();
    }
}
