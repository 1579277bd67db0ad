package org.reelfarm.render;

import java.util.List;
import java.util.Objects;
import org.reelfarm.ingest.Script;
import org.reelfarm.plan.FilmPlan;

/**
 * A film a run renders, as planned before the Spark job: its script and plan, the warnings read
 * from its input, and the fingerprint that tells whether an earlier render is the same render.
 */
record PlannedFilm(Script script, FilmPlan plan, List<String> warnings, RunFingerprint fingerprint) {
    PlannedFilm {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(fingerprint, "fingerprint");
        warnings = List.copyOf(warnings);
    }

    String name() {
        return script.name();
    }
}
