package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.scheduler.AccumulableInfo;
import org.junit.jupiter.api.Test;
import org.reelfarm.task.TaskCounters;
import scala.Option;

class ProgressListenerTest {

    static AccumulableInfo update(String name, long value) {
        return new AccumulableInfo(1L, Option.apply(name), Option.apply(value), Option.apply(value + 100), false, false,
                Option.empty());
    }

    @Test
    void aTasksWindowStepsAreItsOwnUpdateOfTheCounterNotTheRunningTotal() {
        assertEquals(48, ProgressListener.windowSteps(List.of(update("denoise-nanos", 5_000_000),
                update(TaskCounters.WINDOW_STEPS, 48))));
        assertEquals(0, ProgressListener.windowSteps(List.of(update("model-calls", 3))));
    }

    @Test
    void aCommittedFilmOfALibraryShowsFilmsDoneWindowsInFlightAndTheTimeLeft() {
        Admission.Progress progress = new Admission.Progress(2, 3, 10, 24, 96);

        assertEquals(" (films 4/10, 24 windows in flight, about 30 s left)",
                ProgressListener.commitNote(progress, 4, 20.0));
    }
}
