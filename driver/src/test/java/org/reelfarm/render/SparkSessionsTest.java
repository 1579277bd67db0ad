package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
    @Test
    void standaloneExecutorsGetTheDriversClasspathFlagsAndTensorFlowLogLevel() throws Exception {
        Map<String, String> settings = SparkSessions.standaloneExecutorSettings("/a/classes:/b.jar", "2");
        assertEquals("/a/classes:/b.jar", settings.get("spark.executor.extraClassPath"));
        assertEquals("2", settings.get("spark.executorEnv.TF_CPP_MIN_LOG_LEVEL"));
        List<String> fromConf = Arrays.stream(Files.readString(ReelfarmProcess.projectRoot().resolve("conf/jvm-opens.args"))
                .split("\\s+")).filter(f -> !f.isEmpty()).toList();
        assertTrue(fromConf.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
        assertEquals(fromConf, List.of(settings.get("spark.executor.extraJavaOptions").split(" ")));
    }

    @Test
    void maxRetriesAreTheTaskAttemptsAfterTheFirst() {
        assertEquals("1", SparkSessions.conf("local[2]", 0, Map.of()).get("spark.task.maxFailures"));
        assertEquals("4", SparkSessions.conf("spark://127.0.0.1:7077", 3, Map.of()).get("spark.task.maxFailures"));
    }

    @Test
    void aStandaloneSessionSetsExecutorSettingsThatConfOptionsOverride() {
        SparkConf conf = SparkSessions.conf("spark://127.0.0.1:7077", 3,
                Map.of("spark.executorEnv.TF_CPP_MIN_LOG_LEVEL", "0"));
        assertEquals(System.getProperty("java.class.path"), conf.get("spark.executor.extraClassPath"));
        assertTrue(conf.get("spark.executor.extraJavaOptions").contains("--add-opens=java.base/java.nio=ALL-UNNAMED"));
        assertEquals("0", conf.get("spark.executorEnv.TF_CPP_MIN_LOG_LEVEL"));
        assertEquals("0", conf.get("spark.executorEnv.TF_ENABLE_ONEDNN_OPTS"), "oneDNN's CPU-dependent kernels off");
        assertEquals("127.0.0.1", conf.get("spark.driver.host"));
        assertFalse(SparkSessions.conf("local[2]", 3, Map.of()).contains("spark.executor.extraClassPath"));
        assertFalse(SparkSessions.conf("spark://render-master:7077", 3, Map.of()).contains("spark.driver.host"));
    }

    @Test
    void aStandaloneMasterOnLoopbackKeepsTheDriverOnLoopback() {
        assertTrue(SparkSessions.onLoopback("spark://127.0.0.1:7077"));
        assertTrue(SparkSessions.onLoopback("spark://localhost:7077,127.0.0.1:7078"));
        assertFalse(SparkSessions.onLoopback("spark://render-master:7077"));
        assertFalse(SparkSessions.onLoopback("spark://127.0.0.1:7077,render-master:7077"));
        assertFalse(SparkSessions.onLoopback("k8s://https://127.0.0.1:6443"));
    }

    @Test
    void gpusAreDeviceIdsOnALocalMaster() {
        GpuRequest request = GpuRequest.parse("local[2]", "0,1");
        assertEquals(new GpuRequest("0,1", 0), request);
        assertEquals(Map.of(), request.sparkConf());
    }

    @Test
    void gpusAreACountPerExecutorOnAClusterAndNoTaskAsksForOneByDefault() {
        GpuRequest request = GpuRequest.parse("spark://127.0.0.1:7077", "2");
        assertEquals(new GpuRequest("", 2), request);
        // Only the denoise stages ask for a GPU (DenoiseResources): not every task.
        assertEquals(Map.of("spark.executor.resource.gpu.amount", "2"), request.sparkConf());
        assertEquals(Map.of(), GpuRequest.parse("k8s://https://api:6443", "").sparkConf());
    }

    @Test
    void onKubernetesGpusAreNvidiaDevicesFoundByTheImagesDiscoveryScript() {
        assertEquals(Map.of("spark.executor.resource.gpu.amount", "1", "spark.executor.resource.gpu.vendor", "nvidia.com",
                "spark.executor.resource.gpu.discoveryScript", "/opt/reelfarm/conf/gpu-discovery.sh"),
                GpuRequest.parse("k8s://https://api:6443", "1").sparkConf("k8s://https://api:6443"));
        assertEquals(Map.of("spark.executor.resource.gpu.amount", "1"),
                GpuRequest.parse("spark://127.0.0.1:7077", "1").sparkConf("spark://127.0.0.1:7077"));
        assertEquals(Map.of(), GpuRequest.parse("k8s://https://api:6443", "").sparkConf("k8s://https://api:6443"));
    }

    @Test
    void rejectsGpuIdsOnAClusterMaster() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GpuRequest.parse("spark://127.0.0.1:7077", "0,1"));
        assertEquals("--gpus on a cluster master (spark://127.0.0.1:7077) is the number of GPUs per executor,"
                + " e.g. --gpus 1; got \"0,1\" (GPU ids are for local masters)", e.getMessage());
    }

    @Test
    void localMastersGetTheRetriesThatSparkOtherwiseIgnoresThere() {
        assertEquals("local[2,4]", SparkSessions.withLocalRetries("local[2]", 3));
        assertEquals("local[*,1]", SparkSessions.withLocalRetries("local[*]", 0));
        assertEquals("local[1,3]", SparkSessions.withLocalRetries("local", 2));
        assertEquals("local[2,7]", SparkSessions.withLocalRetries("local[2,7]", 3), "an explicit count is kept");
        assertEquals("spark://127.0.0.1:7077", SparkSessions.withLocalRetries("spark://127.0.0.1:7077", 3));
        assertEquals("local[2,4]", SparkSessions.conf("local[2]", 3, Map.of()).get("spark.master"));
    }
}
