package org.reelfarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.render.ReelfarmProcess;

/** {@code model export} and {@code model validate}, each in a fresh JVM. */
class ModelCommandIT {
    @TempDir
    Path dir;

    @Test
    void anExportedModelValidatesInAFreshJvm() {
        Path model = dir.resolve("reference");
        ReelfarmProcess.Result export = ReelfarmProcess.run("1g", "model", "export", model.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().startsWith("wrote reelfarm-reference 1.0.0 to " + model), export.out());

        ReelfarmProcess.Result validate = ReelfarmProcess.run("1g", "model", "validate", model.toString());
        assertEquals(0, validate.exitCode(), validate.err());
        assertEquals("ok: " + model + " is a valid Reelfarm model (reelfarm-reference 1.0.0)", validate.out().strip());
    }

    @Test
    void aBrokenModelIsRejectedWithWhatIsWrong() throws Exception {
        Path model = dir.resolve("reference");
        assertEquals(0, ReelfarmProcess.run("1g", "model", "export", model.toString()).exitCode());
        Files.delete(model.resolve("assets/vocab.txt"));
        ReelfarmProcess.Result validate = ReelfarmProcess.run("1g", "model", "validate", model.toString());
        assertEquals(2, validate.exitCode());
        assertTrue(validate.err().contains("error: " + model + " is not a valid Reelfarm model:"), validate.err());
        assertTrue(validate.err().contains("vocab.txt cannot be read"), validate.err());
        assertTrue(validate.err().lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace");
    }

    @Test
    void exportRefusesToOverwriteAModel() {
        Path model = dir.resolve("reference");
        assertEquals(0, ReelfarmProcess.run("1g", "model", "export", model.toString()).exitCode());
        ReelfarmProcess.Result again = ReelfarmProcess.run("1g", "model", "export", model.toString());
        assertEquals(2, again.exitCode(), again.err());
        assertEquals(1, again.errorLines().size(), again.err());
        assertTrue(again.errorLines().get(0).contains("already exists and is not empty"), again.err());
    }
}
