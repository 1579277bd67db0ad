package org.reelfarm.cli;

/** Exit codes of every command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** An internal failure: a bug or a broken environment. */
    public static final int INTERNAL = 1;
    /** Bad usage or bad input: the message says what to fix. */
    public static final int USER = 2;

    private ExitCodes() {}
}
