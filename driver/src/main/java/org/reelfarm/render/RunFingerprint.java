package org.reelfarm.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.reelfarm.ingest.Script;

/**
 * What makes two renders of a film the same render: the input's SHA-256, the model's and the
 * recorded settings. A committed film whose manifest has the same fingerprint is up to date; an
 * interrupted render's work area is resumed only under the same fingerprint.
 *
 * <p>Compared through canonical JSON text (keys sorted), so a 0 written as a long and read back
 * from a manifest as an int compare equal.
 */
record RunFingerprint(String input, String model, Map<String, Object> settings) {
    private static final ObjectMapper JSON = new ObjectMapper();

    RunFingerprint {
        settings = new TreeMap<>(settings);
    }

    static RunFingerprint of(Script script, String modelHash, Map<String, Object> settings) {
        return new RunFingerprint(script.sha256(), modelHash, settings);
    }

    /**
     * The fingerprint a committed film's {@code manifest.json} records, or null if the text is
     * not a manifest with one.
     */
    @SuppressWarnings("unchecked")
    static RunFingerprint ofManifest(String manifest) {
        try {
            JsonNode root = JSON.readTree(manifest);
            JsonNode settings = root.path("settings");
            if (!settings.isObject()) {
                return null;
            }
            return new RunFingerprint(root.path("input").path("sha256").asText(),
                    root.path("model").path("sha256").asText(), JSON.convertValue(settings, Map.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The fingerprint as one line of canonical JSON, as kept in a work area's resume file. */
    String text() {
        try {
            Map<String, Object> all = new TreeMap<>();
            all.put("input", input);
            all.put("model", model);
            all.put("settings", settings);
            return JSON.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings cannot be written as JSON", e);
        }
    }

    /** Whether {@code other} is the same render, compared as canonical text. */
    boolean sameAs(RunFingerprint other) {
        return other != null && text().equals(other.text());
    }
}
