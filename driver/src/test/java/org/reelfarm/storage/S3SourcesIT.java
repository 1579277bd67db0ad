package org.reelfarm.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.render.ReelfarmProcess;
import org.reelfarm.render.TestModels;

/**
 * What else comes from S3 (S3Mock on 127.0.0.1), by the real command line on local[2]: the model
 * ({@code --model s3a://...}), the {@code --vars} template and CSV, {@code plan}'s inputs; and the
 * three ways the S3 credentials and endpoint arrive ({@code --conf spark.hadoop.fs.s3a.*}, the AWS
 * environment variables, a core-site.xml in {@code HADOOP_CONF_DIR}), each the only source of the
 * keys in its run. The keys reach no output stream and no written file in any of them.
 */
class S3SourcesIT {
    @RegisterExtension
    static final S3Server S3 = S3Server.withBuckets("lessons", "models");

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SECRETS = List.of(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
    static final String LESSON = "# Circles\n\n## One\nA red circle moves right on a black background.\n\n"
            + "## Two\nA blue circle moves up on a white background.\n";

    @TempDir
    static Path dir;
    /** A render of the lesson with everything local: the frames every other render must match. */
    static JsonNode reference;

    @BeforeAll
    static void uploadTheLessonAndTheModelAndRenderLocally() throws IOException {
        Path lesson = Files.writeString(dir.resolve("circles.md"), LESSON);
        Path template = Files.writeString(dir.resolve("shape.md"), "# Shapes\n\n## One\nA {{colour}} circle moves"
                + " right on a black background.\n");
        Path vars = Files.writeString(dir.resolve("vars.csv"), "film,colour\nred-one,red\nblue-one,blue\n");
        try (FileSystem lessons = S3.bucket("lessons"); FileSystem models = S3.bucket("models")) {
            lessons.copyFromLocalFile(new org.apache.hadoop.fs.Path(lesson.toUri()),
                    new org.apache.hadoop.fs.Path("s3a://lessons/circles.md"));
            lessons.copyFromLocalFile(new org.apache.hadoop.fs.Path(template.toUri()),
                    new org.apache.hadoop.fs.Path("s3a://lessons/templates/shape.md"));
            lessons.copyFromLocalFile(new org.apache.hadoop.fs.Path(vars.toUri()),
                    new org.apache.hadoop.fs.Path("s3a://lessons/templates/vars.csv"));
            models.copyFromLocalFile(new org.apache.hadoop.fs.Path(TestModels.reference().toUri()),
                    new org.apache.hadoop.fs.Path("s3a://models/reference"));
        }
        ReelfarmProcess.Result local = run(Map.of(), render(lesson.toString(), "local"));
        assertEquals(0, local.exitCode(), local.err());
        reference = manifest("local", "circles");
    }

    @Test
    void aModelOnS3RendersTheFramesOfTheLocalModel() throws IOException {
        List<String> args = render(dir.resolve("circles.md").toString(), "s3-model");
        args.set(args.indexOf("--model") + 1, "s3a://models/reference");
        args.add("--conf");
        args.add("spark.hadoop.reelfarm.model.cache.dir=" + dir.resolve("model-cache"));
        args.addAll(S3.sparkConfArgs());

        ReelfarmProcess.Result run = run(Map.of(), args);

        assertEquals(0, run.exitCode(), run.err());
        assertSameFrames(reference, manifest("s3-model", "circles"));
        try (Stream<Path> cached = Files.list(dir.resolve("model-cache"))) {
            assertEquals(List.of(reference.get("model").get("sha256").asText()),
                    cached.map(p -> p.getFileName().toString()).toList(), "one complete copy, named by its hash");
        }
        assertNoSecretIn(run, "s3-model");
    }

    @Test
    void keysFromTheConfOptionAloneReadATemplateAndItsVariablesFromS3() throws IOException {
        List<String> args = render("s3a://lessons/templates/shape.md", "vars");
        args.addAll(List.of("--vars", "s3a://lessons/templates/vars.csv"));
        args.addAll(S3.sparkConfArgs());

        ReelfarmProcess.Result run = run(Map.of(), args);

        assertEquals(0, run.exitCode(), run.err());
        for (String film : List.of("red-one", "blue-one")) {
            JsonNode manifest = manifest("vars", film);
            assertEquals(1, manifest.get("shots").size(), film);
            assertTrue(manifest.get("shots").get(0).get("frames").asLong() > 0, film);
        }
        assertNoSecretIn(run, "vars");
    }

    @Test
    void keysFromTheAwsEnvironmentVariablesAloneReadAnInputFromS3() throws IOException {
        List<String> args = render("s3a://lessons/circles.md", "env");
        // The endpoint has no AWS variable hadoop-aws 3.3.4 reads: it comes from --conf, the keys do not.
        S3.hadoopSettings().forEach((key, value) -> {
            if (!key.endsWith(".access.key") && !key.endsWith(".secret.key") && !key.endsWith("credentials.provider")) {
                args.add("--conf");
                args.add("spark.hadoop." + key + "=" + value);
            }
        });
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY, "AWS_REGION", "us-east-1");

        ReelfarmProcess.Result run = run(env, args);

        assertEquals(0, run.exitCode(), run.err());
        assertSameFrames(reference, manifest("env", "circles"));
        assertNoSecretIn(run, "env");
    }

    @Test
    void keysFromACoreSiteXmlAloneReadAnInputAndAModelFromS3() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("hadoop-conf"));
        Files.writeString(conf.resolve("core-site.xml"), coreSite(S3.hadoopSettings()));
        List<String> args = render("s3a://lessons/circles.md", "core-site");
        args.set(args.indexOf("--model") + 1, "s3a://models/reference");

        ReelfarmProcess.Result run = run(Map.of("HADOOP_CONF_DIR", conf.toString()), args);

        assertEquals(0, run.exitCode(), run.err());
        assertSameFrames(reference, manifest("core-site", "circles"));
        assertNoSecretIn(run, "core-site");
    }

    @Test
    void planReadsALessonOnS3WithTheKeysOfACoreSiteXml() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("plan-conf"));
        Files.writeString(conf.resolve("core-site.xml"), coreSite(S3.hadoopSettings()));

        ReelfarmProcess.Result run = run(Map.of("HADOOP_CONF_DIR", conf.toString()), new ArrayList<>(List.of(
                "plan", "s3a://lessons/circles.md", "--json", "--model", TestModels.reference().toString(),
                "--master", "local[2]")));

        assertEquals(0, run.exitCode(), run.err());
        JsonNode plan = JSON.readTree(run.out());
        assertEquals("circles", plan.get(0).get("film").asText(), run.out());
        assertEquals("s3a://lessons/circles.md", plan.get(0).get("source").asText(), run.out());
        assertEquals(2, plan.get(0).get("shots").size(), run.out());
        for (String secret : SECRETS) {
            assertFalse(run.out().contains(secret) || run.err().contains(secret), "plan printed " + secret);
        }
    }

    /** {@code render INPUT --out DIR/OUT} with the test model, fast settings, and no S3 settings. */
    static List<String> render(String input, String out) {
        return new ArrayList<>(List.of("render", input, "--out", dir.resolve(out).toString(), "--model",
                TestModels.reference().toString(), "--master", "local[2]", "--steps", "4", "--profile", "draft"));
    }

    static ReelfarmProcess.Result run(Map<String, String> env, List<String> args) {
        return ReelfarmProcess.run(env, List.of(), "2g", args.toArray(String[]::new));
    }

    static JsonNode manifest(String out, String film) throws IOException {
        return JSON.readTree(dir.resolve(out).resolve(film).resolve("manifest.json").toFile());
    }

    static void assertSameFrames(JsonNode expected, JsonNode actual) {
        assertEquals(expected.get("model").get("sha256").asText(), actual.get("model").get("sha256").asText());
        assertEquals(expected.get("shots").size(), actual.get("shots").size());
        for (int s = 0; s < expected.get("shots").size(); s++) {
            assertEquals(expected.get("shots").get(s).get("frames_sha256").asText(),
                    actual.get("shots").get(s).get("frames_sha256").asText(), "shot " + s);
        }
    }

    /** The keys are in no output stream, and in no file the run wrote (film, manifest, report, timeline). */
    static void assertNoSecretIn(ReelfarmProcess.Result run, String out) throws IOException {
        for (String secret : SECRETS) {
            assertFalse(run.out().contains(secret), "stdout has " + secret);
            assertFalse(run.err().contains(secret), "stderr has " + secret);
        }
        List<Path> written;
        try (Stream<Path> all = Files.walk(dir.resolve(out))) {
            written = all.filter(Files::isRegularFile).toList();
        }
        assertTrue(written.stream().anyMatch(p -> p.getFileName().toString().equals("manifest.json")), written.toString());
        for (Path file : written) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : SECRETS) {
                assertFalse(bytes.contains(secret), file + " has " + secret);
            }
        }
    }

    static String coreSite(Map<String, String> settings) {
        Map<String, String> ordered = new LinkedHashMap<>(settings);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        ordered.forEach((key, value) -> xml.append("  <property><name>").append(key).append("</name><value>")
                .append(value).append("</value></property>\n"));
        return xml.append("</configuration>\n").toString();
    }
}
