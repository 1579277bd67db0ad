package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunFingerprintTest {
    static Map<String, Object> settings(long seed, int steps) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("steps", steps);
        out.put("seed", seed);
        out.put("strategy", "codenoise");
        return out;
    }

    @Test
    void aManifestWithTheSameInputModelAndSettingsIsTheSameRender() {
        RunFingerprint mine = new RunFingerprint("in", "model", settings(0L, 20));
        String manifest = "{\"input\":{\"sha256\":\"in\",\"path\":\"x.csv\"},\"model\":{\"sha256\":\"model\"},"
                + "\"settings\":{\"seed\":0,\"strategy\":\"codenoise\",\"steps\":20},\"shots\":[]}";
        assertTrue(mine.sameAs(RunFingerprint.ofManifest(manifest)));
    }

    @Test
    void anySettingInputOrModelChangeIsAnotherRender() {
        RunFingerprint mine = new RunFingerprint("in", "model", settings(0L, 20));
        assertFalse(mine.sameAs(new RunFingerprint("in", "model", settings(1L, 20))));
        assertFalse(mine.sameAs(new RunFingerprint("in", "model", settings(0L, 8))));
        assertFalse(mine.sameAs(new RunFingerprint("other", "model", settings(0L, 20))));
        assertFalse(mine.sameAs(new RunFingerprint("in", "other", settings(0L, 20))));
        assertFalse(mine.sameAs(null));
    }

    @Test
    void theResumeTextIsCanonicalWhateverTheSettingsOrder() {
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("strategy", "codenoise");
        reversed.put("seed", 0);
        reversed.put("steps", 20L);
        assertEquals(new RunFingerprint("in", "model", settings(0L, 20)).text(),
                new RunFingerprint("in", "model", reversed).text());
    }

    @Test
    void somethingThatIsNotAManifestHasNoFingerprint() {
        assertNull(RunFingerprint.ofManifest("not json {"));
        assertNull(RunFingerprint.ofManifest("{\"input\":{}}"));
    }
}
