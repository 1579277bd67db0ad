package org.reelfarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.capacity.CapacityPlot;

/** {@code reelfarm capacity} through the real command line, with {@code --hours} (no Spark, no model). */
class CapacityCommandTest {
    private static String home;

    @TempDir
    Path dir;

    @BeforeAll
    static void useTheCheckoutsProfiles() {
        home = System.getProperty("reelfarm.home");
        System.setProperty("reelfarm.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    @AfterAll
    static void restoreHome() {
        if (home == null) {
            System.clearProperty("reelfarm.home");
        } else {
            System.setProperty("reelfarm.home", home);
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReelfarmCommand.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheGpusADeadlineNeedsAsJson() throws Exception {
        Result r = run("capacity", "--hours", "10", "--profile", "hunyuanvideo-720p-h100", "--deadline", "24h",
                "--price-per-gpu-hour", "2.5", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        int gpus = json.get("gpus").asInt();
        assertTrue(gpus >= 148, "gpus " + gpus);
        assertTrue(json.get("wall_s").asDouble() <= 86_400);
        assertEquals(gpus * json.get("wall_s").asDouble() / 3600, json.get("gpu_hours").asDouble(), 1e-6);
        assertEquals(json.get("gpu_hours").asDouble() * 2.5, json.get("cost").asDouble(), 1e-6);
        JsonNode b = json.get("breakdown");
        for (String part : new String[] {"model_compute", "codenoise", "model_loads", "encode_cpu", "storage", "retries"}) {
            assertTrue(b.has(part), part);
        }
        assertEquals(33 / 25.0, b.get("model_compute").get("overlap_factor").asDouble(), 1e-9);
        assertTrue(b.get("codenoise").get("sync_rounds").asInt() > 0);
        assertEquals(gpus, b.get("model_loads").get("executors").asInt());
    }

    @Test
    void printsTheWallOnNGpusAsATable() {
        Result r = run("capacity", "--hours", "1", "--profile", "cogvideox-5b-h100", "--gpus", "16");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("GPUs") && r.out().contains("wall") && r.out().contains("overlap factor"), r.out());
        assertTrue(r.out().contains("(give --price-per-gpu-hour)"), r.out());
    }

    @Test
    void drawsAPlotOfTheExpectedSize() throws Exception {
        Path png = dir.resolve("capacity.png");
        Result r = run("capacity", "--hours", "1", "--profile", "ltx-video-768x512-h100", "--deadline", "90m",
                "--price-per-gpu-hour", "3", "--plot", png.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(CapacityPlot.WIDTH, image.getWidth());
        assertEquals(CapacityPlot.HEIGHT, image.getHeight());
    }

    private static void assertOneErrorLine(Result r, String start) {
        assertEquals(2, r.exit(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("error: " + start), lines[0]);
    }

    @Test
    void anUnknownProfileListsTheKnownOnes() {
        Result r = run("capacity", "--hours", "1", "--profile", "sora-9", "--gpus", "8");
        assertOneErrorLine(r, "unknown profile 'sora-9'; use one of cogvideox-2b-h100, cogvideox-5b-h100,");
    }

    @Test
    void aDeadlineNoGpuCountCanMeetSaysTheShortestWall() {
        Result r = run("capacity", "--hours", "1", "--profile", "hunyuanvideo-720p-h100", "--deadline", "10m");
        assertOneErrorLine(r, "no GPU count meets --deadline 10.0 min: the shortest wall is");
    }

    @Test
    void zeroGpusAreAMistake() {
        assertOneErrorLine(run("capacity", "--hours", "1", "--profile", "cogvideox-2b-h100", "--gpus", "0"),
                "--gpus must be at least 1, got 0");
    }

    @Test
    void aBudgetOfNoWindowsInFlightIsAMistake() {
        assertOneErrorLine(run("capacity", "--hours", "1", "--profile", "cogvideox-2b-h100", "--gpus", "8",
                "--max-in-flight", "0"), "--max-in-flight must be at least 1 window, got 0");
    }

    @Test
    void negativeHoursAreAMistake() {
        assertOneErrorLine(run("capacity", "--hours", "-2", "--profile", "cogvideox-2b-h100", "--gpus", "8"),
                "--hours must be more than 0, got -2.0");
    }

    @Test
    void needsEitherGpusOrADeadline() {
        assertOneErrorLine(run("capacity", "--hours", "1", "--profile", "cogvideox-2b-h100"),
                "give either --gpus N");
    }
}
