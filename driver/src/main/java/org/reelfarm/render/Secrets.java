package org.reelfarm.render;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which settings hold credentials, and their values hidden. The same pattern is given to Spark as
 * {@code spark.redaction.regex}, so Spark's own logging of its configuration hides them too.
 *
 * <pre>{@code
 * Secrets.redact(Map.of("spark.hadoop.fs.s3a.secret.key", "abc"))
 * // {spark.hadoop.fs.s3a.secret.key=*********(redacted)}
 * }</pre>
 */
public final class Secrets {
    /**
     * Keys that name a credential: Spark's default ({@code secret|password|token|access[.]key})
     * plus credential, any access/secret/session/private key spelling, and API keys.
     */
    public static final String KEY_REGEX =
            "(?i)secret|password|passwd|token|credential|(access|session|private|api)[._-]?key";

    /** What a hidden value reads as: the same text as Spark's redaction. */
    public static final String REDACTED = "*********(redacted)";

    private static final Pattern KEY = Pattern.compile(KEY_REGEX);

    private Secrets() {}

    public static boolean isSecret(String key) {
        return KEY.matcher(key).find();
    }

    /** A sorted copy of {@code settings} with the value of every secret key replaced. */
    public static Map<String, String> redact(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, isSecret(k) ? REDACTED : v));
        return out;
    }
}
