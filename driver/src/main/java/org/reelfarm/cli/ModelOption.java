package org.reelfarm.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.model.BadModelException;
import picocli.CommandLine.Option;

/**
 * {@code --model DIR}, defaulting to the reference model, which is built on first use. Its
 * description comes from the {@link org.reelfarm.render.Setting} table.
 */
final class ModelOption {
    @Option(names = "--model", paramLabel = "DIR")
    Path model;

    static Path defaultModelDir() {
        String home = System.getProperty("reelfarm.home", System.getenv().getOrDefault("REELFARM_HOME", "."));
        return Path.of(home, "models", "reference").toAbsolutePath().normalize();
    }

    /** The model directory to use; exports the reference model if it is the default and missing. */
    Path resolve(PrintStream console) {
        if (model != null) {
            if (!Files.exists(model)) {
                throw new BadModelException(model.toAbsolutePath() + " does not exist; pass a model directory or"
                        + " leave --model out to use the reference model");
            }
            return model;
        }
        Path dir = defaultModelDir();
        if (!Files.exists(dir.resolve("saved_model.pb"))) {
            console.println("Building the reference model into " + dir + " (first use) ...");
            ReferenceModel.export(dir);
        }
        return dir;
    }
}
