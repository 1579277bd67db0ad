package org.reelfarm.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilmPlanTest {

    private static FilmPlan threeShots() {
        // Shots of 24, 8 and 40 latent frames at 8 latent fps.
        return FilmPlanner.planDurations("film", List.of(3.0, 1.0, 5.0), TestSpecs.spec(), new PlanSettings(16, 4, 4));
    }

    @Test
    void windowsOfAShotAreItsWindowsInOrder() {
        FilmPlan plan = threeShots();

        assertEquals(List.of(new Window(0, 0, 0, 16), new Window(1, 0, 8, 16)), plan.windowsOf(0));
        assertEquals(List.of(new Window(2, 1, 24, 8)), plan.windowsOf(1));
        assertEquals(List.of(new Window(3, 2, 32, 16), new Window(4, 2, 44, 16), new Window(5, 2, 56, 16)),
                plan.windowsOf(2));
    }

    @Test
    void windowsOfAShotThatDoesNotExistIsAnError() {
        assertThrows(IndexOutOfBoundsException.class, () -> threeShots().windowsOf(3));
    }

    @Test
    void windowsOfIsReadOnly() {
        assertThrows(UnsupportedOperationException.class, () -> threeShots().windowsOf(0).clear());
    }

    @Test
    void rejectsZeroSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> threeShots().modelCalls(0));

        assertEquals("steps must be at least 1, got 0", e.getMessage());
    }

    @Test
    void rejectsABatchMixingWindowLengths() {
        FilmPlan plan = threeShots();
        List<Batch> mixed = List.of(new Batch(0, 16, List.of(0, 1, 2, 3)), new Batch(1, 16, List.of(4, 5)));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FilmPlan(plan.name(),
                plan.shots(), plan.windows(), mixed, plan.latentFrames(), plan.outputFrames()));

        assertEquals("batch 0 holds window 2 of another length", e.getMessage());
    }
}
