package org.reelfarm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GpuAssignmentTest {
    @Test
    void turnsSparkAddressesIntoAVisibleDeviceList() {
        assertEquals("0,1", GpuAssignment.visibleDeviceList(new String[] {"1", " 0", "1"}));
    }

    @Test
    void outsideATaskRunsOnTheCpu() {
        assertEquals("", GpuAssignment.ofCurrentTask());
    }

    @Test
    void runtimeSettingsRejectNonNumericDevices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RuntimeSettings(1, 1, "gpu0"));
        assertEquals("visible devices must be GPU ids like \"0\" or \"0,1\", got \"gpu0\"", e.getMessage());
    }

    @Test
    void cpuSettingsHideGpus() {
        assertEquals(0, RuntimeSettings.cpu().toConfigProto().getDeviceCountOrThrow("GPU"));
        assertEquals("1", RuntimeSettings.cpu().onDevices("1").toConfigProto().getGpuOptions().getVisibleDeviceList());
    }

    @Test
    void aTaskWithoutSparkGpusKeepsTheLocalGpus() {
        RuntimeSettings local = new RuntimeSettings(1, 0, "1");
        assertEquals("1", local.onDevices("").visibleDevices());
        assertEquals("0", local.onDevices("0").visibleDevices());
    }
}
