package org.reelfarm.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reelfarm.cli.Main;
import org.reelfarm.cli.ReelfarmCommand;
import org.reelfarm.render.GpuRequest;
import org.reelfarm.render.Secrets;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Each overlay as the Spark operator would receive it ({@code kubectl kustomize k8s/overlays/X}),
 * every document read with fabric8's model classes, and the SparkApplication checked against the
 * code: its main class, its arguments parsed by the real {@code reelfarm} command line, and its
 * sparkConf against what {@code --gpus} sets. Needs {@code kubectl} (.ci/run installs it).
 */
class K8sOperatorManifestsTest {
    static final Path K8S = K8sManifestsTest.K8S;

    static String kustomize(String overlay) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize-", ".yaml");
        Path err = Files.createTempFile("kustomize-", ".err");
        Process p = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + overlay + " finished");
        assertEquals(0, p.exitValue(), "kubectl kustomize " + overlay + ": " + Files.readString(err));
        return Files.readString(out);
    }

    static List<HasMetadata> documents(String yaml) {
        List<HasMetadata> docs = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (!doc.isBlank()) {
                docs.add(Serialization.unmarshal(doc));
            }
        }
        return docs;
    }

    static <T> T only(List<HasMetadata> docs, Class<T> type) {
        List<T> of = docs.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, of.size(), type.getSimpleName() + " documents: " + docs);
        return of.get(0);
    }

    static GenericKubernetesResource sparkApplication(List<HasMetadata> docs) {
        GenericKubernetesResource app = docs.stream().filter(d -> d.getKind().equals("SparkApplication"))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
        assertEquals("sparkoperator.k8s.io/v1beta2", app.getApiVersion());
        return app;
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object here = node;
        for (String key : path) {
            here = here == null ? null : ((Map<String, Object>) here).get(key);
        }
        return (T) here;
    }

    static List<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-dev", "gpu"})
    void everyDocumentIsAKubernetesObjectOfTheReelfarmNamespace(String overlay) throws Exception {
        assertEquals(List.of("cpu-dev", "gpu"), overlays(), "a new overlay needs a row in these tests");
        List<HasMetadata> docs = documents(kustomize(overlay));
        assertEquals(5, docs.size(), docs.toString());
        assertEquals("reelfarm", only(docs, Namespace.class).getMetadata().getName());
        only(docs, ServiceAccount.class);
        for (HasMetadata doc : docs) {
            assertEquals("reelfarm", doc.getMetadata().getLabels().get("app.kubernetes.io/name"), doc.toString());
            if (!(doc instanceof Namespace)) {
                assertEquals("reelfarm", doc.getMetadata().getNamespace(), doc.getKind());
            }
        }
        // The driver creates, watches and deletes its executor pods: the Role its account is bound to allows it.
        PolicyRule pods = only(docs, Role.class).getRules().stream().filter(r -> r.getResources().contains("pods"))
                .findFirst().orElseThrow();
        assertTrue(pods.getVerbs().containsAll(List.of("create", "get", "list", "watch", "delete")), pods.toString());
        RoleBinding binding = only(docs, RoleBinding.class);
        assertEquals("reelfarm-driver", binding.getSubjects().get(0).getName());
        GenericKubernetesResource app = sparkApplication(docs);
        assertEquals("reelfarm-driver", at(app.getAdditionalProperties(), "spec", "driver", "serviceAccount"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-dev", "gpu"})
    void theSparkApplicationRunsARenderTheCommandLineAccepts(String overlay) throws Exception {
        GenericKubernetesResource app = sparkApplication(documents(kustomize(overlay)));
        Map<String, Object> spec = at(app.getAdditionalProperties(), "spec");
        assertEquals(Main.class.getName(), spec.get("mainClass"));
        String[] args = ((List<?>) spec.get("arguments")).stream().map(Object::toString).toArray(String[]::new);
        CommandLine cli = ReelfarmCommand.commandLine(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        ParseResult render = cli.parseArgs(args).subcommand(); // throws on an option the CLI lacks
        assertEquals("render", render.commandSpec().name(), Arrays.toString(args));
        List<String> inputs = render.matchedPositional(0).getValue();
        inputs.forEach(in -> assertTrue(in.startsWith("s3a://"), "input " + in));
        assertTrue(render.<String>matchedOptionValue("--out", "").startsWith("s3a://"), "films go to S3");
        assertTrue(render.<String>matchedOptionValue("--model", "").startsWith("/opt/reelfarm/models/"),
                "the model baked into the image (k8s/Dockerfile)");
        String master = render.matchedOptionValue("--master", "");
        assertEquals("k8s://https://kubernetes.default.svc:443", master);

        Map<String, Object> conf = at(spec, "sparkConf");
        GpuRequest gpus = GpuRequest.parse(master, render.matchedOptionValue("--gpus", ""));
        Map<String, Object> gpu = at(spec, "executor", "gpu");
        if (overlay.equals("cpu-dev")) {
            assertEquals(0, gpus.perExecutor());
            assertNull(gpu, "no GPU limit without --gpus");
            assertFalse(conf.keySet().stream().anyMatch(k -> k.contains(".resource.gpu.")), conf.toString());
        } else {
            assertEquals(1, gpus.perExecutor());
            assertEquals("nvidia.com/gpu", gpu.get("name"));
            assertEquals(gpus.perExecutor(), ((Number) gpu.get("quantity")).intValue());
            // What the driver sets for --gpus on Kubernetes, said again for the operator: the same values.
            gpus.sparkConf(master).forEach((k, v) -> {
                if (conf.containsKey(k)) {
                    assertEquals(v, conf.get(k), k);
                }
            });
            assertEquals(GpuRequest.KUBERNETES_GPU_VENDOR, conf.get("spark.executor.resource.gpu.vendor"));
            assertEquals(GpuRequest.IMAGE_DISCOVERY_SCRIPT, conf.get("spark.executor.resource.gpu.discoveryScript"));
        }
        assertFalse(conf.containsKey("spark.task.resource.gpu.amount"), "only denoise stages ask for a GPU");
        // S3 credentials: from the Secret, through the environment; none in sparkConf.
        assertEquals("com.amazonaws.auth.EnvironmentVariableCredentialsProvider",
                conf.get("spark.hadoop.fs.s3a.aws.credentials.provider"));
        // The one key that reads as secret names where credentials come from, not a credential.
        assertEquals(List.of("spark.hadoop.fs.s3a.aws.credentials.provider"),
                conf.keySet().stream().filter(Secrets::isSecret).toList(), "credentials in sparkConf");
        for (String role : List.of("driver", "executor")) {
            List<Map<String, Object>> envFrom = at(spec, role, "envFrom");
            assertEquals("reelfarm-s3", at(envFrom.get(0), "secretRef", "name"), role);
            assertNull(at(spec, role, "env"), role + " has no literal environment");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu"})
    void theOperatorsExecutorTemplateSchedulesLikeTheClientModePodTemplate(String overlay) throws Exception {
        GenericKubernetesResource app = sparkApplication(documents(kustomize(overlay)));
        PodSpec operator = Serialization.unmarshal(Serialization.asJson(
                at(app.getAdditionalProperties(), "spec", "executor", "template", "spec")), PodSpec.class);
        Pod template = Serialization.unmarshal(Files.readString(K8S.resolve("pod-templates/executor-gpu.yaml"),
                StandardCharsets.UTF_8), Pod.class);
        assertEquals(template.getSpec().getTolerations(), operator.getTolerations());
        assertEquals(template.getSpec().getNodeSelector(), operator.getNodeSelector());
        assertEquals(template.getSpec().getSecurityContext(), operator.getSecurityContext());
    }
}
