package org.reelfarm.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.reelfarm.render.GpuRequest;
import org.reelfarm.render.ReelfarmProcess;
import org.yaml.snakeyaml.Yaml;

/**
 * The k8s/ manifests parse and hang together. No Kubernetes runs here: this checks the YAML, the
 * kustomize references and the Reelfarm-specific settings, not that a cluster accepts them.
 */
class K8sManifestsTest {
    static final Path K8S = ReelfarmProcess.projectRoot().resolve("k8s");

    static List<Object> documents(Path file) throws IOException {
        List<Object> docs = new ArrayList<>();
        new Yaml().loadAll(Files.readString(file)).forEach(docs::add);
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String key) {
        return (Map<String, Object>) ((Map<String, Object>) node).get(key);
    }

    @Test
    void everyYamlFileParses() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertTrue(yaml.size() >= 8, "manifests: " + yaml);
            for (Path file : yaml) {
                assertFalse(documents(file).isEmpty(), file + " has a document");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void kustomizationsReferenceFilesThatExist() throws IOException {
        for (String dir : List.of("base", "overlays/cpu-dev", "overlays/gpu")) {
            Path kustomization = K8S.resolve(dir).resolve("kustomization.yaml");
            Map<String, Object> k = (Map<String, Object>) documents(kustomization).get(0);
            assertEquals("Kustomization", k.get("kind"), kustomization.toString());
            List<String> refs = new ArrayList<>();
            for (String key : List.of("resources", "bases", "patchesStrategicMerge")) {
                if (k.get(key) instanceof List<?> listed) {
                    listed.forEach(r -> refs.add(r.toString()));
                }
            }
            if (k.get("patchesJson6902") instanceof List<?> patches) {
                patches.forEach(p -> refs.add(((Map<?, ?>) p).get("path").toString()));
            }
            assertFalse(refs.isEmpty(), kustomization + " references something");
            for (String ref : refs) {
                assertTrue(Files.exists(K8S.resolve(dir).resolve(ref)), kustomization + " references " + ref);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSparkApplicationRendersWithReelfarmOnGpuExecutors() throws IOException {
        Map<String, Object> app = (Map<String, Object>) documents(K8S.resolve("base/sparkapplication.yaml")).get(0);
        assertEquals("sparkoperator.k8s.io/v1beta2", app.get("apiVersion"));
        assertEquals("SparkApplication", app.get("kind"));
        Map<String, Object> spec = map(app, "spec");
        assertEquals("org.reelfarm.cli.Main", spec.get("mainClass"));
        assertEquals(sparkVersionOfThePom(), spec.get("sparkVersion"));

        List<String> args = ((List<?>) spec.get("arguments")).stream().map(Object::toString).toList();
        assertEquals("render", args.get(0));
        String master = args.get(args.indexOf("--master") + 1);
        assertTrue(master.startsWith("k8s://"), master);
        GpuRequest gpus = GpuRequest.parse(master, args.get(args.indexOf("--gpus") + 1));
        assertEquals(1, gpus.perExecutor());

        Map<String, Object> gpu = map(map(spec, "executor"), "gpu");
        assertEquals("nvidia.com/gpu", gpu.get("name"));
        assertEquals(gpus.perExecutor(), gpu.get("quantity"));
        Map<String, Object> conf = map(spec, "sparkConf");
        assertEquals("nvidia.com", conf.get("spark.executor.resource.gpu.vendor"));
        assertEquals("/opt/reelfarm/conf/gpu-discovery.sh", conf.get("spark.executor.resource.gpu.discoveryScript"));
        assertTrue(Files.readString(K8S.resolve("Dockerfile")).contains("conf/gpu-discovery.sh /out/conf/"),
                "the image carries the discovery script");
        assertTrue(map(map(spec, "executor"), "template").containsKey("spec"), "executor pod template");
        assertTrue(map(map(spec, "driver"), "template").containsKey("spec"), "driver pod template");
    }

    @Test
    void theCpuOverlayRemovesEveryGpuSetting() throws IOException {
        List<?> ops = (List<?>) documents(K8S.resolve("overlays/cpu-dev/no-gpu.yaml")).get(0);
        List<String> removed = ops.stream().map(o -> (Map<?, ?>) o).filter(o -> o.get("op").equals("remove"))
                .map(o -> o.get("path").toString()).toList();
        assertTrue(removed.containsAll(List.of("/spec/executor/gpu", "/spec/sparkConf/spark.executor.resource.gpu.vendor",
                "/spec/sparkConf/spark.executor.resource.gpu.discoveryScript")), removed.toString());
        String replacedArgs = ops.stream().map(o -> (Map<?, ?>) o)
                .filter(o -> o.get("path").equals("/spec/arguments")).findFirst().orElseThrow().get("value").toString();
        assertFalse(replacedArgs.contains("--gpus"), replacedArgs);
    }

    static String sparkVersionOfThePom() throws IOException {
        Matcher m = Pattern.compile("<spark.version>([^<]+)</spark.version>")
                .matcher(Files.readString(ReelfarmProcess.projectRoot().resolve("pom.xml")));
        assertTrue(m.find());
        return m.group(1);
    }
}
