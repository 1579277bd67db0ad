package org.reelfarm.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command; subcommands do the work. */
@Command(name = "reelfarm", mixinStandardHelpOptions = true, version = "reelfarm 0.1.0",
        description = "A render farm for long AI-generated films, on Apache Spark.",
        subcommands = {RenderCommand.class, PlanCommand.class, ModelCommand.class, CapacityCommand.class,
                CommandLine.HelpCommand.class})
public final class ReelfarmCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT,
            description = "Print errors only: no progress and no summary lines.")
    boolean quiet;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the log lines Reelfarm hides: TensorFlow's start-up lines, the Spark warnings about"
                    + " conditions Reelfarm handles itself, and a line per batch and segment.")
    boolean verbose;

    /** Where progress and summary lines go: {@code err}, or nowhere with {@code --quiet}. */
    PrintStream console(PrintStream err) {
        return quiet ? new PrintStream(java.io.OutputStream.nullOutputStream()) : err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: render, plan or model");
    }

    /** The configured command line: output streams and the one place where errors become exit codes. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new ReelfarmCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        // @list.txt is an input (Inputs: entries relative to the list, local or s3a://), not
        // picocli's argument file, whose entries would be relative to the current directory.
        cli.setExpandAtFiles(false);
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli;
    }
}
