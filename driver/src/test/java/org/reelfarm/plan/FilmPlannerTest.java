package org.reelfarm.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reelfarm.ingest.Shot;
import org.reelfarm.ingest.Transition;
import org.reelfarm.model.ModelSpec;

class FilmPlannerTest {

    private static final ModelSpec SPEC = TestSpecs.spec(); // 8 latent frames per second

    /** Shot durations (s) and settings, chosen to hit exact strides, ragged ends and tiny shots. */
    static Stream<Arguments> films() {
        return Stream.of(
                Arguments.of(List.of(10.0), new PlanSettings(16, 4, 4)),
                Arguments.of(List.of(2.0, 3.5, 0.01, 7.0, 60.0), new PlanSettings(16, 4, 4)),
                Arguments.of(List.of(1.0, 2.0, 2.125, 2.25), new PlanSettings(16, 0, 3)),
                Arguments.of(List.of(4.0, 13.3, 9.9), new PlanSettings(16, 15, 2)),
                Arguments.of(List.of(0.2, 0.3, 30.0, 0.1), new PlanSettings(2, 1, 1)),
                Arguments.of(List.of(100.0, 1.75), new PlanSettings(24, 8, 5)));
    }

    @ParameterizedTest
    @MethodSource("films")
    void everyLatentFrameOfEveryShotIsCoveredByAWindowOfThatShot(List<Double> durations, PlanSettings settings) {
        FilmPlan plan = FilmPlanner.planDurations("film", durations, SPEC, settings);
        for (ShotSpan shot : plan.shots()) {
            int[] cover = new int[shot.length()];
            for (Window w : plan.windowsOf(shot.shotIndex())) {
                assertEquals(shot.shotIndex(), w.shotIndex());
                assertTrue(w.start() >= shot.start() && w.end() <= shot.end(), () -> w + " leaves " + shot);
                for (int f = w.start(); f < w.end(); f++) {
                    cover[f - shot.start()]++;
                }
            }
            for (int f = 0; f < cover.length; f++) {
                assertTrue(cover[f] >= 1, "frame " + (shot.start() + f) + " of " + shot + " has no window");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("films")
    void consecutiveWindowsOfAShotOverlapByAtLeastTheOverlap(List<Double> durations, PlanSettings settings) {
        FilmPlan plan = FilmPlanner.planDurations("film", durations, SPEC, settings);
        for (ShotSpan shot : plan.shots()) {
            List<Window> windows = plan.windowsOf(shot.shotIndex());
            for (int i = 1; i < windows.size(); i++) {
                Window left = windows.get(i - 1);
                Window right = windows.get(i);
                assertTrue(right.start() > left.start(), () -> right + " does not advance past " + left);
                assertTrue(left.overlapWith(right) >= settings.overlap(),
                        () -> left + " and " + right + " overlap by less than " + settings.overlap());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("films")
    void lastWindowOfAShotEndsAtTheShotEnd(List<Double> durations, PlanSettings settings) {
        FilmPlan plan = FilmPlanner.planDurations("film", durations, SPEC, settings);
        for (ShotSpan shot : plan.shots()) {
            List<Window> windows = plan.windowsOf(shot.shotIndex());
            assertEquals(shot.end(), windows.get(windows.size() - 1).end());
            assertEquals(shot.start(), windows.get(0).start());
        }
    }

    @ParameterizedTest
    @MethodSource("films")
    void batchesHoldOnlyEqualLengthWindowsAndAtMostBatchSize(List<Double> durations, PlanSettings settings) {
        FilmPlan plan = FilmPlanner.planDurations("film", durations, SPEC, settings);
        List<Integer> batched = new ArrayList<>();
        for (Batch batch : plan.batches()) {
            assertTrue(batch.size() <= settings.batchSize(), () -> batch + " is larger than " + settings.batchSize());
            for (int w : batch.windowIndices()) {
                assertEquals(batch.length(), plan.windows().get(w).length(), () -> "window " + w + " in " + batch);
            }
            batched.addAll(batch.windowIndices());
        }
        batched.sort(null);
        List<Integer> all = new ArrayList<>();
        for (Window w : plan.windows()) {
            all.add(w.index());
        }
        assertEquals(all, batched, "every window is in exactly one batch");
    }

    @ParameterizedTest
    @MethodSource("films")
    void windowsAreFullLengthExceptForShotsShorterThanTheWindow(List<Double> durations, PlanSettings settings) {
        FilmPlan plan = FilmPlanner.planDurations("film", durations, SPEC, settings);
        for (Window w : plan.windows()) {
            ShotSpan shot = plan.shots().get(w.shotIndex());
            assertEquals(Math.min(settings.window(), shot.length()), w.length(), () -> w + " in " + shot);
        }
    }

    @Test
    void shotShorterThanTheWindowIsOneWindowOfItsLength() {
        FilmPlan plan = FilmPlanner.planDurations("film", List.of(1.25), SPEC, new PlanSettings(16, 4, 4));

        assertEquals(List.of(new Window(0, 0, 0, 10)), plan.windows());
    }

    @Test
    void shotOfExactlyOneWindowIsOneWindow() {
        FilmPlan plan = FilmPlanner.planDurations("film", List.of(2.0), SPEC, new PlanSettings(16, 4, 4));

        assertEquals(List.of(new Window(0, 0, 0, 16)), plan.windows());
    }

    @Test
    void windowsStrideByWindowMinusOverlapAndTheLastIsAlignedToTheEnd() {
        // 5 s = 40 latent frames; stride 12: starts 0, 12, then the last at 40 - 16 = 24.
        FilmPlan plan = FilmPlanner.planDurations("film", List.of(5.0), SPEC, new PlanSettings(16, 4, 4));

        assertEquals(List.of(new Window(0, 0, 0, 16), new Window(1, 0, 12, 16), new Window(2, 0, 24, 16)),
                plan.windows());
    }

    @Test
    void shotsFollowEachOtherOnTheTimelineAndWindowsNeverSpanABoundary() {
        // 3 s = 24 frames, 1 s = 8 frames, 2.5 s = 20 frames.
        FilmPlan plan = FilmPlanner.planDurations("film", List.of(3.0, 1.0, 2.5), SPEC, new PlanSettings(16, 4, 4));

        assertEquals(List.of(new ShotSpan(0, "shot-000", 0, 24), new ShotSpan(1, "shot-001", 24, 8),
                new ShotSpan(2, "shot-002", 32, 20)), plan.shots());
        assertEquals(List.of(new Window(0, 0, 0, 16), new Window(1, 0, 8, 16), new Window(2, 1, 24, 8),
                new Window(3, 2, 32, 16), new Window(4, 2, 36, 16)), plan.windows());
        assertEquals(52, plan.latentFrames());
        assertEquals(104, plan.outputFrames());
    }

    @Test
    void latentFramesAreRoundedDurationTimesLatentFpsAndAtLeastOne() {
        // 8 latent fps: 0.01 s -> 0.08 -> 1 frame; 0.3 s -> 2.4 -> 2; 0.32 s -> 2.56 -> 3.
        FilmPlan plan = FilmPlanner.planDurations("film", List.of(0.01, 0.3, 0.32), SPEC, PlanSettings.defaults(SPEC));

        assertEquals(List.of(1, 2, 3), plan.shots().stream().map(ShotSpan::length).toList());
    }

    @Test
    void outputFramesAreLatentFramesTimesTemporalStride() {
        ModelSpec spec = TestSpecs.spec(24, 4, 16, 4); // 6 latent fps
        FilmPlan plan = FilmPlanner.planDurations("film", List.of(10.0), spec, PlanSettings.defaults(spec));

        assertEquals(60, plan.latentFrames());
        assertEquals(240, plan.outputFrames());
    }

    @Test
    void batchesGroupWindowsOfOneLengthInFilmOrder() {
        // Shot lengths 24, 8, 24, 8 frames: windows 16,16 | 8 | 16,16 | 8.
        FilmPlan plan = FilmPlanner.planDurations("film", List.of(3.0, 1.0, 3.0, 1.0), SPEC, new PlanSettings(16, 4, 3));

        assertEquals(List.of(new Batch(0, 16, List.of(0, 1, 3)), new Batch(1, 8, List.of(2, 5)),
                new Batch(2, 16, List.of(4))), plan.batches());
    }

    @Test
    void modelCallsAreBatchesTimesSteps() {
        FilmPlan plan = FilmPlanner.planDurations("film", List.of(3.0, 1.0, 3.0, 1.0), SPEC, new PlanSettings(16, 4, 3));

        assertEquals(3 * 20L, plan.modelCalls(20));
        assertEquals(6 * 20L, plan.windowSteps(20));
    }

    @Test
    void plansShotsOfAScriptByTheirIdsAndDurations() {
        List<Shot> shots = List.of(
                new Shot("intro", 0, "a red ball", 2.0, true, null, 3, List.of("a", "red", "ball"), List.of()),
                new Shot("outro", 1, "a blue box", 1.0, false, 7L, 9, List.of("a", "blue", "box"), List.of()));

        FilmPlan plan = FilmPlanner.plan("lesson", shots, SPEC, PlanSettings.defaults(SPEC));

        assertEquals("lesson", plan.name());
        assertEquals(List.of(new ShotSpan(0, "intro", 0, 16), new ShotSpan(1, "outro", 16, 8)), plan.shots());
    }

    private static Shot shot(String id, int index, double seconds, Transition transition) {
        return new Shot(id, index, "a red ball", seconds, false, null, 1 + index, List.of("a", "red", "ball"), List.of(),
                null, transition);
    }

    @Test
    void aCrossfadeLetsBothShotsWindowsReachHalfOfItIntoTheOther() {
        // 8 latent frames per second: a 1 s crossfade is 4 frames on each side of the cut.
        FilmPlan plan = FilmPlanner.plan("film", List.of(shot("a", 0, 4, Transition.CUT),
                shot("b", 1, 4, Transition.CROSSFADE), shot("c", 2, 4, Transition.CUT)), SPEC, PlanSettings.defaults(SPEC));
        ShotSpan a = plan.shots().get(0);
        ShotSpan b = plan.shots().get(1);
        ShotSpan c = plan.shots().get(2);
        assertEquals(List.of(0, 4, 0, 0), List.of(a.crossIn(), a.crossOut(), a.fadeIn(), a.fadeOut()));
        assertEquals(List.of(4, 0), List.of(b.crossIn(), b.crossOut()));
        assertEquals(List.of(0, 0), List.of(c.crossIn(), c.crossOut()));
        assertEquals(36, a.renderEnd());
        assertEquals(28, b.renderStart());
        int aEnd = plan.windows().stream().filter(w -> w.shotIndex() == 0).mapToInt(Window::end).max().orElseThrow();
        int bStart = plan.windows().stream().filter(w -> w.shotIndex() == 1).mapToInt(Window::start).min().orElseThrow();
        int bEnd = plan.windows().stream().filter(w -> w.shotIndex() == 1).mapToInt(Window::end).max().orElseThrow();
        assertEquals(36, aEnd, "shot a's last window ends half a crossfade into shot b");
        assertEquals(28, bStart, "shot b's first window starts half a crossfade into shot a");
        assertEquals(64, bEnd, "a cut: shot b's windows stop at its end");
        assertEquals(96 * 2, plan.outputFrames(), "transitions do not change the film's length");
    }

    @Test
    void aFadeDarkensHalfASecondOnEachSideAndIsCappedByShortShots() {
        FilmPlan plan = FilmPlanner.plan("film", List.of(shot("a", 0, 4, Transition.CUT), shot("b", 1, 4, Transition.FADE),
                shot("c", 2, 0.5, Transition.FADE)), SPEC, PlanSettings.defaults(SPEC));
        assertEquals(4, plan.shots().get(0).fadeOut());
        assertEquals(4, plan.shots().get(1).fadeIn());
        assertEquals(2, plan.shots().get(1).fadeOut(), "capped at half of the 4-frame shot c");
        assertEquals(2, plan.shots().get(2).fadeIn());
        assertEquals(0, plan.shots().get(1).crossIn());
        plan.windows().forEach(w -> {
            ShotSpan s = plan.shots().get(w.shotIndex());
            assertTrue(w.start() >= s.start() && w.end() <= s.end(), "a fade keeps windows inside their shot: " + w);
        });
    }

    @Test
    void rejectsAFilmWithoutShots() {
        PlanException e = assertThrows(PlanException.class,
                () -> FilmPlanner.planDurations("empty", List.of(), SPEC, PlanSettings.defaults(SPEC)));

        assertEquals("film empty has no shots; give it at least one shot", e.getMessage());
    }

    @Test
    void rejectsANonPositiveDuration() {
        PlanException e = assertThrows(PlanException.class,
                () -> FilmPlanner.planDurations("film", List.of(1.0, 0.0), SPEC, PlanSettings.defaults(SPEC)));

        assertEquals("film film: shot 1 has duration 0.0 s; give every shot a finite duration greater than 0",
                e.getMessage());
    }

    @Test
    void rejectsAFilmWithMoreOutputFramesThanAnIntHolds() {
        // 240 fps, stride 1: 86400 s per shot is 20.7 M frames; 104 of them pass 2^31.
        ModelSpec spec = TestSpecs.spec(240, 1, 16, 4);
        List<Double> durations = new ArrayList<>();
        for (int i = 0; i < 104; i++) {
            durations.add(86400.0);
        }

        PlanException e = assertThrows(PlanException.class,
                () -> FilmPlanner.planDurations("epic", durations, spec, new PlanSettings(1024, 0, 4)));

        assertTrue(e.getMessage().startsWith("film epic is too long to plan"), e.getMessage());
        assertTrue(e.getMessage().endsWith("split the script into several films"), e.getMessage());
    }
}
