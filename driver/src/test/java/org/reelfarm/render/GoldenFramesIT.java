package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the frames of two renders: the README's example lesson with default settings
 * (codenoise) and a CSV shot list with independent windows. The hashes were recorded before the
 * redesign of issue 12; a refactor that changes a single frame fails here. A deliberate change
 * of the frames (a new model, a new sampler) records new values and says why in its commit.
 *
 * <p>The frames are those of TensorFlow without its oneDNN kernels ({@code TF_ENABLE_ONEDNN_OPTS=0},
 * as every Reelfarm process runs), with StrictMath for the transcendental functions on the frame
 * path. Math.cos and Math.exp may differ in the last bit between HotSpot's compilers (they did,
 * between C1 and C2), and oneDNN picks its kernels by CPU; it is on by default on CPUs with
 * AVX-512. One session's machine gave other hashes for the CSV's intro and middle shots with the
 * defaults (b49567ee… and e8911776…), and they were recorded for that session. On an AVX2 machine
 * with oneDNN forced on, the middle shot gives e8911776… too, and with it off both give the
 * hashes recorded before issue 12, which are back below. That oneDNN off makes the frames the
 * same on every CPU kind is what a run of this test on another kind checks.
 */
class GoldenFramesIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Map<String, String> shotHashes(Path input, String... extra) throws Exception {
        Path out = dir.resolve("out-" + input.getFileName());
        List<String> args = new ArrayList<>(List.of("render", input.toString(), "--out", out.toString(), "--model",
                TestModels.reference().toString(), "--master", "local[2]"));
        args.addAll(List.of(extra));
        ReelfarmProcess.Result run = ReelfarmProcess.run("2g", args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        String name = input.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        JsonNode manifest = JSON.readTree(out.resolve(name).resolve("manifest.json").toFile());
        Map<String, String> hashes = new java.util.LinkedHashMap<>();
        manifest.get("shots").forEach(s -> hashes.put(s.get("id").asText(), s.get("frames") + " "
                + s.get("frames_sha256").asText()));
        return hashes;
    }

    @Test
    void theExampleLessonWithDefaultSettingsKeepsItsFrames() throws Exception {
        Path lesson = ReelfarmProcess.projectRoot().resolve("examples/shapes-lesson.md");
        assertEquals(Map.of(
                "rising-sun", "182 44de1fb7a0c014160f6fb61072f738e3a2d5574aab2ccb16a5f84e0f62af14c1",
                "red-square", "172 805b1858863c807f10f2166dd365440a02a9fa0428959fa20e0c31d14e9adc22",
                "bouncing-triangle", "164 0e4d08672ba391575c51c1b82fca023e6576c0d92eef1867785eaa1e38d2a18b"),
                shotHashes(lesson));
    }

    @Test
    void aCsvShotListWithIndependentWindowsKeepsItsFrames() throws Exception {
        Path csv = ReelfarmProcess.projectRoot().resolve("driver/src/test/resources/golden/shots.csv");
        assertEquals(Map.of(
                "intro", "72 414f1f3102e2153035860356d657967d7485f856736ebffe90f77db612a0b78a",
                "middle", "60 b84959b1c296e9502a7263798ff0436a852682eca60c090524f6e28abcbc9d0b",
                "end", "72 48e25fcbfdc9ae00264a589f8da04e54be1ea0667c54f7b2e2c2866919436ec3"),
                shotHashes(csv, "--strategy", "independent", "--steps", "8"));
    }
}
