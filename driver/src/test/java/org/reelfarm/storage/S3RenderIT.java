package org.reelfarm.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.encode.Mp4Frames;
import org.reelfarm.render.ReelfarmProcess;
import org.reelfarm.render.TestModels;

/**
 * A library read from and rendered to a real S3 server (S3Mock on 127.0.0.1) through s3a, by the
 * real command line on local[2]: the films are those of a local render of the same lessons, a
 * second run skips them, a driver killed mid-render leaves no manifest and {@code --resume}
 * finishes its film from the states it saved on S3, a missing prefix is one error line, and the
 * S3 credentials reach no output stream and no written object.
 */
class S3RenderIT {
    @RegisterExtension
    static final S3Server S3 = S3Server.withBuckets("lessons", "films");

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FILMS = List.of("circles", "squares", "triangles");
    static final List<String> SECRETS = List.of(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);

    @TempDir
    static Path dir;
    static FileSystem films;
    /** The first S3 render, and what it wrote to s3a://films/ (the whole bucket), downloaded. */
    static ReelfarmProcess.Result first;
    static Path written;
    static Path localOut;

    @BeforeAll
    static void renderTheLibraryLocallyAndOnS3() throws IOException {
        Path library = Files.createDirectories(dir.resolve("lib/unit-1"));
        Files.writeString(library.resolve("circles.md"), "# Circles\n\n## One\nA red circle moves right on a black"
                + " background.\n\n## Two\nA blue circle moves up on a white background.\n");
        Files.writeString(library.resolve("squares.md"), "# Squares\n\n## Shot\nA green square moves left on a"
                + " black background.\n");
        Files.writeString(dir.resolve("lib/triangles.md"), "# Triangles\n\n## Shot\nA yellow triangle bouncing on a"
                + " purple background.\n");
        try (FileSystem lessons = S3.bucket("lessons")) {
            lessons.copyFromLocalFile(new org.apache.hadoop.fs.Path(dir.resolve("lib").toUri()),
                    new org.apache.hadoop.fs.Path("s3a://lessons/lib/"));
        }
        films = S3.bucket("films");

        localOut = dir.resolve("local-out");
        ReelfarmProcess.Result local = render(dir.resolve("lib").toString(), "--out", localOut.toString());
        assertEquals(0, local.exitCode(), local.err());

        Path infoLogging = Files.writeString(dir.resolve("log4j2-info.properties"), """
                rootLogger.level = info
                rootLogger.appenderRef.stderr.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.target = SYSTEM_ERR
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %p %c{1}: %m%n
                """);
        first = ReelfarmProcess.run(Map.of(), List.of("-Dlog4j2.configurationFile=" + infoLogging), "2g",
                args("s3a://lessons/lib/", "--out", "s3a://films/out/", "--conf", "spark.logConf=true"));
        assertEquals(0, first.exitCode(), first.err());
        written = dir.resolve("written");
        films.copyToLocalFile(false, new org.apache.hadoop.fs.Path("s3a://films/"),
                new org.apache.hadoop.fs.Path(written.toUri()), true);
    }

    @AfterAll
    static void close() throws IOException {
        if (films != null) {
            films.close();
        }
    }

    static String[] args(String... args) {
        List<String> all = new ArrayList<>(List.of("render"));
        all.addAll(List.of(args));
        all.addAll(List.of("--model", TestModels.reference().toString(), "--master", "local[2]", "--steps", "4",
                "--profile", "draft"));
        all.addAll(S3.sparkConfArgs());
        return all.toArray(String[]::new);
    }

    static ReelfarmProcess.Result render(String... args) {
        ReelfarmProcess.Result run = ReelfarmProcess.run("2g", args(args));
        assertNoSecret(run);
        return run;
    }

    static void assertNoSecret(ReelfarmProcess.Result run) {
        for (String secret : SECRETS) {
            assertFalse(run.out().contains(secret), "stdout has " + secret);
            assertFalse(run.err().contains(secret), "stderr has " + secret);
        }
    }

    @Test
    void filmsOnS3HaveTheirPlannedFramesAndTheFramesOfALocalRender() throws Exception {
        List<String> listed = new ArrayList<>();
        for (FileStatus status : films.listStatus(new org.apache.hadoop.fs.Path("s3a://films/out/"))) {
            if (status.isDirectory()) {
                listed.add(status.getPath().getName());
            }
        }
        assertEquals(FILMS, listed.stream().sorted().toList(), "the work area is gone, only films are left");

        Path out = written.resolve("out");
        for (String film : FILMS) {
            JsonNode manifest = JSON.readTree(out.resolve(film).resolve("manifest.json").toFile());
            JsonNode reference = JSON.readTree(localOut.resolve(film).resolve("manifest.json").toFile());
            long frames = 0;
            assertEquals(reference.get("shots").size(), manifest.get("shots").size(), film);
            for (int s = 0; s < manifest.get("shots").size(); s++) {
                JsonNode shot = manifest.get("shots").get(s);
                frames += shot.get("frames").asLong();
                assertEquals(reference.get("shots").get(s).get("frames_sha256").asText(),
                        shot.get("frames_sha256").asText(), film + " shot " + s);
            }
            assertTrue(frames > 0, film);
            assertEquals(frames, Mp4Frames.probe(out.resolve(film).resolve("film.mp4")).frameCount(), film);
        }
        JsonNode report = JSON.readTree(out.resolve("library.json").toFile());
        assertEquals(3, report.get("rendered").asInt(), report.toString());
        assertEquals(0, report.get("failed").asInt(), report.toString());
    }

    @Test
    void aSecondRunSkipsEveryFilm() throws Exception {
        ReelfarmProcess.Result again = render("s3a://lessons/lib/", "--out", "s3a://films/out/");

        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("nothing new to render"), again.err());
        JsonNode report;
        try (var in = films.open(new org.apache.hadoop.fs.Path("s3a://films/out/library.json"))) {
            report = JSON.readTree(in);
        }
        assertEquals(0, report.get("rendered").asInt(), report.toString());
        assertEquals(3, report.get("skipped").asInt(), report.toString());
        for (JsonNode film : report.get("films")) {
            assertEquals("skipped", film.get("status").asText(), film.toString());
        }
    }

    @Test
    void aMissingInputPrefixIsOneErrorLineNamingTheUri() throws IOException {
        ReelfarmProcess.Result run = render("s3a://lessons/no-such-lib/", "--out", "s3a://films/never/");

        assertEquals(2, run.exitCode(), run.err());
        assertEquals(List.of("error: s3a://lessons/no-such-lib/: not found (no object with this key, and none under it"
                + " as a prefix); check the bucket and the key, and that the endpoint (--conf"
                + " spark.hadoop.fs.s3a.endpoint) is the server that holds them"), run.errorLines());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(films.exists(new org.apache.hadoop.fs.Path("s3a://films/never/")), "nothing is written");
    }

    @Test
    void theCredentialsReachNoOutputStreamAndNoWrittenObject() throws IOException {
        assertTrue(first.err().contains("spark.hadoop.fs.s3a.secret.key=*********(redacted)"),
                "Spark logged its configuration, redacted");
        assertNoSecret(first);
        List<Path> objects;
        try (Stream<Path> all = Files.walk(written)) {
            objects = all.filter(Files::isRegularFile).toList();
        }
        assertTrue(objects.contains(written.resolve("out/circles/film.mp4")), objects.toString());
        for (Path object : objects) {
            String bytes = new String(Files.readAllBytes(object), StandardCharsets.ISO_8859_1);
            for (String secret : SECRETS) {
                assertFalse(bytes.contains(secret), object + " has " + secret);
            }
        }
    }

    @Test
    void aDriverKilledMidRenderLeavesNoManifestAndResumeFinishesWithTheFramesOfAWholeRun() throws Exception {
        // Two 10-s shots at 8 steps: more than 10 sync rounds, so that the states of round 10 are
        // saved to the work area on S3 before the film can commit.
        Path input = Files.writeString(dir.resolve("film.csv"), """
                shot_id,prompt,duration_s
                still,A red square stays still on a blue background.,10
                moving,A yellow circle moves right on a black background.,10
                """);
        List<String> common = new ArrayList<>(List.of("--model", TestModels.reference().toString(), "--master",
                "local[2]", "--steps", "8"));
        common.addAll(S3.sparkConfArgs());
        ReelfarmProcess.Result whole = ReelfarmProcess.run("2g",
                withArgs(List.of("render", input.toString(), "--out", dir.resolve("whole").toString()), common));
        assertEquals(0, whole.exitCode(), whole.err());

        String out = "s3a://films/killed/";
        String[] render = withArgs(List.of("render", input.toString(), "--out", out), common);
        try (ReelfarmProcess.Running run = ReelfarmProcess.start("2g", render)) {
            run.awaitErr("sync round 10/"); // printed once round 10's states are saved
        } // close() kills the driver JVM with SIGKILL
        assertFalse(films.exists(new org.apache.hadoop.fs.Path(out + "film/manifest.json")), "no manifest");
        assertTrue(films.exists(new org.apache.hadoop.fs.Path(out + ".reelfarm-work/film/codenoise/r0010")),
                "round 10's states are on S3");

        List<String> resume = new ArrayList<>(List.of(render));
        resume.add("--resume");
        ReelfarmProcess.Result resumed = ReelfarmProcess.run("2g", resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming co-denoising after sync round 10"), resumed.err());
        assertNoSecret(resumed);
        JsonNode expected = JSON.readTree(dir.resolve("whole/film/manifest.json").toFile());
        JsonNode actual;
        try (var in = films.open(new org.apache.hadoop.fs.Path(out + "film/manifest.json"))) {
            actual = JSON.readTree(in);
        }
        for (int s = 0; s < 2; s++) {
            assertEquals(expected.get("shots").get(s).get("frames_sha256").asText(),
                    actual.get("shots").get(s).get("frames_sha256").asText(), "shot " + s);
        }
        assertFalse(films.exists(new org.apache.hadoop.fs.Path(out + ".reelfarm-work")), "the work area is cleaned up");
    }

    static String[] withArgs(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }
}
