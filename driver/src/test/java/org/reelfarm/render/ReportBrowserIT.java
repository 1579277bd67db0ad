package org.reelfarm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a rendered film's report.html and a library's index.html in headless Chromium (Debian's
 * {@code chromium}, which .ci/run installs; the test fails without it) and checks what a person
 * would see: no console errors, one table row per shot, contact-sheet images that decode and show
 * the shot's colours, a screenshot that is not blank, and nothing from the input executing.
 */
class ReportBrowserIT {
    /** Titles and prompts carry markup that would run if any text were left unescaped. */
    static final String HOSTILE = """
            # Colours <script>top.__pwned=1;document.title='PWNED'</script> "><img src=x onerror="top.__pwned=1">

            ## Sunrise
            A yellow circle moves up on a blue background. <script>top.__pwned=1</script> It climbs slowly.

            ## Square
            A red square moves right on a white background. "><img src=x onerror=top.__pwned=1> It slides.

            ## Night
            A green triangle bouncing on a black background. '><svg onload=top.__pwned=1> It hops.
            """;
    /** Background colour of each shot, which dominates its frames. */
    static final int[][] BACKGROUNDS = {{0, 51, 255}, {255, 255, 255}, {0, 0, 0}};

    @TempDir
    static Path dir;
    static Path out;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void render() throws Exception {
        Path model = TestModels.reference();
        Path first = dir.resolve("colours.md");
        Files.writeString(first, HOSTILE);
        Path second = dir.resolve("broken.csv");
        Files.writeString(second, "shot_id,prompt\nx,A red circle. <script>top.__pwned=1</script>\n");
        out = dir.resolve("out");
        ReelfarmProcess.Result run = ReelfarmProcess.run("2g", "render", first.toString(), second.toString(), "--out",
                out.toString(), "--model", model.toString(), "--master", "local[2]", "--steps", "4", "--profile", "draft");
        assertTrue(Files.isRegularFile(out.resolve("colours/report.html")), run.err());
    }

    @Test
    void reportShowsOneRowPerShotAndThumbnailsInTheShotsColours() throws Exception {
        JsonNode page = open(out.resolve("colours/report.html"));
        assertEquals(3, page.get("rows").asInt());
        assertFalse(page.get("pwned").asBoolean(), "injected markup ran: " + page);
        assertEquals(0, page.get("scripts").asInt(), "no script element in the report");
        Set<Integer> shots = new HashSet<>();
        for (JsonNode image : page.get("images")) {
            assertTrue(image.get("width").asInt() > 0 && image.get("height").asInt() > 0, "decodes: " + image);
            int shot = image.get("shot").asInt();
            shots.add(shot);
            for (int c = 0; c < 3; c++) {
                assertEquals(BACKGROUNDS[shot][c], image.get("mode").get(c).asInt(), 40, "colour of shot " + shot + ": " + image);
            }
        }
        assertEquals(Set.of(0, 1, 2), shots);
        assertTrue(page.get("images").size() >= 9, "first, middle and last of each shot: " + page);
    }

    @Test
    void indexListsEveryFilmAndItsError() throws Exception {
        JsonNode page = open(out.resolve("index.html"));
        assertEquals(2, page.get("films").asInt(), page.toString());
        assertFalse(page.get("pwned").asBoolean(), "injected markup ran: " + page);
        assertEquals("colours/report.html", page.get("links").get(0).asText());
        assertTrue(page.get("images").size() >= 1, page.toString());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("failed"), html);
    }

    @Test
    void screenshotsOfReportAndIndexAreNotBlank() throws Exception {
        for (String page : List.of("colours/report.html", "index.html")) {
            Path png = dir.resolve(page.replace('/', '-') + ".png");
            Chrome result = chromium("--screenshot=" + png, "--window-size=1200,1600", out.resolve(page).toUri().toString());
            assertNoConsoleErrors(result);
            BufferedImage shot = ImageIO.read(png.toFile());
            assertNotNull(shot, "a PNG screenshot of " + page);
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < shot.getHeight(); y += 4) {
                for (int x = 0; x < shot.getWidth(); x += 4) {
                    colours.add(shot.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 50, page + " shows " + colours.size() + " colours");
        }
    }

    /** Loads a page through the harness and returns what it measured. */
    static JsonNode open(Path page) throws Exception {
        String harness;
        try (InputStream in = ReportBrowserIT.class.getResourceAsStream("report-harness.html")) {
            harness = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PAGE_URL", page.toUri().toString());
        }
        Path file = Files.createTempFile(dir, "harness-", ".html");
        Files.writeString(file, harness);
        Chrome result = chromium("--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom",
                file.toUri().toString());
        assertNoConsoleErrors(result);
        int a = result.out().indexOf("RESULT ");
        int b = result.out().indexOf(" END");
        assertTrue(a >= 0 && b > a, "the harness finished: " + result.out() + result.err());
        return JSON.readTree(result.out().substring(a + 7, b)
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"));
    }

    static void assertNoConsoleErrors(Chrome result) {
        for (String line : result.err().split("\n")) {
            // The pages log nothing: any console message, uncaught error or failed load is a fault.
            assertFalse(line.contains("CONSOLE") || line.contains("Uncaught") || line.contains("ERR_FILE_NOT_FOUND"),
                    "console error: " + line);
        }
    }

    record Chrome(String out, String err) {}

    static Chrome chromium(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile-");
        List<String> command = new ArrayList<>(List.of(chromiumBinary(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "chromium-", ".out");
        Path stderr = Files.createTempFile(dir, "chromium-", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + command);
        }
        return new Chrome(Files.readString(stdout), Files.readString(stderr));
    }

    /** Debian's chromium; CI installs it, so a missing browser fails the test rather than skipping it. */
    static String chromiumBinary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("chromium is not installed: apt-get install chromium (.ci/run does)");
    }
}
