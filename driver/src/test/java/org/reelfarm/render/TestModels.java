package org.reelfarm.render;

import java.nio.file.Files;
import java.nio.file.Path;
import org.reelfarm.export.ReferenceModel;

/**
 * The reference model for tests, exported once per build into target/. The export appears whole
 * or not at all; when test JVMs side by side race to export it, the loser takes the winner's.
 */
public final class TestModels {
    private TestModels() {}

    public static synchronized Path reference() {
        Path dir = Path.of("target", "test-models", "reference").toAbsolutePath();
        if (!Files.exists(dir.resolve("saved_model.pb"))) {
            try {
                ReferenceModel.export(dir);
            } catch (RuntimeException e) {
                if (!Files.exists(dir.resolve("saved_model.pb"))) {
                    throw e;
                }
            }
        }
        return dir;
    }
}
