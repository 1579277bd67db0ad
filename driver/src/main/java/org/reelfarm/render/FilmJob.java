package org.reelfarm.render;

import java.util.List;
import org.reelfarm.ingest.Script;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.task.SegmentTask;

/**
 * One film of a render run: its script, plan and segments, and where its files go.
 *
 * @param index the film's number in the run (part of every task key)
 * @param workDir the film's directory in the work area, relative to the work root
 */
public record FilmJob(int index, Script script, FilmPlan plan, List<SegmentTask> segments, String workDir) {
    public FilmJob {
        segments = List.copyOf(segments);
    }

    public String name() {
        return script.name();
    }
}
