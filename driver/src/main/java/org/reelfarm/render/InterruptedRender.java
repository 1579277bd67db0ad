package org.reelfarm.render;

import org.reelfarm.errors.UserException;

/**
 * The JVM began to shut down while a render ran (Ctrl-C, SIGTERM): Spark stops under the render,
 * which then fails. The films committed stay, the work of the films in flight stays in the work
 * area, and the message says how to finish them. The render's shutdown hook prints it (the JVM
 * may halt before the main thread gets this far), so the command line prints nothing more.
 */
public final class InterruptedRender extends UserException {
    private static final long serialVersionUID = 1L;

    InterruptedRender(String workArea, Throwable cause) {
        super(message(workArea), cause);
    }

    static String message(String workArea) {
        return "interrupted (Ctrl-C or SIGTERM): the films committed so far are kept, and so is the work of those in"
                + " flight, in " + workArea + "; run the same command with --resume to finish them";
    }
}
