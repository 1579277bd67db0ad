package org.reelfarm.render;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of a whole render: films committed of all, window-steps done of all, steps per
 * second and the time left. On a terminal ({@link TerminalConsole}) it is a progress bar (the
 * {@code progressbar} library) on the last line, below the lines printed meanwhile; elsewhere (a log file, CI) a plain line at most every {@link #PLAIN_INTERVAL
 * 10 s} or every 10 % of the window-steps, and one when the render ends.
 */
final class RenderProgress implements AutoCloseable {
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);

    private final PrintStream console;
    private final LongSupplier clock;
    private final ProgressBar bar; // null when the console is not a terminal
    private final long films;
    private final long windowSteps;
    private final long start;
    private long filmsDone;
    private long stepsDone;
    private long lastLine;
    private long lastTenth;
    private boolean closed;

    /**
     * @param films films to render in this run
     * @param windowSteps sampling steps over every window of those films
     */
    static RenderProgress start(PrintStream console, long films, long windowSteps) {
        return new RenderProgress(console, films, windowSteps, System::nanoTime);
    }

    /** Test seam: a given clock, in nanoseconds. */
    RenderProgress(PrintStream console, long films, long windowSteps, LongSupplier clock) {
        this.console = console;
        this.clock = clock;
        this.films = films;
        this.windowSteps = Math.max(1, windowSteps);
        this.start = clock.getAsLong();
        this.lastLine = start;
        this.bar = console instanceof TerminalConsole terminal ? new ProgressBarBuilder().setTaskName("render").setInitialMax(this.windowSteps)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).showSpeed()
                .setConsumer(onTerminal(terminal)).setUpdateIntervalMillis(250).build() : null;
        if (bar != null) {
            bar.setExtraMessage("  " + filmsNote());
        }
    }

    private static ProgressBarConsumer onTerminal(TerminalConsole terminal) {
        return new ProgressBarConsumer() {
            @Override
            public int getMaxRenderedLength() {
                return 100;
            }

            @Override
            public void accept(String rendered) {
                terminal.showBar(rendered);
            }

            @Override
            public void close() {
                terminal.endBar();
            }
        };
    }

    /** Window-steps finished by a task (a successful attempt). */
    synchronized void stepsDone(long steps) {
        stepsDone = Math.min(windowSteps, stepsDone + steps);
        update();
    }

    /** A film was committed (or skipped as up to date). */
    synchronized void filmDone() {
        filmsDone = Math.min(films, filmsDone + 1);
        update();
    }

    synchronized long stepsDone() {
        return stepsDone;
    }

    private void update() {
        if (closed) {
            return;
        }
        if (bar != null) {
            bar.stepTo(stepsDone);
            bar.setExtraMessage("  " + filmsNote());
            return;
        }
        if (filmsDone == films) {
            return; // the last line comes with close()
        }
        long now = clock.getAsLong();
        long tenth = stepsDone * 10 / windowSteps;
        if (now - lastLine >= PLAIN_INTERVAL.toNanos() || tenth > lastTenth) {
            lastLine = now;
            lastTenth = tenth;
            console.println(line(now));
        }
    }

    /**
     * "progress: films 2/5, window-steps 1200/4000 (30 %), 55.1 steps/s, about 64 s left"; the time
     * left is that of the denoising, which is most of a render.
     */
    String line(long now) {
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = stepsDone / seconds;
        String left = closed ? String.format(Locale.ROOT, filmsDone == films ? "done in %.0f s" : "stopped after %.0f s",
                seconds)
                : stepsDone >= windowSteps ? "encoding and committing"
                : rate > 0 ? String.format(Locale.ROOT, "about %.0f s left", (windowSteps - stepsDone) / rate)
                : "time left unknown";
        return String.format(Locale.ROOT, "progress: %s, window-steps %d/%d (%d %%), %.1f steps/s, %s", filmsNote(),
                stepsDone, windowSteps, stepsDone * 100 / windowSteps, rate, left);
    }

    private String filmsNote() {
        return "films " + filmsDone + "/" + films;
    }

    /** Ends the display: the bar's last state, or a last plain line. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bar != null) {
            bar.setExtraMessage("  " + filmsNote());
            bar.close();
        } else if ((stepsDone > 0 || filmsDone > 0) && !Renderer.jvmStopping()) {
            // (a run the JVM's shutdown stops ends on the error line its shutdown hook printed)
            console.println(line(clock.getAsLong()));
        }
    }
}
