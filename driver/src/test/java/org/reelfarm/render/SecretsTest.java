package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.sampler.SamplerKind;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"spark.hadoop.fs.s3a.secret.key", "spark.hadoop.fs.s3a.access.key",
        "spark.hadoop.fs.s3a.session.token", "spark.ssl.keyPassword", "spark.hadoop.fs.azure.account.oauth2.client.secret",
        "spark.hadoop.google.cloud.auth.credential", "spark.executorEnv.AWS_SECRET_ACCESS_KEY", "my.api_key",
        "spark.hadoop.fs.s3a.accessKey"})
    void credentialKeysAreSecret(String key) {
        assertTrue(Secrets.isSecret(key), key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spark.executor.memory", "spark.hadoop.fs.s3a.endpoint", "spark.hadoop.fs.s3a.path.style.access",
        "spark.task.maxFailures"})
    void ordinaryKeysAreNotSecret(String key) {
        assertFalse(Secrets.isSecret(key), key);
    }

    @Test
    void redactHidesOnlySecretValues() {
        assertEquals(Map.of("spark.hadoop.fs.s3a.secret.key", "*********(redacted)", "spark.executor.memory", "2g"),
                Secrets.redact(Map.of("spark.hadoop.fs.s3a.secret.key", "abc123", "spark.executor.memory", "2g")));
    }

    @Test
    void renderOptionsPrintWithoutSecrets() {
        String text = options().toString();

        assertFalse(text.contains("abc123"), text);
        assertTrue(text.contains("spark.hadoop.fs.s3a.secret.key=*********(redacted)"), text);
        assertTrue(text.contains("spark.executor.memory=2g"), text);
    }

    @Test
    void resolvedRenderSettingsPrintWithoutSecrets() {
        String text = RenderSettings.resolve(options(), ReferenceModel.spec(), "model").toString();

        assertFalse(text.contains("abc123"), text);
        assertTrue(text.contains("spark.hadoop.fs.s3a.secret.key=*********(redacted)"), text);
        assertTrue(text.contains("spark.executor.memory=2g"), text);
    }

    private static RenderOptions options() {
        return new RenderOptions(List.of("a.md"), "out", Profile.PREVIEW, 0, Strategy.INDEPENDENT, 1, 1,
                null, null, BlendProfile.parse("cosine"), null, SamplerKind.parse("ddim"), 4, 5, "local[2]",
                "model", false, false, false, false, 3, 0, new RuntimeSettings(1, 0, ""),
                Map.of("spark.hadoop.fs.s3a.secret.key", "abc123", "spark.executor.memory", "2g"));
    }
}
