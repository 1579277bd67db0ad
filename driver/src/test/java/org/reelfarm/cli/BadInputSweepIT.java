package org.reelfarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reelfarm.render.CliRun;
import org.reelfarm.render.ReelfarmProcess;
import org.reelfarm.render.TestModels;

/**
 * The bad-input sweep: every kind of bad input once, through the real command line, each
 * asserting the documented behaviour. A user mistake exits 2 with exactly one {@code error:} line
 * naming the file (and line or byte offset) and the fix, prints no stack trace, and writes
 * nothing, inside or outside {@code --out}. Accepted oddities (BOM, CRLF, markup in prompts, a
 * heading that looks like a path, unknown words) render, all in one run.
 *
 * <p>Inputs that fail before Spark starts run the CLI in this JVM (a few milliseconds each); runs
 * that start Spark, or that must show bounded memory, get a JVM of their own.
 */
class BadInputSweepIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path model;
    static Path corpus;

    @BeforeAll
    static void setUp() throws URISyntaxException {
        model = TestModels.reference();
        corpus = Path.of(BadInputSweepIT.class.getResource("/bad-inputs").toURI());
    }

    /** A rejected input: its file in the corpus (or made by the test) and what the error line must say. */
    record Rejected(String file, Function<Path, Path> make, List<String> says) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static Rejected corpusFile(String file, String... says) {
        return new Rejected(file, caseDir -> copy(file, caseDir), List.of(says));
    }

    static Stream<Arguments> rejectedBeforeSpark() {
        return Stream.of(
                new Rejected("missing.md", caseDir -> caseDir.resolve("missing.md"),
                        List.of("missing.md", "file not found", "check the path")),
                corpusFile("notes.docx", "notes.docx", "unsupported file type", ".md"),
                corpusFile("empty.md", "empty.md", "empty"),
                new Rejected("garbage.csv", BadInputSweepIT::garbage,
                        List.of("garbage.csv:1", "not valid UTF-8", "at byte offset 0", "save the file as UTF-8")),
                corpusFile("latin1.md", "latin1.md:1", "byte 0xE9 at byte offset 6", "save the file as UTF-8"),
                corpusFile("traversal.csv", "traversal.csv:3", "../../etc/x", "path separator",
                        "use only letters, digits"),
                corpusFile("traversal.json", "traversal.json:3", "../../etc/x", "path separator",
                        "use only letters, digits"),
                corpusFile("no-duration-column.csv", "no-duration-column.csv:1", "duration_s", "the header must be"),
                corpusFile("negative-duration.csv", "negative-duration.csv:3", "-3", "greater than 0"),
                corpusFile("zero-duration.csv", "zero-duration.csv:2", "duration_s 0 ", "greater than 0"),
                corpusFile("enormous-duration.csv", "enormous-duration.csv:2", "100000", "at most 86400 (24 h)"),
                corpusFile("zero-duration.json", "zero-duration.json:2", "duration_s 0 ", "greater than 0"),
                corpusFile("enormous-duration.json", "enormous-duration.json:3", "1e400", "at most 86400 (24 h)"),
                corpusFile("negative-duration.fountain", "negative-duration.fountain:5", "-4s", "[[duration: 6s]]"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedBeforeSpark")
    void rejectedWithOneClearErrorAndNothingWritten(Rejected input) {
        Path caseDir = caseDir(input.file());
        Path file = input.make().apply(caseDir);
        Path out = caseDir.resolve("out");
        TreeMap<String, Long> before = snapshot();

        CliRun run = CliRun.of("render", file.toString(), "--out", out.toString(), "--model", model.toString(),
                "--master", "local[1]");

        assertUserError(run.exitCode(), run.out(), run.err(), input.says());
        assertNothingWritten(before, out);
    }

    @Test
    void aModelDirectoryThatIsNotAModelIsRejected() throws IOException {
        Path caseDir = caseDir("not-a-model");
        Path notAModel = Files.createDirectories(caseDir.resolve("holiday-photos"));
        Files.writeString(notAModel.resolve("beach.jpg"), "jpeg");
        Path input = copy("zero-duration.csv", caseDir); // never read: the model is checked first
        Path out = caseDir.resolve("out");
        TreeMap<String, Long> before = snapshot();

        CliRun run = CliRun.of("render", input.toString(), "--out", out.toString(), "--model", notAModel.toString());

        assertUserError(run.exitCode(), run.out(), run.err(), List.of("holiday-photos", "saved_model.pb"));
        assertNothingWritten(before, out);
    }

    @Test
    void overlapNotSmallerThanTheWindowIsAUsageError() {
        Path caseDir = caseDir("overlap");
        Path input = copy("bom.md", caseDir);
        TreeMap<String, Long> before = snapshot();

        CliRun run = CliRun.of("render", input.toString(), "--out", caseDir.resolve("out").toString(), "--model",
                model.toString(), "--window", "8", "--overlap", "8");

        assertUserError(run.exitCode(), run.out(), run.err(), List.of("--overlap 8", "smaller than --window 8"));
        assertNothingWritten(before, caseDir.resolve("out"));
    }

    @Test
    void planWithBatchZeroNamesTheBatchOption() {
        Path input = copy("bom.md", caseDir("plan-batch"));

        CliRun run = CliRun.of("plan", input.toString(), "--model", model.toString(), "--batch", "0");

        assertUserError(run.exitCode(), run.out(), run.err(), List.of("--batch 0 must be at least 1", "use --batch 4"));
        assertFalse(run.err().contains("--batch-size"), run.err());
    }

    /**
     * {@code plan} over a library: each bad file gets its own {@code error:} line and costs only
     * itself; the good ones are planned, as valid JSON on standard output, and the exit code is 2.
     * Each shot shows its scene and its transition.
     */
    @Test
    void planPlansEveryGoodFileAndGivesEachBadOneAnErrorLine() throws IOException {
        Path caseDir = caseDir("plan-library");
        Path heist = Files.writeString(caseDir.resolve("heist.fountain"),
                "INT. HALL - DAY\n\nA red ball rolls.\n\nDISSOLVE TO:\n\nEXT. GARDEN - DAWN\n\nA blue box.\n");
        Path brief = Files.writeString(caseDir.resolve("short.fountain"), "A green circle.\n");
        Path empty = copy("empty.md", caseDir);
        Path negative = copy("negative-duration.fountain", caseDir);

        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "plan", heist.toString(), empty.toString(),
                brief.toString(), negative.toString(), "--json", "--model", model.toString(), "--master", "local[1]");

        assertEquals(2, run.exitCode(), run.err());
        List<String> errors = run.errorLines();
        assertEquals(2, errors.size(), run.err());
        assertTrue(errors.get(0).contains("empty.md") && errors.get(0).contains("empty"), errors.get(0));
        assertTrue(errors.get(1).contains("negative-duration.fountain:5"), errors.get(1));
        assertNoStackTrace(run.out(), run.err());
        JsonNode films = JSON.readTree(run.out());
        assertEquals(List.of("heist", "short"), List.of(films.get(0).get("film").asText(), films.get(1).get("film").asText()));
        assertEquals(2, films.size());
        JsonNode shots = films.get(0).get("shots");
        assertEquals("INT. HALL - DAY", shots.get(0).get("scene").asText());
        assertEquals("cut", shots.get(0).get("transition").asText());
        assertEquals("EXT. GARDEN - DAWN", shots.get(1).get("scene").asText());
        assertEquals("crossfade", shots.get(1).get("transition").asText());
        assertTrue(films.get(1).at("/shots/0/scene").isNull(), "a shot outside any scene has none");
    }

    @Test
    void planAsTextShowsEachScenesHeadingAndEachShotsTransition() throws IOException {
        Path caseDir = caseDir("plan-text");
        Path heist = Files.writeString(caseDir.resolve("heist.fountain"),
                "INT. HALL - DAY\n\nA red ball rolls.\n\nFADE OUT.\n\nEXT. GARDEN - DAWN\n\nA blue box.\n");

        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "plan", heist.toString(), "--model", model.toString(),
                "--master", "local[1]");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().map(String::strip).toList();
        int hall = lines.indexOf("scene INT. HALL - DAY");
        int garden = lines.indexOf("scene EXT. GARDEN - DAWN");
        assertTrue(hall >= 0 && garden > hall, run.out());
        assertTrue(lines.get(hall + 1).matches("shot +1 s1-1 +cut +latent .*A red ball rolls\\."), lines.get(hall + 1));
        assertTrue(lines.get(garden + 1).matches("shot +2 s2-1 +fade +latent .*A blue box\\."), lines.get(garden + 1));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.of("render", "x.md", "--out", "o", "--colour", "red");

        assertUserError(run.exitCode(), run.out(), run.err(), List.of("--colour", "reelfarm render --help"));
    }

    /**
     * A several-megabyte line is refused before it is tokenized, naming the documented limit, in a
     * driver JVM with a 256 MB heap.
     */
    @Test
    void aGiantSingleLineIsRefusedNamingTheLimitInBoundedMemory() throws IOException {
        Path caseDir = caseDir("giant-line");
        Path input = caseDir.resolve("giant.md");
        try (var writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            writer.write("## Giant\n");
            for (int i = 0; i < 1_000_000; i++) {
                writer.write("a red ");
            }
            writer.write("circle.\n");
        }
        Path out = caseDir.resolve("out");
        TreeMap<String, Long> before = snapshot();

        ReelfarmProcess.Result run = ReelfarmProcess.run("256m", "render", input.toString(), "--out", out.toString(),
                "--model", model.toString(), "--master", "local[1]");

        assertUserError(run.exitCode(), run.out(), run.err(), List.of("giant.md:2", "6,000,007 characters",
                "1,048,576 characters (1 MiB)", "break the text into shorter lines"));
        assertNothingWritten(before, out);
    }

    @Test
    void aPromptWithNoKnownWordFailsUnderStrictVocab() {
        Path caseDir = caseDir("strict-vocab");
        Path input = copy("unknown-words.csv", caseDir);
        Path out = caseDir.resolve("out");
        TreeMap<String, Long> before = snapshot();

        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", "render", input.toString(), "--out", out.toString(),
                "--model", model.toString(), "--master", "local[1]", "--strict-vocab");

        assertUserError(run.exitCode(), run.out(), run.err(),
                List.of("unknown-words.csv:3", "no word the model knows", "drop --strict-vocab"));
        assertNothingWritten(before, out);
    }

    /**
     * Inputs that are odd but fine render in one library run: a BOM, CRLF line ends (also inside a
     * quoted field), HTML and script in titles, headings, scenes and prompts, a heading that looks
     * like a path (its shot id is made file-name safe), and words the model does not know (a
     * warning, not an error).
     */
    @Test
    void oddButValidInputsRenderSafely() throws IOException {
        Path caseDir = caseDir("accepted");
        List<String> args = new ArrayList<>(List.of("render"));
        for (String file : List.of("bom.md", "crlf.csv", "markup.md", "scenes.json", "unknown-words.csv")) {
            args.add(copy(file, caseDir).toString());
        }
        Path out = caseDir.resolve("nested/out");
        args.addAll(List.of("--out", out.toString(), "--model", model.toString(), "--master", "local[2]",
                "--steps", "2", "--profile", "draft"));
        TreeMap<String, Long> before = snapshot();

        ReelfarmProcess.Result run = ReelfarmProcess.run("1g", args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(), run.errorLines());
        assertNoStackTrace(run.out(), run.err());
        TreeMap<String, Long> after = snapshot();
        String outKey = dir.relativize(out).toString();
        after.keySet().removeIf(path -> path.startsWith(outKey + "/")
                || (!before.containsKey(path) && (outKey + "/").startsWith(path + "/"))); // out, new parents
        assertEquals(before, after, "nothing written outside --out");

        JsonNode bom = manifest(out, "bom");
        assertEquals("sunrise", bom.at("/shots/0/id").asText(), "the BOM is not part of the first heading");
        JsonNode crlf = manifest(out, "crlf");
        assertEquals("A green triangle,\nbouncing.", crlf.at("/shots/1/prompt").asText(), "CRLF read as LF");

        JsonNode markup = manifest(out, "markup");
        assertEquals("etc-passwd", markup.at("/shots/0/id").asText());
        assertTrue(Files.isRegularFile(out.resolve("markup/shots/001-etc-passwd.mp4")));
        assertEquals("A red circle alert(\"prompt\") moves left.", markup.at("/shots/0/prompt").asText(),
                "Markdown drops HTML tags as markup");
        assertEquals("shot-001", markup.at("/shots/1/id").asText(), "a heading that is only a tag gives no id");
        String report = Files.readString(out.resolve("markup/report.html"));
        assertFalse(report.contains("<script"), "no live script in the report");
        // The report's own images are the contact sheet's thumbnails; the input's <img> shows as text.
        String thumbnail = "<img class=\"thumb\" alt=\"frame \\d+\" data-frame=\"\\d+\""
                + " src=\"data:image/jpeg;base64,[A-Za-z0-9+/=]+\">";
        assertFalse(report.replaceAll(thumbnail, "").contains("<img"), "no live markup in the report");

        JsonNode scenes = manifest(out, "scenes");
        assertEquals("<script>alert('scene')</script>", scenes.at("/shots/0/scene").asText());
        assertEquals("A yellow ball </td></tr><script>x()</script> bouncing.", scenes.at("/shots/0/prompt").asText());
        String scenesReport = Files.readString(out.resolve("scenes/report.html"));
        assertFalse(scenesReport.contains("<script"), "no live script in the report");
        assertFalse(scenesReport.contains("<b>"), "no live markup in the report");
        assertFalse(scenesReport.contains("</td></tr><script"), "a prompt cannot close the table");
        assertTrue(scenesReport.contains("A yellow ball &lt;/td&gt;&lt;/tr&gt;&lt;script&gt;x()&lt;/script&gt; bouncing."),
                scenesReport);
        assertTrue(scenesReport.contains("A dragon &amp; a &quot;red&quot; &lt;b&gt;box&lt;/b&gt;."), scenesReport);
        for (String film : List.of("bom", "crlf", "markup", "scenes", "unknown-words")) {
            JsonNode timeline = JSON.readTree(out.resolve(film + "/timeline.otio").toFile());
            assertEquals("Timeline.1", timeline.path("OTIO_SCHEMA").asText(), film);
            assertTrue(Files.isRegularFile(out.resolve(film + "/film.mp4")), film);
        }
        JsonNode timeline = JSON.readTree(out.resolve("scenes/timeline.otio").toFile());
        assertTrue(timeline.toString().contains("</td></tr><script>x()</script>"), "prompt kept verbatim in JSON");

        JsonNode unknown = manifest(out, "unknown-words");
        assertEquals("[\"quantum\",\"flux\",\"capacitor\"]", unknown.at("/shots/1/unknown_words").toString());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("warning: unknown-words: shot mystery (line 3)")
                && l.contains("no known word")), run.err());
        JsonNode library = JSON.readTree(out.resolve("library.json").toFile());
        assertEquals(5, library.path("films").size(), library.toString());
    }

    private static JsonNode manifest(Path out, String film) throws IOException {
        return JSON.readTree(out.resolve(film + "/manifest.json").toFile());
    }

    private static void assertUserError(int exitCode, String out, String err, List<String> says) {
        assertEquals(2, exitCode, err);
        List<String> errors = err.lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), "one error line: " + err);
        for (String s : says) {
            assertTrue(errors.get(0).contains(s), "says \"" + s + "\": " + errors.get(0));
        }
        assertNoStackTrace(out, err);
    }

    private static void assertNoStackTrace(String out, String err) {
        for (String stream : List.of(out, err)) {
            assertFalse(stream.contains("Exception"), "no exception in the output: " + stream);
            assertFalse(stream.contains("\tat "), "no stack trace in the output: " + stream);
        }
    }

    /** Nothing appeared anywhere under the test directory, and {@code out} is absent or empty. */
    private static void assertNothingWritten(TreeMap<String, Long> before, Path out) {
        assertEquals(before, snapshot(), "no file written or changed");
        assertTrue(!Files.exists(out) || isEmptyDirectory(out), "nothing in --out");
    }

    private static boolean isEmptyDirectory(Path path) {
        try (Stream<Path> children = Files.list(path)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file and directory under the test directory, with its size (-1 for directories). */
    private static TreeMap<String, Long> snapshot() {
        TreeMap<String, Long> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.forEach(p -> {
                try {
                    files.put(dir.relativize(p).toString(), Files.isDirectory(p) ? -1L : Files.size(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Path caseDir(String name) {
        try {
            return Files.createDirectories(dir.resolve("case-" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(String file, Path caseDir) {
        try {
            return Files.copy(corpus.resolve(file), caseDir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 4 KB of random bytes with a fixed seed, starting with a byte that cannot begin UTF-8. */
    private static Path garbage(Path caseDir) {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        bytes[0] = (byte) 0xC0;
        try {
            return Files.write(caseDir.resolve("garbage.csv"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
