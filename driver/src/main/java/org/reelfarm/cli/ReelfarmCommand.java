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

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: render, plan or model");
    }

    /** The configured command line: output streams and the one place where errors become exit codes. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new ReelfarmCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli;
    }
}
