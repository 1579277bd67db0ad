package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials given to a render by {@code --conf}, by the environment or as Hadoop settings never
 * appear in its output streams or in any file it writes, even with Spark logging its whole
 * configuration at INFO.
 */
class SecretsIT {
    private static final String S3A_SECRET = "FAKEs3aSECRETvalue0001";
    private static final String S3A_ACCESS = "AKIAFAKEACCESS0002";
    private static final String TOKEN = "FAKEsessionTOKEN0003";
    private static final String CREDENTIAL = "FAKEcredentialVALUE0004";
    private static final String ENV_SECRET = "FAKEenvSECRET0005";
    private static final List<String> SECRETS = List.of(S3A_SECRET, S3A_ACCESS, TOKEN, CREDENTIAL, ENV_SECRET);

    @TempDir
    Path dir;

    @Test
    void noCredentialReachesLogsOrOutputs() throws IOException {
        Path lesson = Files.writeString(dir.resolve("secret-lesson.md"), "## One\nA red circle moves left.\n");
        Path other = Files.writeString(dir.resolve("other.csv"), "shot_id,prompt,duration_s\na,A blue box.,2\n");
        Path infoLogging = Files.writeString(dir.resolve("log4j2-info.properties"), """
                rootLogger.level = info
                rootLogger.appenderRef.stderr.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.target = SYSTEM_ERR
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %p %c{1}: %m%n
                """);
        Path out = dir.resolve("out");

        ReelfarmProcess.Result run = ReelfarmProcess.run(
                Map.of("AWS_SECRET_ACCESS_KEY", ENV_SECRET, "AWS_ACCESS_KEY_ID", "AKIAFAKEENVID"),
                List.of("-Dlog4j2.configurationFile=" + infoLogging), "1g",
                "render", lesson.toString(), other.toString(), "--out", out.toString(),
                "--model", TestModels.reference().toString(), "--master", "local[2]", "--steps", "2",
                "--conf", "spark.logConf=true",
                "--conf", "spark.hadoop.fs.s3a.secret.key=" + S3A_SECRET,
                "--conf", "spark.hadoop.fs.s3a.access.key=" + S3A_ACCESS,
                "--conf", "spark.hadoop.fs.s3a.session.token=" + TOKEN,
                "--conf", "spark.hadoop.fs.example.auth.credential=" + CREDENTIAL);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("spark.hadoop.fs.s3a.secret.key=*********(redacted)"),
                "Spark logged its configuration, redacted");
        assertTrue(run.err().contains("spark.hadoop.fs.example.auth.credential=*********(redacted)"),
                "credential keys are redacted too");
        for (String secret : SECRETS) {
            assertFalse(run.out().contains(secret), "stdout has " + secret);
            assertFalse(run.err().contains(secret), "stderr has " + secret);
        }
        List<Path> written = files(out);
        assertTrue(written.contains(out.resolve("secret-lesson/manifest.json")), written.toString());
        assertTrue(written.contains(out.resolve("library.json")), written.toString());
        for (Path file : written) {
            String name = file.getFileName().toString();
            if (name.endsWith(".json") || name.endsWith(".otio") || name.endsWith(".html")) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (String secret : SECRETS) {
                    assertFalse(text.contains(secret), file + " has " + secret);
                }
            } else {
                byte[] bytes = Files.readAllBytes(file);
                for (String secret : SECRETS) {
                    assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains(secret), file + " has " + secret);
                }
            }
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return new ArrayList<>(all.filter(Files::isRegularFile).toList());
        }
    }
}
