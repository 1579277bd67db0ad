package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RenderProgressTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
    final AtomicLong nanos = new AtomicLong();

    List<String> lines() {
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void aLogGetsALineEveryTenthOfTheWorkOrEveryTenSecondsNotOnePerTask() {
        RenderProgress progress = new RenderProgress(console, 4, 1000, nanos::get);
        for (int i = 0; i < 99; i++) { // 99 tasks of 1 step in 9.9 s: under a tenth, under 10 s
            nanos.addAndGet(100_000_000L);
            progress.stepsDone(1);
        }
        assertEquals(List.of(), lines());
        nanos.addAndGet(100_000_000L);
        progress.stepsDone(1); // 100 of 1000: a tenth
        assertEquals(List.of("progress: films 0/4, window-steps 100/1000 (10 %), 10.0 steps/s, about 90 s left"),
                lines());
        nanos.addAndGet(10_000_000_000L);
        progress.filmDone(); // 10 s later, no new tenth
        assertEquals(2, lines().size());
        assertTrue(lines().get(1).startsWith("progress: films 1/4, window-steps 100/1000"), lines().get(1));
    }

    @Test
    void theLastLineSaysDoneAndStepsNeverExceedTheTotal() {
        RenderProgress progress = new RenderProgress(console, 1, 50, nanos::get);
        nanos.addAndGet(5_000_000_000L);
        progress.stepsDone(60); // a retried task's steps counted twice stay within the plan
        progress.filmDone();
        progress.close();
        progress.close();
        assertEquals(50, progress.stepsDone());
        List<String> lines = lines();
        assertEquals("progress: films 1/1, window-steps 50/50 (100 %), 10.0 steps/s, done in 5 s",
                lines.get(lines.size() - 1));
        assertEquals(1, lines.stream().filter(l -> l.contains("done in")).count(), lines.toString());
    }

    @Test
    void aRunThatEndsBeforeItsFilmsSaysStoppedNotDone() {
        RenderProgress progress = new RenderProgress(console, 2, 100, nanos::get);
        nanos.addAndGet(4_000_000_000L);
        progress.stepsDone(40);
        progress.filmDone();
        progress.close(); // e.g. interrupted with one film of two finished
        List<String> lines = lines();
        assertEquals("progress: films 1/2, window-steps 40/100 (40 %), 10.0 steps/s, stopped after 4 s",
                lines.get(lines.size() - 1));
    }

    @Test
    void aTerminalGetsTheLibrarysBarWithFilmsStepsAndSpeed() {
        RenderProgress progress = new RenderProgress(new TerminalConsole(console), 3, 300, nanos::get);
        progress.stepsDone(150);
        progress.filmDone();
        progress.close();
        String drawn = out.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("\r"), "redrawn in place: " + drawn);
        assertTrue(drawn.contains("150/300"), drawn);
        assertTrue(drawn.contains("films 1/3"), drawn);
        assertTrue(drawn.contains("steps/s"), drawn);
    }

    @Test
    void nothingDoneWritesNothing() {
        new RenderProgress(console, 2, 100, nanos::get).close();
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLinePrintedUnderTheBarTakesItsPlaceAndTheBarIsDrawnBelow() {
        TerminalConsole terminal = new TerminalConsole(console);
        terminal.showBar("[==  ] 2/4");
        terminal.println("rendered intro");
        terminal.showBar("[=== ] 3/4");
        terminal.endBar();
        terminal.println("library: 1 rendered");
        String clear = "\r\u001b[K";
        assertEquals(clear + "[==  ] 2/4" + clear + "rendered intro\n[==  ] 2/4" + clear + "[=== ] 3/4" + clear
                + "[=== ] 3/4\nlibrary: 1 rendered\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aClosedBarIsNotDrawnAgainSoTheNextLineIsTheLast() {
        TerminalConsole terminal = new TerminalConsole(console);
        terminal.showBar("[==  ] 2/4");
        terminal.closeBar();
        terminal.println("error: interrupted");
        terminal.showBar("[=== ] 3/4"); // the bar's own thread, still ticking
        terminal.endBar(); // and its close
        String clear = "\r\u001b[K";
        assertEquals(clear + "[==  ] 2/4" + clear + "[==  ] 2/4\nerror: interrupted\n",
                out.toString(StandardCharsets.UTF_8));
    }
}
