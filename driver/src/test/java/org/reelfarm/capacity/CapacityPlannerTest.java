package org.reelfarm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The planner's arithmetic against worked cases, and the simulator's schedule. */
class CapacityPlannerTest {
    static final Profiles PROFILES = new Profiles(Path.of("..", "conf", "profiles"));
    static final ModelProfile HUNYUAN = PROFILES.resolve("hunyuanvideo-720p-h100");
    static final double DAY = 86_400;

    private static CapacityPlanner planner(Workload work, ModelProfile p, Overheads o, int window, int overlap) {
        return new CapacityPlanner(new FarmSimulator(work, p, o, window, overlap), p);
    }

    @Test
    void hunyuanVideoCostsAbout354GpuSecondsPerVideoSecond() {
        assertEquals(354.2, HUNYUAN.gpuSecondsPerVideoSecond(), 0.1);
    }

    @Test
    void tenHoursOfHunyuanVideoInADayNeedAtLeast148Gpus() {
        // Shots of exactly one clip (33 latent frames) in one window without overlap: pure model compute.
        Workload tenHours = Workload.hours(10, HUNYUAN.clipSeconds());
        double floor = 36_000 * 354.2 / DAY; // 147.6
        assertEquals(36_000 * HUNYUAN.gpuSecondsPerVideoSecond(), new FarmSimulator(tenHours, HUNYUAN,
                Overheads.DEFAULTS, 33, 0).computeGpuSeconds(), 36_000 * 354.2 * 1e-3);
        // Without failures and stragglers only the small fixed costs remain.
        CapacityPlanner quiet = planner(tenHours, HUNYUAN, Overheads.DEFAULTS.withFailures(0, 0, 0), 33, 0);
        Simulation answer = quiet.forDeadline(DAY);
        assertTrue(answer.gpus() >= Math.ceil(floor), "gpus " + answer.gpus());
        assertTrue(answer.gpus() <= floor * 1.02, "fixed costs are about 1 %, got " + answer.gpus());
        assertTrue(answer.wallS() <= DAY);
        assertTrue(quiet.onGpus(answer.gpus() - 1).wallS() > DAY, "one GPU fewer misses the deadline");
        // With the assumed stragglers, failures and lost executors every sync round waits for its slowest
        // task, and a lost executor redoes the rounds since the last saved state: about 1.6 times the floor.
        Simulation assumed = planner(tenHours, HUNYUAN, Overheads.DEFAULTS, 33, 0).forDeadline(DAY);
        assertTrue(assumed.gpus() > answer.gpus() && assumed.gpus() <= floor * 1.8, "gpus " + assumed.gpus());
        assertTrue(assumed.retries().stragglers() > 0);
    }

    @Test
    void overlapFourOfSixteenCostsAboutOneThirdMore() {
        // Long shots of 400 latent frames: 25 windows of 16 without overlap, 33 with stride 12, exactly.
        double shot = 400 / HUNYUAN.latentFps();
        Workload work = Workload.hours(10, shot);
        Overheads quiet = Overheads.DEFAULTS.withFailures(0, 0, 0);
        Simulation none = planner(work, HUNYUAN, quiet, 16, 0).forDeadline(DAY);
        Simulation four = planner(work, HUNYUAN, quiet, 16, 4).forDeadline(DAY);
        assertEquals(16 / 12.0, four.compute().overlapFactor(), 1e-12);
        assertEquals(33 / 25.0, four.compute().gpuS() / none.compute().gpuS(), 1e-3); // the last shot is shorter
        assertEquals(1.33, four.gpus() / (double) none.gpus(), 0.05);
    }

    @ParameterizedTest
    @CsvSource({"16, 4, 16, 1", "16, 4, 10, 1", "16, 4, 17, 2", "16, 4, 28, 2", "16, 4, 29, 3", "16, 0, 32, 2",
            "33, 8, 376, 15"})
    void cutsShotsIntoWindowsAsThePlannerDoes(int window, int overlap, int latents, int expected) {
        FarmSimulator sim = new FarmSimulator(Workload.hours(0.01, 1), HUNYUAN, Overheads.DEFAULTS, window, overlap);
        assertEquals(expected, sim.windowsOf(latents));
    }

    @Test
    void moreGpusNeverMakeItSlowerByMuch() {
        CapacityPlanner p = planner(Workload.hours(1, 6), HUNYUAN, Overheads.DEFAULTS, 16, 4);
        double last = Double.MAX_VALUE;
        for (Simulation s : p.sweep(2048, 12)) {
            assertTrue(s.wallS() <= last * 1.02, s.gpus() + " GPUs: " + s.wallS() + " after " + last);
            last = s.wallS();
        }
    }

    @Test
    void codenoiseMakesExtraCallsAndRoundsThatIndependentDoesNotInStagesOfWholeShots() {
        Workload work = Workload.hours(0.5, 30);
        Simulation codenoise = planner(work, HUNYUAN, Overheads.DEFAULTS, 16, 4).onGpus(64);
        Simulation independent = planner(work, HUNYUAN, Overheads.DEFAULTS.withSchedule(1, 1, 4, false), 16, 4)
                .onGpus(64);
        assertEquals(codenoise.compute().windowSteps(), independent.compute().windowSteps());
        assertTrue(codenoise.codenoise().modelCalls() > codenoise.codenoise().independentCalls());
        // 30-second shots: 15 windows, so (15 - 1) * stagger + 50 steps = 64 sync rounds.
        assertEquals(64, codenoise.codenoise().syncRounds());
        assertEquals(0, independent.codenoise().syncRounds());
        // 900 windows on a few executors: whole shots per partition, so a stage runs the 10 rounds
        // between two saves. With more executors than a shot has windows, shots are cut over
        // partitions and every round is a stage.
        assertEquals(7, codenoise.codenoise().stages());
        Simulation spread = planner(work, HUNYUAN, Overheads.DEFAULTS, 16, 4).onGpus(4096);
        assertEquals(64, spread.codenoise().stages());
        assertEquals(64 * Overheads.DEFAULTS.perRoundS(), spread.codenoise().roundOverheadWallS(), 1e-9);
    }

    @Test
    void tenThousandLessonsOn512GpusTakeSeconds() {
        List<Workload.Film> lessons = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            lessons.add(new Workload.Film("lesson-" + i, List.of(6.0, 8.5, 4.0, 12.0, 7.5, 9.0, 5.0, 8.0)));
        }
        long start = System.nanoTime();
        Simulation s = planner(new Workload(lessons), HUNYUAN, Overheads.DEFAULTS, 16, 4).onGpus(512);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 10, "took " + seconds + " s");
        assertEquals(512, s.gpus());
        assertTrue(s.wallS() > s.compute().gpuS() / 512, "the wall includes the model compute spread over 512 GPUs");
    }

    @Test
    void aDeadlineNoGpuCountMeetsNamesTheShortestWall() {
        CapacityPlanner p = planner(Workload.hours(1, 6), HUNYUAN, Overheads.DEFAULTS, 16, 4);
        CapacityException e = assertThrows(CapacityException.class, () -> p.forDeadline(600));
        assertTrue(e.getMessage().startsWith("no GPU count meets --deadline 10.0 min: the shortest wall is"),
                e.getMessage());
        assertTrue(e.getMessage().contains("give a deadline of at least"), e.getMessage());
    }

    @Test
    void theSameInputsGiveTheSameAnswer() {
        Workload work = Workload.hours(2, 6);
        assertEquals(planner(work, HUNYUAN, Overheads.DEFAULTS, 16, 4).onGpus(100).wallS(),
                planner(work, HUNYUAN, Overheads.DEFAULTS, 16, 4).onGpus(100).wallS());
    }

    @Test
    void rejectsZeroGpusAndNegativeHours() {
        CapacityPlanner p = planner(Workload.hours(1, 6), HUNYUAN, Overheads.DEFAULTS, 16, 4);
        assertEquals("--gpus must be at least 1, got 0",
                assertThrows(CapacityException.class, () -> p.onGpus(0)).getMessage());
        assertTrue(assertThrows(CapacityException.class, () -> Workload.hours(-1, 6)).getMessage()
                .startsWith("--hours must be more than 0, got -1.0"));
    }

    @ParameterizedTest
    @CsvSource({"24h, 86400", "90m, 5400", "3600s, 3600", "1.5h, 5400", "45, 45"})
    void readsDeadlines(String text, double seconds) {
        assertEquals(seconds, Deadline.parseSeconds(text));
    }

    @Test
    void rejectsADeadlineThatIsNotADuration() {
        assertEquals("--deadline 'tomorrow' is not a duration; write it as 24h, 90m or 3600s",
                assertThrows(CapacityException.class, () -> Deadline.parseSeconds("tomorrow")).getMessage());
    }
}
