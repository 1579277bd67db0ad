package org.reelfarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.reelfarm.render.ReelfarmProcess;
import org.reelfarm.render.TestModels;

/**
 * {@code model validate DIR --device gpu:N} on this machine, which has no GPU (and the CPU
 * natives): TensorFlow cannot place an op on a GPU, and the command says so on one line.
 */
class ModelDeviceIT {
    @Test
    void aGpuThatIsNotThereFailsOnOneErrorLineWithExitTwo() throws Exception {
        Path model = TestModels.reference();
        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "model", "validate", model.toString(), "--device", "gpu:0");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errorLines().size(), run.err());
        String error = run.errorLines().get(0);
        assertTrue(error.startsWith("error: TensorFlow cannot use GPU 0 ("), error);
        assertTrue(error.endsWith("): run on a machine with that GPU and the CUDA natives (build with -Pgpu), or use"
                + " --device cpu"), error);
        assertTrue(run.err().lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace:\n" + run.err());
        assertEquals("", run.out().strip(), "nothing said valid");
    }

    @Test
    void theCpuIsTheDefaultDeviceAndValidates() throws Exception {
        Path model = TestModels.reference();
        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "model", "validate", model.toString(), "--device", "cpu");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("ok: " + model + " is a valid Reelfarm model (reelfarm-reference 1.0.0)", run.out().strip());
    }

    @Test
    void aDeviceThatIsNeitherCpuNorGpuIsAUsageError() throws Exception {
        Path model = TestModels.reference();
        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "model", "validate", model.toString(), "--device", "cuda0");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errorLines().size(), run.err());
        assertEquals("error: --device takes cpu or gpu:N (e.g. gpu:0), got \"cuda0\"", run.errorLines().get(0));
    }
}
