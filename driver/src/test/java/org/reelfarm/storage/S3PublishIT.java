package org.reelfarm.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.render.ReelfarmProcess;
import org.reelfarm.render.TestModels;

/**
 * The publish protocol on a real S3 server (S3Mock on 127.0.0.1), where a rename is a copy and a
 * delete: a film counts as done only once its manifest is there, objects left without one are
 * cleaned up by the next run; the S3 mistakes a user makes are one error line, exit 2, before
 * anything is written; and a server that goes away mid-render fails the film in flight, keeps
 * the finished one, and {@code --resume} finishes the rest once it is back.
 */
class S3PublishIT {
    @RegisterExtension
    static final S3Server S3 = S3Server.withBuckets("lessons", "films");
    /** S3Mock takes any key; this server checks each request's signature. */
    @RegisterExtension
    static final S3Server CHECKING = S3Server.checkingCredentials("films");

    @TempDir
    static Path dir;
    static FileSystem films;
    static Path lesson;

    @BeforeAll
    static void aLesson() throws IOException {
        lesson = Files.writeString(dir.resolve("squares.md"), "# Squares\n\n## Shot\nA green square moves left on a"
                + " black background.\n");
        films = S3.bucket("films");
        try (FileSystem lessons = S3.bucket("lessons")) {
            lessons.copyFromLocalFile(new org.apache.hadoop.fs.Path(lesson.toUri()),
                    new org.apache.hadoop.fs.Path("s3a://lessons/lib/squares.md"));
        }
    }

    @AfterAll
    static void close() throws IOException {
        if (films != null) {
            films.close();
        }
    }

    static Configuration conf() {
        Configuration conf = S3.hadoopConfiguration();
        conf.set("fs.s3a.impl.disable.cache", "true");
        return conf;
    }

    static boolean exists(String uri) throws IOException {
        return films.exists(new org.apache.hadoop.fs.Path(uri));
    }

    @Test
    void aFilmWhoseObjectsAreUpButNotItsManifestIsNotDoneAndIsCleanedUp() throws Exception {
        FilmStore store = FilmStore.open("s3a://films/half/", conf());
        store.prepareWork("film");
        store.writeWork("film", FilmLayout.RESUME, "fingerprint\n");
        store.beginPublish("film");
        store.putFilmFile("film", FilmLayout.FILM, Files.writeString(dir.resolve("film.mp4"), "mp4"));

        assertTrue(exists("s3a://films/half/film/film.mp4"), "on S3 the objects go straight to the film");
        assertNull(store.manifest("film"), "without its manifest the film is not done");
        assertEquals(FilmStore.Unpublished.HALF_PUBLISHED, FilmStore.open("s3a://films/half/", conf()).unpublished("film"));

        store.cleanUp("film");
        assertFalse(exists("s3a://films/half/film/film.mp4"));
    }

    @Test
    void publishingOnS3WritesTheManifestLastAndLeavesNoMarker() throws Exception {
        FilmStore store = FilmStore.open("s3a://films/whole/", conf());
        store.prepareWork("film");
        store.writeWork("film", FilmLayout.RESUME, "fingerprint\n");
        store.work().writeText(FilmLayout.frame("film", "000001.png"), "png");
        store.beginPublish("film");
        store.putFilmFile("film", FilmLayout.FILM, Files.writeString(dir.resolve("whole.mp4"), "mp4"));
        store.publish("film", Map.of("timeline.otio", "{}"), "{}");

        assertEquals("{}", store.manifest("film"));
        assertTrue(exists("s3a://films/whole/film/frames/000001.png"), "frames move into the film");
        assertFalse(exists("s3a://films/whole/film/" + FilmLayout.PUBLISHING));
        assertFalse(exists("s3a://films/whole/" + FilmLayout.WORK), "the work area is gone");
    }

    @Test
    void theNextRunCleansUpAFilmLeftWithoutItsManifestAndRendersItAgain() throws Exception {
        ReelfarmProcess.Result first = render(lesson.toString(), "--out", "s3a://films/crash/");
        assertEquals(0, first.exitCode(), first.err());
        // What a driver killed between the last object and the manifest leaves.
        films.delete(new org.apache.hadoop.fs.Path("s3a://films/crash/squares/manifest.json"), false);
        films.create(new org.apache.hadoop.fs.Path("s3a://films/crash/squares/" + FilmLayout.PUBLISHING)).close();

        ReelfarmProcess.Result again = render(lesson.toString(), "--out", "s3a://films/crash/");

        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("squares: removed the objects an interrupted run left in"
                + " s3a://films/crash/squares without a manifest.json"), again.err());
        assertTrue(again.err().contains("rendered squares"), again.err());
        assertTrue(exists("s3a://films/crash/squares/manifest.json"));
        assertFalse(exists("s3a://films/crash/squares/" + FilmLayout.PUBLISHING));
    }

    @Test
    void aMissingBucketIsOneErrorLineBeforeAnyWork() throws Exception {
        ReelfarmProcess.Result run = render(lesson.toString(), "--out", "s3a://no-such-bucket/out/");

        assertMistake(run, "s3a://no-such-bucket/out", "the bucket does not exist: create it, or fix its name");
    }

    @Test
    void anOutputInsideTheInputPrefixIsOneErrorLine() throws Exception {
        ReelfarmProcess.Result run = render("s3a://lessons/lib/", "--out", "s3a://lessons/lib/films/");

        assertMistake(run, "--out s3a://lessons/lib/films/ is inside the input prefix s3a://lessons/lib/",
                "choose an --out outside");
        assertFalse(S3.bucket("lessons").exists(new org.apache.hadoop.fs.Path("s3a://lessons/lib/films/")));
    }

    @Test
    void anUnreachableEndpointIsOneErrorLineWithoutMinutesOfRetries() throws Exception {
        Map<String, String> settings = new java.util.LinkedHashMap<>(S3.hadoopSettings());
        settings.put("fs.s3a.endpoint", "http://127.0.0.1:9");
        long t0 = System.nanoTime();
        ReelfarmProcess.Result run = renderWith(settings, lesson.toString(), "--out", "s3a://films/dead/");
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertMistake(run, "s3a://films/dead", "the endpoint cannot be reached: check fs.s3a.endpoint");
        // The whole run, JVM, model and Spark start included: on a shared 2-core machine that start
        // alone takes up to a minute. Without Reelfarm's s3a defaults the SDK retries for minutes.
        assertTrue(seconds < 120, "failed after " + seconds + " s");
    }

    @Test
    void refusedCredentialsAreOneErrorLineAndWriteNothing() throws Exception {
        Map<String, String> settings = new java.util.LinkedHashMap<>(CHECKING.hadoopSettings());
        settings.put("fs.s3a.secret.key", "WRONGsecretKEYforTHEtest");

        ReelfarmProcess.Result run = renderWith(settings, lesson.toString(), "--out", "s3a://films/refused/");

        assertMistake(run, "s3a://films/refused", "the store refused the credentials: check fs.s3a.access.key");
        assertFalse(run.out().contains("WRONGsecretKEY") || run.err().contains("WRONGsecretKEY"), run.err());
        try (FileSystem bucket = CHECKING.bucket("films")) { // the right keys: the server answers them
            assertEquals(0, bucket.listStatus(new org.apache.hadoop.fs.Path("s3a://films/")).length);
        }
    }

    @Test
    void aServerThatGoesAwayMidRenderFailsTheFilmInFlightKeepsTheFinishedOneAndResumeFinishesIt() throws Exception {
        Path library = Files.createDirectories(dir.resolve("gone"));
        Files.copy(lesson, library.resolve("squares.md"));
        // After squares.md in the library's order: the short film is committed first, while this one is denoised.
        Files.writeString(library.resolve("voyage.csv"), "shot_id,prompt,duration_s\n"
                + "one,A red circle moves right on a black background.,40\n"
                + "two,A blue square moves up on a white background.,40\n");
        String out = "s3a://films/gone/";
        ReelfarmProcess.Result run;
        try (FileSystem bucket = S3.bucket("films");
                ReelfarmProcess.Running render = ReelfarmProcess.start("2g",
                        renderArgs(S3.hadoopSettings(), library.toString(), "--out", out))) {
            long deadline = System.nanoTime() + 600_000_000_000L;
            // Squares committed, and the long film in flight: its work area is being written.
            while (!bucket.exists(new org.apache.hadoop.fs.Path(out + "squares/manifest.json"))
                    || !bucket.exists(new org.apache.hadoop.fs.Path(out + FilmLayout.WORK + "/voyage/" + FilmLayout.RESUME))) {
                assertTrue(render.isAlive(), "the render ended before the server went away:\n" + render.errSoFar());
                assertTrue(System.nanoTime() < deadline, "no film committed in 10 minutes");
                Thread.sleep(200);
            }
            assertTrue(render.isAlive(), "the long film is still in flight");
            S3.halt();
            run = render.await();
        } finally {
            S3.restart();
        }
        // The store's failure is the run's one error line, naming the film's object and the cause.
        assertMistake(run, "s3a://films/gone/.reelfarm-work/voyage/", "the endpoint cannot be reached");
        try (FileSystem bucket = S3.bucket("films")) {
            assertTrue(bucket.exists(new org.apache.hadoop.fs.Path(out + "squares/manifest.json")), "kept");
            assertFalse(bucket.exists(new org.apache.hadoop.fs.Path(out + "voyage/manifest.json")), "not done");

            ReelfarmProcess.Result resumed = ReelfarmProcess.run("2g",
                    renderArgs(S3.hadoopSettings(), library.toString(), "--out", out, "--resume"));
            assertEquals(0, resumed.exitCode(), resumed.err());
            JsonNode report;
            try (var in = bucket.open(new org.apache.hadoop.fs.Path(out + "library.json"))) {
                report = new ObjectMapper().readTree(in);
            }
            assertEquals(1, report.get("rendered").asInt(), report.toString());
            assertEquals(1, report.get("skipped").asInt(), report.toString());
            JsonNode manifest;
            try (var in = bucket.open(new org.apache.hadoop.fs.Path(out + "voyage/manifest.json"))) {
                manifest = new ObjectMapper().readTree(in);
            }
            assertEquals(2, manifest.get("shots").size(), manifest.toString());
        }
    }

    static void assertMistake(ReelfarmProcess.Result run, String names, String fix) throws IOException {
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errorLines().size(), run.err());
        String line = run.errorLines().get(0);
        assertTrue(line.startsWith("error: ") && line.contains(names) && line.contains(fix), line);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    static ReelfarmProcess.Result render(String... args) {
        return renderWith(S3.hadoopSettings(), args);
    }

    /** A quick render with these s3a settings, each as {@code --conf spark.hadoop.KEY=VALUE}. */
    static ReelfarmProcess.Result renderWith(Map<String, String> s3a, String... args) {
        return ReelfarmProcess.run("2g", renderArgs(s3a, args));
    }

    static String[] renderArgs(Map<String, String> s3a, String... args) {
        List<String> all = new ArrayList<>(List.of("render"));
        all.addAll(List.of(args));
        all.addAll(List.of("--model", TestModels.reference().toString(), "--master", "local[2]", "--steps", "4",
                "--profile", "draft"));
        s3a.forEach((key, value) -> {
            all.add("--conf");
            all.add("spark.hadoop." + key + "=" + value);
        });
        return all.toArray(String[]::new);
    }
}
