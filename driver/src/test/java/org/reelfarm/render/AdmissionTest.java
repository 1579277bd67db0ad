package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.NoiseSchedule;
import org.reelfarm.model.PredictionType;

class AdmissionTest {
    @Test
    void theFirstFilmIsAGroupAloneAndTheOthersAreConsecutiveFilmsOfAtMostHalfTheBudget() {
        Admission admission = new Admission(List.of(3, 3, 3, 3, 3, 3), 12, true);

        assertEquals(List.of(List.of(0), List.of(1, 2), List.of(3, 4), List.of(5)),
                admission.groups().stream().map(Admission.Group::films).toList());
    }

    @Test
    void aRunThatFoundFilmsCommittedSendsNoFilmAloneAndAdmitsTwoGroupsAtOnce() throws Exception {
        Admission admission = new Admission(List.of(3, 3, 3, 3, 3, 3), 12, false);
        assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4, 5)),
                admission.groups().stream().map(Admission.Group::films).toList());

        Admission.Group first = admission.next();
        Admission.Group second = nextLater(admission).get(5, TimeUnit.SECONDS); // beside the first
        CompletableFuture<Admission.Group> third = nextLater(admission);
        assertThrows(TimeoutException.class, () -> third.get(200, TimeUnit.MILLISECONDS), "the budget is full");
        admission.done(first);

        assertEquals(List.of(4, 5), third.get(5, TimeUnit.SECONDS).films());
        assertEquals(List.of(2, 3), second.films());
    }

    @Test
    void aFilmLargerThanTheBudgetIsAGroupAlone() {
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)),
                Admission.groups(List.of(2, 50, 2), 10, true).stream().map(Admission.Group::films).toList());
    }

    @Test
    void theSecondGroupWaitsForTheFirstAndTheOthersUntilTheyFitInFilmOrder() throws Exception {
        Admission admission = new Admission(List.of(4, 4, 4, 4), 8, true); // groups of one film
        Admission.Group first = admission.next();
        CompletableFuture<Admission.Group> second = nextLater(admission);
        assertThrows(TimeoutException.class, () -> second.get(200, TimeUnit.MILLISECONDS),
                "the first film is in flight alone");
        admission.done(first);
        Admission.Group secondGroup = second.get(5, TimeUnit.SECONDS);
        Admission.Group third = admission.next(); // fits in the budget beside the second
        CompletableFuture<Admission.Group> fourth = nextLater(admission);
        assertThrows(TimeoutException.class, () -> fourth.get(200, TimeUnit.MILLISECONDS));
        assertEquals(new Admission.Progress(1, 2, 4, 8, 8), admission.progress());

        admission.done(secondGroup);

        assertEquals(List.of(3), fourth.get(5, TimeUnit.SECONDS).films());
        assertEquals(List.of(0), first.films());
        assertEquals(List.of(1), secondGroup.films());
        assertEquals(List.of(2), third.films());
        assertNull(admission.next(), "every group was admitted");
    }

    private static CompletableFuture<Admission.Group> nextLater(Admission admission) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return admission.next();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aBudgetOfOneWindowAdmitsOneFilmAtATime() throws Exception {
        Admission admission = new Admission(List.of(3, 3), 1, true);
        Admission.Group first = admission.next();
        CompletableFuture<Admission.Group> second = nextLater(admission);
        assertThrows(TimeoutException.class, () -> second.get(200, TimeUnit.MILLISECONDS));
        admission.done(first);
        assertEquals(List.of(1), second.get(5, TimeUnit.SECONDS).films());
    }

    @Test
    void twoLanesWaitingForTheSameSlotTakeEachGroupOnce() throws Exception {
        Admission admission = new Admission(List.of(1, 1, 1, 1, 1, 1, 1, 1), 1, true);
        List<Integer> taken = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Runnable lane = () -> {
            try {
                Admission.Group group;
                while ((group = admission.next()) != null) {
                    taken.addAll(group.films());
                    Thread.sleep(5);
                    admission.done(group);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        CompletableFuture<Void> a = CompletableFuture.runAsync(lane);
        CompletableFuture<Void> b = CompletableFuture.runAsync(lane);
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);

        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), taken);
    }

    @Test
    void theDerivedBudgetIsBoundedByMemoryAndByCores() {
        int byCores = InFlightBudget.derive(Long.MAX_VALUE / 8, 2, spec(), 16);
        assertEquals(2 * InFlightBudget.WINDOWS_PER_CORE, byCores);
        int byMemory = InFlightBudget.derive(64L * 1024 * 1024, 64, spec(), 16);
        assertFalse(byMemory >= 64 * InFlightBudget.WINDOWS_PER_CORE, "64 MB holds fewer windows: " + byMemory);
        assertTrue(byMemory >= 1);
    }

    private static ModelSpec spec() {
        return new ModelSpec("test", "1", 4, 8, 2, 8, 8, 16, 16, 4, PredictionType.EPSILON,
                NoiseSchedule.cosine(1000), 20, "vocab.txt", 16, 12, 1, true);
    }
}
