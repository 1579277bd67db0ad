package org.reelfarm.render;

import org.reelfarm.output.JobTimeline;

/**
 * One Spark job of a render (the films of one admitted group): its outcome, the input of its last
 * (successful) attempt, the stages it ran, the seconds its tasks held executor slots (every
 * attempt) and the task timeline so far.
 */
record JobResult(RenderJob.Outcome outcome, JobAssembler.JobInput input, int stages, double taskSeconds,
        JobTimeline timeline) {}
