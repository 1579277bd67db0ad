package org.reelfarm.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockWebServer;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.cli.ReelfarmCommand;
import org.reelfarm.render.GpuRequest;
import org.reelfarm.render.ReelfarmProcess;
import org.reelfarm.render.TestModels;

/**
 * Spark's own Kubernetes backend (spark-kubernetes) driven by {@code reelfarm render --master
 * k8s://... --gpus 1} in client mode, against a Kubernetes API server started here on 127.0.0.1:
 * fabric8's mock server in CRUD mode, which stores and serves what Spark creates, lists and
 * watches. No kubelet runs the pods, so the render waits for executors that never come; the test
 * reads back the executor pods Spark created, then stops the render.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesBackendIT {
    static final String IMAGE = "registry.example.com/reelfarm:gpu";
    static final String NAMESPACE = "reelfarm";
    /** As the gpu overlay's SparkApplication asks: spec.executor.memory and cores. */
    static final int EXECUTOR_MEMORY_MIB = 12 * 1024;
    static final int EXECUTOR_CORES = 1;
    /** Credentials given on the command line: their values must reach no pod spec. */
    static final String ACCESS_KEY = "AKIAREELFARMTESTKEY";
    static final String SECRET_KEY = "reelfarm-test-secret-value-0123456789";

    static KubernetesMockServer server;
    static KubernetesClient client;
    static CompletableFuture<Integer> render;
    static List<Pod> executors;
    static final ByteArrayOutputStream ERR = new ByteArrayOutputStream();

    @TempDir
    static Path dir;

    @BeforeAll
    static void renderUntilSparkHasCreatedItsExecutorPods() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        Path model = TestModels.reference();
        Path lesson = dir.resolve("colours.md");
        Files.writeString(lesson, "# Colours\n\nA red ball rolls across a white floor.\n\nA blue cube spins.\n");
        String template = ReelfarmProcess.projectRoot().resolve("k8s/pod-templates/executor-gpu.yaml").toString();
        String[] args = {"render", lesson.toString(), "--out", dir.resolve("films").toString(),
            "--model", model.toString(), "--master", "k8s://http://127.0.0.1:" + server.getPort(), "--gpus", "1",
            "--conf", "spark.kubernetes.container.image=" + IMAGE,
            "--conf", "spark.kubernetes.namespace=" + NAMESPACE,
            "--conf", "spark.kubernetes.executor.podTemplateFile=" + template,
            "--conf", "spark.executor.instances=2",
            "--conf", "spark.executor.memory=" + EXECUTOR_MEMORY_MIB + "m",
            "--conf", "spark.executor.cores=" + EXECUTOR_CORES,
            "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
            "--conf", "spark.hadoop.fs.s3a.access.key=" + ACCESS_KEY,
            "--conf", "spark.hadoop.fs.s3a.secret.key=" + SECRET_KEY};
        PrintStream err = new PrintStream(ERR, true, StandardCharsets.UTF_8);
        render = CompletableFuture.supplyAsync(
                () -> ReelfarmCommand.commandLine(new PrintStream(new ByteArrayOutputStream()), err).execute(args));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        executors = List.of();
        while (executors.size() < 2 && System.nanoTime() < deadline && !render.isDone()) {
            Thread.sleep(200);
            executors = client.pods().inNamespace(NAMESPACE).withLabel("spark-role", "executor").list().getItems();
            // A real API server gives a new pod status.phase Pending until a kubelet runs it; the
            // mock stores what it is sent, and Spark's pod watcher reads the phase.
            for (Pod pod : executors) {
                if (pod.getStatus() == null) {
                    pod.setStatus(new PodStatusBuilder().withPhase("Pending").build());
                    client.pods().inNamespace(NAMESPACE).resource(pod).replaceStatus();
                }
            }
        }
        assertEquals(2, executors.size(), "executor pods Spark created in 60 s (render done: " + render.isDone()
                + "):\n" + ERR.toString(StandardCharsets.UTF_8));
        System.out.println("executor pod as Spark created it:\n" + io.fabric8.kubernetes.client.utils.Serialization
                .asYaml(executors.get(0).getSpec()));
    }

    @AfterAll
    static void stopTheServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    static Container container(Pod pod) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals("spark-kubernetes-executor"))
                .findFirst().orElseThrow(() -> new AssertionError("no executor container in " + pod));
    }

    @Test
    void executorPodsRunTheReelfarmImageWithOneNvidiaGpuEach() {
        for (Pod pod : executors) {
            Container c = container(pod);
            assertEquals(IMAGE, c.getImage());
            assertEquals(new Quantity("1"), c.getResources().getLimits().get("nvidia.com/gpu"), pod.getMetadata().getName());
            // Spark's memory request: the executor heap plus its overhead (10%, at least 384 MiB).
            int memory = EXECUTOR_MEMORY_MIB + Math.max(384, (int) (0.1 * EXECUTOR_MEMORY_MIB));
            assertEquals(new Quantity(memory + "Mi"), c.getResources().getRequests().get("memory"));
            assertEquals(new Quantity(memory + "Mi"), c.getResources().getLimits().get("memory"));
            assertEquals(new Quantity(String.valueOf(EXECUTOR_CORES)), c.getResources().getRequests().get("cpu"));
            Map<String, String> env = c.getEnv().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
            assertEquals(String.valueOf(EXECUTOR_CORES), env.get("SPARK_EXECUTOR_CORES"));
            assertEquals(EXECUTOR_MEMORY_MIB + "m", env.get("SPARK_EXECUTOR_MEMORY"));
        }
    }

    @Test
    void executorPodsCarryTheTemplatesTolerationNodeSelectorAndSecurityContext() {
        for (Pod pod : executors) {
            assertEquals(Map.of("nvidia.com/gpu.present", "true"), pod.getSpec().getNodeSelector());
            List<Toleration> tolerations = pod.getSpec().getTolerations();
            assertEquals(1, tolerations.size(), tolerations.toString());
            assertEquals("nvidia.com/gpu", tolerations.get(0).getKey());
            assertEquals("Exists", tolerations.get(0).getOperator());
            assertEquals("NoSchedule", tolerations.get(0).getEffect());
            assertEquals(185L, pod.getSpec().getSecurityContext().getRunAsUser());
            assertEquals("executor", pod.getMetadata().getLabels().get("reelfarm/pod-template"));
        }
    }

    @Test
    void theExecutorsFindTheirGpuWithTheImagesDiscoveryScript() throws Exception {
        // Executors read their resource settings from the driver's SparkConf when they register,
        // not from the pod spec: the driver holds the script's path in the image (k8s/Dockerfile).
        var conf = SparkContext.getOrCreate().getConf(); // the render's running context
        assertEquals(GpuRequest.IMAGE_DISCOVERY_SCRIPT, conf.get("spark.executor.resource.gpu.discoveryScript"));
        assertEquals("1", conf.get("spark.executor.resource.gpu.amount"));
        assertFalse(conf.contains("spark.task.resource.gpu.amount"), "only denoise tasks ask for a GPU");
        assertTrue(Files.readString(K8sManifestsTest.K8S.resolve("Dockerfile")).contains("conf/gpu-discovery.sh /out/conf/"),
                "the image carries the discovery script");
    }

    @Test
    void noCredentialIsInAnyPodSpecOrConfigMapOnlySecretReferences() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<ConfigMap> maps = client.configMaps().inNamespace(NAMESPACE).list().getItems();
        for (Object stored : List.of(executors, maps)) {
            String text = json.writeValueAsString(stored);
            assertFalse(text.contains(ACCESS_KEY), "access key in " + text);
            assertFalse(text.contains(SECRET_KEY), "secret key in " + text);
        }
        for (Pod pod : executors) {
            Container c = container(pod);
            assertEquals("reelfarm-s3", c.getEnvFrom().get(0).getSecretRef().getName());
            c.getEnv().forEach(e -> assertFalse(e.getName().startsWith("AWS_") && e.getValue() != null,
                    "a credential value in the pod spec: " + e));
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the other tests read the running render's pods and session
    void stoppingTheRenderEndsItAndSparkDeletesItsExecutorPods() throws Exception {
        List<String> names = executors.stream().map(p -> p.getMetadata().getName()).toList();
        assertFalse(render.isDone(), "the render waits for executors no kubelet starts");
        SparkContext.getOrCreate().stop(); // the render's context, as a shutdown hook would stop it
        int exit = render.get(60, TimeUnit.SECONDS);
        assertNotEquals(0, exit, "a render stopped before its film is done does not report success");
        System.out.println("render stopped: exit " + exit + "; " + ERR.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("error:")).findFirst().orElse("(no error line)"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Pod> left = client.pods().inNamespace(NAMESPACE).withLabel("spark-role", "executor").list().getItems();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = client.pods().inNamespace(NAMESPACE).withLabel("spark-role", "executor").list().getItems();
        }
        assertEquals(List.of(), left.stream().map(p -> p.getMetadata().getName()).toList(), "were " + names);
    }
}
