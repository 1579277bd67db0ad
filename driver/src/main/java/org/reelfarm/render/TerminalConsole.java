package org.reelfarm.render;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard error on a terminal, shared by the progress bar and the lines printed around it: a
 * line printed while the bar is shown takes the bar's place, and the bar is drawn again below it.
 */
final class TerminalConsole extends PrintStream {
    private static final String CLEAR_LINE = "\r\u001b[K";
    private final Lines lines;

    TerminalConsole(PrintStream raw) {
        this(new Lines(raw));
    }

    private TerminalConsole(Lines lines) {
        super(lines, true, StandardCharsets.UTF_8);
        this.lines = lines;
    }

    /** Whether standard error is likely a terminal: a console is attached and TERM names a real one. */
    static boolean isTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.isBlank() && !"dumb".equals(term);
    }

    /** {@code console}, made to share a terminal with a progress bar when it is standard error on one. */
    static PrintStream of(PrintStream console) {
        return console == System.err && isTerminal() ? new TerminalConsole(console) : console;
    }

    /** Draws (or redraws) the bar on the last line. */
    void showBar(String bar) {
        flush();
        lines.showBar(bar);
    }

    /** Leaves the bar's last state on its own line; lines printed later no longer redraw it. */
    void endBar() {
        flush();
        lines.endBar();
    }

    /**
     * {@link #endBar}, and no bar is drawn again: what is printed next is the last word on the
     * screen (the run's error line when the JVM stops under a render).
     */
    void closeBar() {
        flush();
        lines.closeBar();
    }

    private static final class Lines extends OutputStream {
        private final PrintStream raw;
        private String bar = "";
        private boolean midLine;
        private boolean closed; // no bar from now on

        Lines(PrintStream raw) {
            this.raw = raw;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (!midLine && !bar.isEmpty()) {
                    raw.print(CLEAR_LINE);
                }
                midLine = true;
                if (bytes[i] == '\n') {
                    raw.write(bytes, start, i + 1 - start);
                    start = i + 1;
                    midLine = false;
                    raw.print(bar);
                }
            }
            raw.write(bytes, start, offset + length - start);
            raw.flush();
        }

        synchronized void showBar(String text) {
            if (closed) {
                return;
            }
            bar = text;
            if (!midLine) {
                raw.print(CLEAR_LINE + bar);
                raw.flush();
            }
        }

        synchronized void endBar() {
            if (!bar.isEmpty() && !midLine) {
                raw.print(CLEAR_LINE + bar + "\n");
                raw.flush();
            }
            bar = "";
        }

        synchronized void closeBar() {
            endBar();
            closed = true;
        }
    }
}
