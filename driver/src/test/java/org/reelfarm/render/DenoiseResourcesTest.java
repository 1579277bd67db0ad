package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.TaskResourceProfile;
import org.junit.jupiter.api.Test;

class DenoiseResourcesTest {
    static SparkConf conf(String... keyValues) {
        SparkConf conf = new SparkConf(false);
        for (int i = 0; i < keyValues.length; i += 2) {
            conf.set(keyValues[i], keyValues[i + 1]);
        }
        return conf;
    }

    @Test
    void executorsWithoutGpusGiveNoProfile() {
        assertNull(DenoiseResources.profile(conf()));
        assertNull(DenoiseResources.profile(conf("spark.executor.resource.gpu.amount", "0")));
    }

    @Test
    void denoiseTasksAskForOneGpuAndTheTaskCoresOnTheDefaultExecutors() {
        ResourceProfile profile = DenoiseResources.profile(conf("spark.executor.resource.gpu.amount", "2",
                "spark.task.cpus", "2"));
        assertTrue(profile instanceof TaskResourceProfile, "a task profile, no executors of its own: " + profile);
        assertTrue(profile.executorResourcesJMap().isEmpty(), profile.toString());
        assertEquals(1.0, profile.taskResourcesJMap().get("gpu").amount());
        assertEquals(2.0, profile.taskResourcesJMap().get("cpus").amount());
    }

    @Test
    void refusesGpusWithDynamicAllocation() {
        UsageException e = assertThrows(UsageException.class, () -> DenoiseResources.profile(conf(
                "spark.executor.resource.gpu.amount", "1", "spark.dynamicAllocation.enabled", "true")));
        assertEquals("--gpus with spark.dynamicAllocation.enabled=true: the denoise stages ask for their GPU with a"
                + " task resource profile, which Spark 3.5 supports only without dynamic allocation; set --conf"
                + " spark.dynamicAllocation.enabled=false", e.getMessage());
    }
}
