package org.reelfarm.cli;

/** {@code ./reelfarm}: the command-line entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(ReelfarmCommand.commandLine(System.out, System.err).execute(args));
    }
}
