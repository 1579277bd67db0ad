package org.reelfarm.cli;

/** {@code ./reelfarm}: the command-line entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // ./reelfarm filters TensorFlow's C++ start-up lines out of fd 2 and hands Java the
        // unfiltered stderr as reelfarm.console (a /dev/fd path), so progress keeps its terminal.
        String console = System.getProperty("reelfarm.console");
        if (console != null) {
            try {
                System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(console), true));
            } catch (java.io.FileNotFoundException e) {
                // Not there (a launcher run without the filter): stderr stays as it is.
            }
        }
        System.exit(ReelfarmCommand.commandLine(System.out, System.err).execute(args));
    }
}
