package org.reelfarm.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The six seeded profiles: present, readable, their figures sourced. */
class ProfilesTest {
    static final Profiles PROFILES = CapacityPlannerTest.PROFILES;

    static List<String> ids() {
        return List.of("cogvideox-2b-h100", "cogvideox-5b-h100", "hunyuanvideo-720p-h100", "ltx-video-768x512-h100",
                "open-sora-2.0-768px-h100", "wan2.1-1.3b-480p-rtx4090");
    }

    @Test
    void theSixProfilesOfTheIssueAreThere() {
        assertEquals(ids(), PROFILES.ids());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void everyProfileSaysWhereItsTimeAndLoadComeFrom(String id) {
        ModelProfile p = PROFILES.resolve(id);
        assertEquals(id, p.id());
        assertFalse(p.sources().getOrDefault("seconds_per_clip", "").isBlank(), id);
        assertTrue(p.sources().getOrDefault("model_load_s", "").contains("assumption"), id);
        assertTrue(p.window() <= p.latentFrames() && p.overlap() < p.window(), id);
    }

    @Test
    void publishedFiguresAreKeptAsPublished() {
        assertEquals(1904.08, PROFILES.resolve("hunyuanvideo-720p-h100").secondsPerClip());
        assertEquals(90, PROFILES.resolve("cogvideox-5b-h100").secondsPerClip());
        assertEquals(45, PROFILES.resolve("cogvideox-2b-h100").secondsPerClip());
        assertEquals(240, PROFILES.resolve("wan2.1-1.3b-480p-rtx4090").secondsPerClip());
        assertEquals(8.19, PROFILES.resolve("wan2.1-1.3b-480p-rtx4090").memoryGb());
        assertEquals(1656, PROFILES.resolve("open-sora-2.0-768px-h100").secondsPerClip());
        assertEquals(2, PROFILES.resolve("ltx-video-768x512-h100").secondsPerClip());
    }

    @Test
    void anUnknownProfileListsTheKnownOnes() {
        CapacityException e = assertThrows(CapacityException.class, () -> PROFILES.resolve("sora-9"));
        assertTrue(e.getMessage().startsWith("unknown profile 'sora-9'; use one of " + String.join(", ", ids())),
                e.getMessage());
    }

    @Test
    void readsAProfileFileAndAMeasuredDirectory(@TempDir Path dir) throws Exception {
        Path source = Path.of("..", "conf", "profiles", "cogvideox-2b-h100.json");
        Path file = dir.resolve("mine.json");
        Files.copy(source, file);
        assertEquals("cogvideox-2b-h100", PROFILES.resolve(file.toString()).id());
        Files.copy(source, dir.resolve("profile.json"));
        assertEquals("cogvideox-2b-h100", PROFILES.resolve("measured:" + dir).id());
        Files.writeString(dir.resolve("overheads.json"), "{\"per_round_s\": 0.5, \"per_task_s\": 0.2}");
        Overheads measured = Overheads.DEFAULTS.withMeasured(dir);
        assertEquals(0.5, measured.perRoundS());
        assertEquals(0.2, measured.perTaskS());
        assertEquals(Overheads.DEFAULTS.encodePixelsPerCpuS(), measured.encodePixelsPerCpuS());
    }

    @Test
    void aMeasuredDirectoryWithoutAProfileSaysWhatToGive(@TempDir Path dir) {
        CapacityException e = assertThrows(CapacityException.class, () -> PROFILES.resolve("measured:" + dir));
        assertTrue(e.getMessage().contains("profile.json does not exist"), e.getMessage());
    }

    @Test
    void aProfileWithoutAFieldNamesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"id\": \"bad\", \"model\": \"m\", \"gpu\": \"g\"}");
        CapacityException e = assertThrows(CapacityException.class, () -> Profiles.read(file));
        assertEquals("profile " + file + " has no \"width\"; add it (see conf/profiles/)", e.getMessage());
    }
}
