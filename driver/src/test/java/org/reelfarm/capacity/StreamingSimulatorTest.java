package org.reelfarm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A streamed library: its groups, as a render admits them, and their schedule. */
class StreamingSimulatorTest {
    static final ModelProfile COGVIDEO = CapacityPlannerTest.PROFILES.resolve("cogvideox-5b-h100");
    static final Overheads QUIET = Overheads.DEFAULTS.withFailures(0, 0, 0);
    static final int WINDOW = 13;
    static final int OVERLAP = 3;

    /** {@code count} lessons of one 10-second shot: 21 latent frames, 2 windows at window 13, overlap 3. */
    private static Workload lessons(int count) {
        List<Workload.Film> films = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            films.add(new Workload.Film("lesson-" + i, List.of(10.0)));
        }
        return new Workload(films);
    }

    private static StreamingSimulator streaming(Workload work, int maxInFlight) {
        return new StreamingSimulator(work, COGVIDEO, QUIET, WINDOW, OVERLAP, maxInFlight);
    }

    private static Simulation alone(Workload work, int gpus) {
        return new FarmSimulator(work, COGVIDEO, QUIET, WINDOW, OVERLAP).simulate(gpus);
    }

    @Test
    void admitsTheFirstFilmAloneThenConsecutiveFilmsUpToHalfTheBudget() {
        StreamingSimulator sim = streaming(lessons(7), 0);
        assertEquals(2, new FarmSimulator(lessons(1), COGVIDEO, QUIET, WINDOW, OVERLAP).windowsOf(
                lessons(1).films().get(0)));
        // A budget of 8 windows: groups of at most 4, two lessons.
        assertEquals(List.of(List.of(0), List.of(1, 2), List.of(3, 4), List.of(5, 6)), sim.groups(8));
        // A film larger than half the budget is a group alone.
        assertEquals(List.of(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4), List.of(5), List.of(6)),
                sim.groups(3));
        assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4, 5, 6)), sim.groups(1_000));
        assertEquals(128 * 4, sim.budget(4), "128 windows per slot, as a render derives it");
        assertEquals(10, streaming(lessons(7), 10).budget(4), "--max-in-flight overrides it");
    }

    @Test
    void oneFilmIsOneJobAsTheFarmSimulatorRunsIt() {
        Workload film = new Workload(List.of(new Workload.Film("feature", List.of(6.0, 30.0, 12.0, 6.0))));
        assertEquals(alone(film, 4).wallS(), streaming(film, 2).simulate(4).wallS(), 1e-9);
    }

    @Test
    void theSecondGroupWaitsForTheFirstFilmsCommit() {
        // Everything fits: the first lesson alone, then the other five in one job.
        Workload work = lessons(6);
        Simulation first = alone(lessons(1), 2);
        Simulation rest = alone(new Workload(work.films().subList(1, 6)), 2);
        double startUp = COGVIDEO.modelLoadSeconds() + Overheads.DEFAULTS.startS();
        Simulation s = streaming(work, 0).simulate(2);
        assertEquals(first.wallS() + rest.wallS() - startUp, s.wallS(), 1e-6,
                "two jobs, one after the other, one start-up");
        assertEquals(startUp, s.loads().wallS(), 1e-9);
        assertEquals(6, s.compute().windows() / 2);
        assertEquals(first.codenoise().stages() + rest.codenoise().stages(), s.codenoise().stages());
        assertEquals(2, s.loads().loads(), "one load per executor");
    }

    @Test
    void aSmallBudgetRunsMoreJobsAndOverlapsEachOnesEncodeWithTheNextOnesDenoising() {
        Workload work = lessons(40);
        Simulation unbounded = streaming(work, 0).simulate(2);
        Simulation bounded = streaming(work, 8).simulate(2); // 21 groups
        assertEquals(unbounded.compute().windowSteps(), bounded.compute().windowSteps(), "the same work");
        assertTrue(bounded.codenoise().stages() > 5 * unbounded.codenoise().stages(),
                bounded.codenoise().stages() + " stages against " + unbounded.codenoise().stages());
        assertTrue(bounded.wallS() > unbounded.wallS(), "each job pays its stages and its idle tail");
        double load = COGVIDEO.modelLoadSeconds();
        double serial = load + bounded.compute().denoiseWallS() + bounded.encode().wallS() + bounded.storage().wallS();
        assertTrue(bounded.wallS() < serial, "encode overlaps the next group's denoising: " + bounded.wallS()
                + " s against " + serial + " s one after another");
        assertTrue(bounded.wallS() >= load + bounded.compute().denoiseWallS(), "the GPUs denoise one group at a time");
    }

    @Test
    void aPlannerOnAStreamedLibraryMeetsItsDeadlineAndRejectsABudgetOfNothing() {
        Workload work = lessons(200);
        CapacityPlanner planner = new CapacityPlanner(streaming(work, 0), COGVIDEO);
        Simulation answer = planner.forDeadline(3_600);
        assertTrue(answer.wallS() <= 3_600);
        assertTrue(planner.onGpus(answer.gpus() - 1).wallS() > 3_600, "one GPU fewer misses the deadline");
        assertThrows(CapacityException.class, () -> streaming(work, -1));
    }
}
