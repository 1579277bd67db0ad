package org.reelfarm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.reelfarm.export.ModelValidator;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.render.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reelfarm model export|validate DIR}. */
@Command(name = "model", description = "Write the reference model, or check any model against the contract.",
        mixinStandardHelpOptions = true, subcommands = {ModelCommand.Export.class, ModelCommand.Validate.class, ExportCostCommand.class})
final class ModelCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: export, export-cost or validate");
    }

    @Command(name = "export", description = "Build the reference model from code and save it as a SavedModel in DIR.",
            mixinStandardHelpOptions = true)
    static final class Export implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "Directory to create (must not exist or be empty).")
        Path dir;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                ReferenceModel.export(dir);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            } catch (java.io.UncheckedIOException e) {
                throw new org.reelfarm.storage.StorageException(e.getMessage(), e);
            }
            spec.commandLine().getOut().println("wrote " + ReferenceModel.NAME + " " + ReferenceModel.VERSION + " to "
                    + dir.toAbsolutePath().normalize());
            return ExitCodes.OK;
        }
    }

    @Command(name = "validate", description = "Load any SavedModel and check it against the Reelfarm model contract:"
            + " signatures, shapes, dtypes, metadata and a tiny test call. Exit 2 if it does not pass.",
            mixinStandardHelpOptions = true)
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "The SavedModel directory.")
        Path dir;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ModelValidator.Report report = ModelValidator.validate(dir);
            if (report.valid()) {
                spec.commandLine().getOut().println("ok: " + report.dir() + " is a valid Reelfarm model ("
                        + report.spec().name() + " " + report.spec().version() + ")");
                return ExitCodes.OK;
            }
            var err = spec.commandLine().getErr();
            err.println("error: " + report.dir() + " is not a valid Reelfarm model:");
            report.problems().forEach(p -> err.println("  - " + p));
            return ExitCodes.USER;
        }
    }
}
