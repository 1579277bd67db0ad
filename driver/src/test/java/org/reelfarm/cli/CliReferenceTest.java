package org.reelfarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code docs/cli.md} is the usage text picocli prints, command by command, so the reference in
 * the docs cannot drift from the code. Regenerate it with
 * {@code ./mvnw -o -pl driver -am verify -Dtest=CliReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dcli.reference.write=true}.
 */
class CliReferenceTest {
    static final Path FILE = Path.of("..", "docs", "cli.md");

    @Test
    void docsCliMdIsThePicocliUsageOfEveryCommand() throws IOException {
        PrintStream none = new PrintStream(new ByteArrayOutputStream());
        StringBuilder md = new StringBuilder("# Command-line reference\n\n"
                + "Generated from the picocli definitions by `CliReferenceTest`; do not edit by hand.\n");
        append(md, ReelfarmCommand.commandLine(none, none));
        if (Boolean.getBoolean("cli.reference.write")) {
            Files.writeString(FILE, md);
        }
        assertEquals(Files.exists(FILE) ? Files.readString(FILE) : "", md.toString(),
                "docs/cli.md is stale: regenerate it as this test's Javadoc says");
    }

    private static void append(StringBuilder md, CommandLine cli) {
        if ("help".equals(cli.getCommandName())) {
            return;
        }
        md.append("\n## `").append(cli.getCommandSpec().qualifiedName()).append("`\n\n```text\n")
                .append(cli.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n");
        cli.getSubcommands().values().forEach(sub -> append(md, sub));
    }
}
