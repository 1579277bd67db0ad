package org.reelfarm.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.reelfarm.export.ModelValidator;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.model.Model;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.render.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

        @Option(names = "--device", paramLabel = "cpu|gpu:N", defaultValue = "cpu",
                description = "Where to load the model: cpu (default), or gpu:N to check that TensorFlow can use"
                        + " GPU N (needs the CUDA natives of a -Pgpu build) and that the model loads there.")
        String device;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RuntimeSettings runtime = runtime(device);
            Model.requireDevices(runtime);
            ModelValidator.Report report = ModelValidator.validate(dir);
            if (report.valid()) {
                if (runtime.usesGpu()) {
                    Model.load(dir, runtime).close();
                }
                spec.commandLine().getOut().println("ok: " + report.dir() + " is a valid Reelfarm model ("
                        + report.spec().name() + " " + report.spec().version() + ")"
                        + (runtime.usesGpu() ? "; it loads on GPU " + runtime.visibleDevices() : ""));
                return ExitCodes.OK;
            }
            var err = spec.commandLine().getErr();
            err.println("error: " + report.dir() + " is not a valid Reelfarm model:");
            report.problems().forEach(p -> err.println("  - " + p));
            return ExitCodes.USER;
        }

        /** {@code cpu} or {@code gpu:N} as TensorFlow runtime settings. */
        static RuntimeSettings runtime(String device) {
            String d = device.strip();
            if (d.equals("cpu")) {
                return RuntimeSettings.cpu();
            }
            if (d.matches("gpu:[0-9]{1,3}")) {
                return RuntimeSettings.cpu().onDevices(d.substring("gpu:".length()));
            }
            throw new UsageException("--device takes cpu or gpu:N (e.g. gpu:0), got \"" + device + "\"");
        }
    }
}
