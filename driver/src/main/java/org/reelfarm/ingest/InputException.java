package org.reelfarm.ingest;

/**
 * A user's mistake in an input file: the file, the line ({@code 0} when the mistake is not on
 * one line), what is wrong and how to fix it. The CLI prints {@link #getMessage()} as one
 * {@code error:} line and exits with code 2.
 *
 * <pre>{@code
 * new InputException("films/intro.csv", 1, "missing column \"prompt\" in the header",
 *         "the header must be shot_id,prompt,duration_s[,seed]").getMessage()
 * // films/intro.csv:1: missing column "prompt" in the header; the header must be ...
 * }</pre>
 */
public final class InputException extends org.reelfarm.errors.UserException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;
    private final String fix;

    public InputException(String file, int line, String problem, String fix) {
        this(file, line, problem, fix, null);
    }

    public InputException(String file, int line, String problem, String fix, Throwable cause) {
        super(format(file, line, problem, fix), cause);
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, got " + line);
        }
        this.file = file;
        this.line = line;
        this.problem = problem;
        this.fix = fix;
    }

    private static String format(String file, int line, String problem, String fix) {
        return file + (line > 0 ? ":" + line : "") + ": " + problem + "; " + fix;
    }

    /** The input file as the user named it. */
    public String file() {
        return file;
    }

    /** 1-based line of the mistake, or 0 when it is not on one line. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
