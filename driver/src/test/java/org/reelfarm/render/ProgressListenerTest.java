package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

    @Test
    void plainOutputPrintsALineAtMostEveryTenSecondsAndAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressListener progress = new ProgressListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false,
                now::get);
        int[] stage = progress.watch(3, "denoise windows", 200);
        for (int i = 0; i < 200; i++) {
            now.addAndGet(250_000_000L); // a task every 0.25 s: 50 s in all
            progress.taskDone(3, stage);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(5, lines.length, String.join("\n", lines));
        assertTrue(lines[0].contains("40/200 tasks") && lines[0].contains("s left"), lines[0]);
        assertTrue(lines[4].contains("200/200 tasks") && lines[4].contains("done"), lines[4]);
    }

    @Test
    void aTerminalRedrawsOneLineInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressListener progress = new ProgressListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, true,
                now::get);
        int[] stage = progress.watch(1, "blend, decode and encode segments", 10);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(1_000_000_000L);
            progress.taskDone(1, stage);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), out);
        assertTrue(out.contains("\r"), out);
        assertTrue(out.contains("1.0/s"), out);
    }

    @Test
    void aCommittedFilmOfALibraryShowsFilmsDoneWindowsInFlightAndTheTimeLeft() {
        Admission.Progress progress = new Admission.Progress(2, 3, 10, 24, 96);

        assertEquals(" (films 4/10, 24 windows in flight, about 30 s left)",
                ProgressListener.commitNote(progress, 4, 20.0));
        assertEquals("  films 2/10, 3 in flight, 24 windows in flight", ProgressListener.libraryNote(progress));
    }
}
