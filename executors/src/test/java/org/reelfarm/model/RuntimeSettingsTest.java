package org.reelfarm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

/**
 * The ConfigProto a model is loaded with, from the GPU addresses Spark gives a task (fake ones
 * here: no GPU is needed to check what TensorFlow will be told).
 */
class RuntimeSettingsTest {
    @ParameterizedTest(name = "Spark addresses [{0}] -> visible_device_list \"{1}\"")
    @CsvSource(delimiter = ';', value = {"0;0", "3;3", "1, 0;0,1", "7,7;7"})
    void theTasksGpuAddressesBecomeTheVisibleDeviceList(String sparkAddresses, String expected) {
        String devices = GpuAssignment.visibleDeviceList(sparkAddresses.split(","));
        ConfigProto config = RuntimeSettings.cpu().onDevices(devices).toConfigProto();
        assertEquals(expected, config.getGpuOptions().getVisibleDeviceList());
    }

    @Test
    void aGpuModelGrowsItsMemoryInsteadOfTakingTheWholeGpu() {
        ConfigProto config = RuntimeSettings.cpu().onDevices("2").toConfigProto();
        assertTrue(config.getGpuOptions().getAllowGrowth(), config.toString());
        // No fixed fraction either: growth alone decides what the process holds.
        assertEquals(0.0, config.getGpuOptions().getPerProcessGpuMemoryFraction());
    }

    @Test
    void aGpuModelKeepsTheGpusVisibleAndItsThreadSettings() {
        ConfigProto config = new RuntimeSettings(1, 0, "1").toConfigProto();
        assertFalse(config.containsDeviceCount("GPU"), "GPU count not forced to 0: " + config);
        assertEquals(1, config.getIntraOpParallelismThreads());
        assertEquals(0, config.getInterOpParallelismThreads());
        assertTrue(config.getUsePerSessionThreads());
    }

    @Test
    void aCpuModelSeesNoGpuAndGrowsNothing() {
        ConfigProto config = RuntimeSettings.cpu().toConfigProto();
        assertEquals(0, config.getDeviceCountOrThrow("GPU"));
        assertEquals("", config.getGpuOptions().getVisibleDeviceList());
        assertFalse(config.getGpuOptions().getAllowGrowth());
    }

    @Test
    void oneExecutorPerGpuSeesOnlyItsOwnGpu() {
        // Eight executors on an 8-GPU node, each given one address by Spark.
        for (int gpu = 0; gpu < 8; gpu++) {
            ConfigProto config = RuntimeSettings.cpu().onDevices(GpuAssignment.visibleDeviceList(
                    new String[] {String.valueOf(gpu)})).toConfigProto();
            assertEquals(String.valueOf(gpu), config.getGpuOptions().getVisibleDeviceList());
        }
    }

    @Test
    void requiringNoGpuChecksNothing() {
        Model.requireDevices(RuntimeSettings.cpu());
    }
}
