package org.reelfarm.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FilmTaskFailureTest {

    @Test
    void theDriverFindsTheFilmsAndTheCauseInSparksJobAbortMessage() {
        FilmTaskFailure failure = new FilmTaskFailure(Set.of(3, 1), "sync round 7", new IllegalStateException("boom"));
        assertEquals("[film 1] [film 3] sync round 7: java.lang.IllegalStateException: boom", failure.getMessage());
        String abort = "Job aborted due to stage failure: Task 0 in stage 8.0 failed 4 times, most recent failure: Lost"
                + " task 0.3 (TID 31) (localhost executor driver): org.reelfarm.task.FilmTaskFailure: "
                + failure.getMessage() + "\n\tat org.reelfarm.render.RenderJob.advance(RenderJob.java:1)\n";
        assertEquals(Set.of(1, 3), FilmTaskFailure.filmsIn(abort));
        assertEquals("sync round 7: java.lang.IllegalStateException: boom",
                FilmTaskFailure.causeOf(new RuntimeException(abort), 3));
        assertEquals(Set.of(), FilmTaskFailure.filmsIn("Job aborted: java.lang.OutOfMemoryError"));
    }
}
