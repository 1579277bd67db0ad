package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultsBenchmarkTest {

    @Test
    void theFilmIsAMinuteOrEighteenSecondsQuick() {
        assertEquals(60.0, FaultsBenchmark.film(false).seconds());
        assertEquals("faults-60s", FaultsBenchmark.film(false).name());
        assertEquals(18.0, FaultsBenchmark.film(true).seconds());
        assertEquals("faults-18s", FaultsBenchmark.film(true).name());
        assertEquals(600.0, FaultsBenchmark.resumeFilm(false).seconds(), "resume: long against the start-up");
        assertEquals(18.0, FaultsBenchmark.resumeFilm(true).seconds());
    }

    @Test
    void theWorkAreaOfAKilledRenderIsCountedByKind(@TempDir Path dir) throws Exception {
        Path film = dir.resolve(".reelfarm-work/film");
        Files.createDirectories(film.resolve("codenoise/r0010"));
        Files.createDirectories(film.resolve("windows"));
        Files.createDirectories(film.resolve("segments"));
        Files.writeString(film.resolve("windows/00000.bin"), "");
        Files.writeString(film.resolve("windows/00001.bin"), "");
        Files.writeString(film.resolve("segments/00000.mp4.result"), "");
        Files.writeString(film.resolve("resume.txt"), "");

        FaultsReport.WorkArea area = FaultsBenchmark.workArea(film);

        assertEquals(new FaultsReport.WorkArea(List.of("r0010"), 2, 1), area);
    }

    @Test
    void aRenderKilledBeforeItHadAWorkAreaLeftNothing(@TempDir Path dir) throws Exception {
        assertEquals(new FaultsReport.WorkArea(List.of(), 0, 0), FaultsBenchmark.workArea(dir.resolve("missing")));
    }
}
