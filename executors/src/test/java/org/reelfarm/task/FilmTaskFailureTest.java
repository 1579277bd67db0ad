package org.reelfarm.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilmTaskFailureTest {

    @Test
    void carriesItsFilmsTheWorkAndTheCause() {
        FilmTaskFailure failure = new FilmTaskFailure(Set.of(3, 1), "sync round 7", new IllegalStateException("boom"));
        assertEquals(Set.of(1, 3), failure.films());
        assertEquals("sync round 7", failure.work());
        assertEquals("sync round 7: java.lang.IllegalStateException: boom", failure.reason());
        assertEquals("sync round 7 failed for films [1, 3]: java.lang.IllegalStateException: boom",
                failure.getMessage());
    }

    @Test
    void theDriverFindsItInTheCauseChainOfSparksJobAbort() {
        FilmTaskFailure failure = new FilmTaskFailure(Set.of(2), "batch 4", new IllegalStateException("boom"));
        RuntimeException abort = new RuntimeException("Job aborted due to stage failure: Task 0 in stage 8.0 failed"
                + " 2 times, most recent failure: ... " + failure.getMessage(), failure);
        assertSame(failure, FilmTaskFailure.in(new RuntimeException("wrapped", abort)).orElseThrow());
        assertSame(failure, FilmTaskFailure.in(failure).orElseThrow());
    }

    @Test
    void filmTagsInTheMessageTextAreNotFilms() {
        RuntimeException abort = new RuntimeException("Job aborted: cannot read /in/trailer [film 2].md",
                new IllegalStateException("boom /in/trailer [film 2].md"));
        assertEquals(Optional.empty(), FilmTaskFailure.in(abort));
        FilmTaskFailure failure = new FilmTaskFailure(Set.of(0), "batch 1",
                new IllegalStateException("cannot read /in/trailer [film 2].md"));
        assertEquals(Set.of(0), FilmTaskFailure.in(new RuntimeException(failure.getMessage(), failure))
                .orElseThrow().films());
    }

    @Test
    void survivesJavaSerializationAsSparkShipsTaskExceptions() throws Exception {
        FilmTaskFailure failure = new FilmTaskFailure(Set.of(5, 4), "segment 9 (shot 2)", new IllegalStateException("boom"));
        FilmTaskFailure back = (FilmTaskFailure) roundTrip(failure);
        assertEquals(Set.of(4, 5), back.films());
        assertEquals(failure.reason(), back.reason());
        assertTrue(back.getCause() instanceof IllegalStateException);
    }

    @Test
    void rejectsWorkWithoutFilms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FilmTaskFailure(Set.of(), "batch 1", new IllegalStateException("boom")));
        assertEquals("a film task failure needs the films of the failed work", e.getMessage());
    }

    @Test
    void aCycleInTheCauseChainEndsTheSearch() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertEquals(Optional.empty(), FilmTaskFailure.in(a));
    }

    private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
