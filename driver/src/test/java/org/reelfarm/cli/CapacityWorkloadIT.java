package org.reelfarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.render.ReelfarmProcess;

/**
 * {@code capacity --workload} in a fresh JVM: scripts read and planned by the real ingest and
 * planner, given as files, as a directory (a library) or as {@code @list.txt}, as {@code render}
 * takes them.
 */
class CapacityWorkloadIT {
    @TempDir
    static Path dir;
    static Path model;
    static Path library;

    @BeforeAll
    static void exportTheModelAndWriteALibrary() throws Exception {
        model = dir.resolve("reference");
        ReelfarmProcess.Result export = ReelfarmProcess.run("1g", "model", "export", model.toString());
        assertEquals(0, export.exitCode(), export.err());
        library = Files.createDirectories(dir.resolve("lessons"));
        String lesson = Files.readString(ReelfarmProcess.projectRoot().resolve("examples/shapes-lesson.md"));
        Files.writeString(library.resolve("lesson-1.md"), lesson);
        Files.createDirectories(library.resolve("unit-2"));
        Files.writeString(library.resolve("unit-2/lesson-2.md"), lesson);
        Files.writeString(library.resolve("lesson-3.md"), lesson);
    }

    private static JsonNode capacity(String... args) throws Exception {
        // A profile file: the processes run in a home of their own, without the checkout's conf/.
        String profile = ReelfarmProcess.projectRoot().resolve("conf/profiles/cogvideox-5b-h100.json").toString();
        List<String> all = new ArrayList<>(List.of("capacity", "--profile", profile, "--gpus", "8",
                "--json", "--master", "local[1]", "--model", model.toString()));
        all.addAll(List.of(args));
        ReelfarmProcess.Result r = ReelfarmProcess.run("1g", all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void aDirectoryIsALibraryAndPlansAsItsFilesDo() throws Exception {
        JsonNode one = capacity("--workload", library.resolve("lesson-1.md").toString());
        JsonNode files = capacity("--workload", library.resolve("lesson-1.md").toString(),
                library.resolve("unit-2/lesson-2.md").toString(), library.resolve("lesson-3.md").toString());
        Path list = Files.writeString(dir.resolve("list.txt"),
                "lessons/lesson-1.md\nlessons/unit-2/lesson-2.md\nlessons/lesson-3.md\n");
        JsonNode listed = capacity("--workload", "@" + list);
        JsonNode directory = capacity("--workload", library.toString());

        double seconds = one.path("breakdown").path("model_compute").path("video_s").asDouble();
        assertTrue(seconds > 0);
        assertEquals(3 * seconds, files.path("breakdown").path("model_compute").path("video_s").asDouble(), 1e-9);
        assertEquals(files, directory, "the directory's three lessons, in it and under it, planned as the files are");
        assertEquals(files, listed);
    }

    @Test
    void aSmallerBudgetOfWindowsInFlightRunsMoreStages() throws Exception {
        JsonNode streamed = capacity("--workload", library.toString());
        JsonNode oneAtATime = capacity("--workload", library.toString(), "--max-in-flight", "1");
        assertEquals(streamed.path("breakdown").path("model_compute").path("window_steps").asLong(),
                oneAtATime.path("breakdown").path("model_compute").path("window_steps").asLong());
        // By default the first lesson is a group alone and the other two one group; with a budget
        // of one window each lesson is a group of its own: three jobs, each with its own stages.
        assertTrue(oneAtATime.path("breakdown").path("codenoise").path("stages").asInt()
                > streamed.path("breakdown").path("codenoise").path("stages").asInt(), oneAtATime + " vs " + streamed);
    }
}
