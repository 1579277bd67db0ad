package org.reelfarm.cli;

import org.reelfarm.errors.UserException;
import org.reelfarm.render.InterruptedRender;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes. A user mistake prints one {@code error:} line
 * that says what to fix, with no stack trace, and exits 2; anything else is an internal failure,
 * printed with its stack trace, exit 1.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        try {
            UserException userError = UserException.in(e).orElse(null);
            if (userError instanceof InterruptedRender) {
                return ExitCodes.USER; // its line is out: the render's shutdown hook printed it
            }
            if (userError != null) {
                cli.getErr().println("error: " + userError.getMessage());
                return ExitCodes.USER;
            }
            cli.getErr().println("error: internal failure: " + e);
            e.printStackTrace(cli.getErr());
            return ExitCodes.INTERNAL;
        } finally {
            cli.getErr().flush();
        }
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        // The qualified name is "reelfarm" for the root command and "reelfarm render" for a subcommand.
        cli.getErr().println("error: " + e.getMessage() + " (see: " + cli.getCommandSpec().qualifiedName() + " --help)");
        return ExitCodes.USER;
    }
}
