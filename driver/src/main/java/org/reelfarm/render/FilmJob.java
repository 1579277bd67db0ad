package org.reelfarm.render;

import java.util.List;
import org.reelfarm.ingest.Script;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.task.SegmentTask;

/**
 * One film of a render run's Spark job: the planned film, its segments, and where its files go.
 *
 * @param index the film's number in the run (part of every task key)
 * @param workDir the film's directory in the work area, relative to the work root
 */
record FilmJob(int index, PlannedFilm planned, List<SegmentTask> segments, String workDir) {
    FilmJob {
        segments = List.copyOf(segments);
    }

    Script script() {
        return planned.script();
    }

    FilmPlan plan() {
        return planned.plan();
    }

    String name() {
        return planned.name();
    }
}
