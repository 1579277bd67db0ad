package org.reelfarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reelfarm.render.CliRun;
import org.reelfarm.render.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The command line without a model or Spark: help, defaults and parse errors. */
class CommandLineTest {
    @TempDir
    Path dir;

    private static CommandSpec command(String name) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return ReelfarmCommand.commandLine(nowhere, nowhere).getSubcommands().get(name).getCommandSpec();
    }

    @ParameterizedTest
    @ValueSource(strings = {"render", "plan"})
    void everyOptionInTheTableIsDescribedAndDefaultedByIt(String name) {
        for (OptionSpec option : command(name).options()) {
            Setting setting = Setting.ofOption(option.longestName());
            if (setting == null) {
                continue;
            }
            assertEquals(List.of(setting.help()), List.of(option.description()), option.longestName());
            String expectedDefault = setting.defaultValue().value();
            if (expectedDefault != null) {
                assertEquals(expectedDefault, option.defaultValueString(), option.longestName());
            } else if (setting.type() != Setting.Type.FLAG && setting.type() != Setting.Type.MAP) {
                assertNull(option.defaultValue(), option.longestName()); // resolved from the model or profile
            }
            if (setting.type() == Setting.Type.CHOICE) {
                assertEquals(String.join("|", setting.valid().choices()), option.paramLabel(), option.longestName());
            }
        }
    }

    @Test
    void renderHasAnOptionForEverySettingOfTheTable() {
        Set<String> options = new TreeSet<>();
        command("render").options().forEach(o -> options.add(o.longestName()));
        for (Setting setting : Setting.values()) {
            assertTrue(options.contains(setting.option()), setting.option());
        }
    }

    @Test
    void renderAndPlanShareTheirCommonOptions() {
        for (String option : List.of("--window", "--overlap", "--batch", "--steps", "--master", "--model")) {
            OptionSpec render = command("render").findOption(option);
            OptionSpec plan = command("plan").findOption(option);
            assertNotNull(render, option);
            assertNotNull(plan, option);
            assertEquals(List.of(render.description()), List.of(plan.description()), option);
            assertEquals(render.defaultValueString(), plan.defaultValueString(), option);
        }
    }

    @Test
    void helpShowsRangesAndDefaultsFromTheTable() {
        CliRun run = CliRun.of("render", "--help");
        String help = run.out().replaceAll("\\s+", " ");

        assertEquals(0, run.exitCode());
        assertTrue(help.contains("Windows per model call (1 to 256; default: 4)."), help);
        assertTrue(help.contains("Window overlap in latent frames (0 to --window minus 1; default: the model's"), help);
    }

    @Test
    void renderHelpListsEveryKindOfInput() {
        String help = CliRun.of("render", "--help").out().replaceAll("\\s+", " ");

        for (String kind : List.of(".fountain", ".spmd", ".md", ".csv", ".json", "directory", "@list.txt")) {
            assertTrue(help.contains(kind), kind + ": " + help);
        }
    }

    @Test
    void anAtListIsAnInputWhoseEntriesAreRelativeToIt(@TempDir Path dir) throws Exception {
        // Not picocli's argument file, whose entries would be arguments relative to the current directory.
        Path list = java.nio.file.Files.writeString(dir.resolve("list.txt"), "# one lesson\nlessons/missing.md\n");
        CliRun run = CliRun.of("plan", "@" + list, "--model", org.reelfarm.render.TestModels.reference().toString());

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.errorLines().get(0).startsWith("error: " + dir.resolve("lessons/missing.md") + ": file not found"),
                run.err());
    }

    @Test
    void aTypoedCommandPointsToTheRootHelpOnce() {
        CliRun run = CliRun.of("rendr", "x.md");

        assertEquals(2, run.exitCode());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.errorLines().get(0).endsWith("(see: reelfarm --help)"), run.err());
    }

    @Test
    void anUnknownOptionOfASubcommandPointsToItsHelp() {
        CliRun run = CliRun.of("plan", "x.md", "--colour", "red");

        assertEquals(2, run.exitCode());
        assertTrue(run.errorLines().get(0).endsWith("(see: reelfarm plan --help)"), run.err());
    }

    @Test
    void batchZeroNamesTheBatchOptionAndAValueThatWorks() {
        CliRun run = CliRun.of("render", "x.md", "--out", dir.resolve("out").toString(), "--model", dir.toString(),
                "--batch", "0");

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(List.of("error: --batch 0 must be at least 1; use --batch 4"), run.errorLines());
    }

    @Test
    void anUnknownChoiceListsTheChoices() {
        CliRun run = CliRun.of("render", "x.md", "--out", dir.resolve("out").toString(), "--model", dir.toString(),
                "--sampler", "heun");

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(List.of("error: unknown --sampler \"heun\"; use ddim or euler-ancestral"), run.errorLines());
    }

    @Test
    void tooFewTensorFlowThreadsAreRejected() {
        CliRun run = CliRun.of("render", "x.md", "--out", dir.resolve("out").toString(), "--model", dir.toString(),
                "--tf-threads", "-1");

        assertEquals(List.of("error: --tf-threads -1 must not be negative; use --tf-threads 1"), run.errorLines());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
