package org.reelfarm.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.ingest.Inputs;
import org.reelfarm.model.BadModelException;
import picocli.CommandLine.Option;

/**
 * {@code --model DIR}, defaulting to the reference model, which is built on first use. DIR is a
 * local directory or a Hadoop URI ({@code s3a://models/reference}), which each JVM copies into its
 * local model cache. Its description comes from the {@link org.reelfarm.render.Setting} table.
 */
final class ModelOption {
    @Option(names = "--model", paramLabel = "DIR")
    String model;

    static Path defaultModelDir() {
        String home = System.getProperty("reelfarm.home", System.getenv().getOrDefault("REELFARM_HOME", "."));
        return Path.of(home, "models", "reference").toAbsolutePath().normalize();
    }

    /**
     * The model to use: an absolute local directory, or a Hadoop URI as given (checked when it is
     * copied). Exports the reference model if it is the default and missing.
     */
    String resolve(PrintStream console) {
        if (model != null) {
            if (Inputs.isUri(model)) {
                return model;
            }
            Path dir = Path.of(model);
            if (!Files.exists(dir)) {
                throw new BadModelException(dir.toAbsolutePath() + " does not exist; pass a model directory or"
                        + " leave --model out to use the reference model");
            }
            return dir.toAbsolutePath().normalize().toString();
        }
        Path dir = defaultModelDir();
        if (!Files.exists(dir.resolve("saved_model.pb"))) {
            console.println("Building the reference model into " + dir + " (first use) ...");
            ReferenceModel.export(dir);
        }
        return dir.toString();
    }
}
