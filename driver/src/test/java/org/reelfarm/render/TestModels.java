package org.reelfarm.render;

import java.nio.file.Files;
import java.nio.file.Path;
import org.reelfarm.export.ReferenceModel;

/** The reference model for tests, exported once per build into target/. */
public final class TestModels {
    private TestModels() {}

    public static synchronized Path reference() {
        Path dir = Path.of("target", "test-models", "reference").toAbsolutePath();
        if (!Files.exists(dir.resolve("saved_model.pb"))) {
            ReferenceModel.export(dir);
        }
        return dir;
    }
}
