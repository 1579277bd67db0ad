package org.reelfarm.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing films on local disk: one rename, the film directory appears whole. */
class FilmStoreTest {
    @TempDir
    Path dir;

    FilmStore store() {
        return FilmStore.open(dir.resolve("out").toString(), new Configuration());
    }

    @Test
    void onLocalDiskAFilmAppearsWholeByOneRename() throws Exception {
        FilmStore store = store();
        store.prepareWork("film");
        store.writeWork("film", FilmLayout.RESUME, "fingerprint\n");
        store.work().writeText(FilmLayout.segment("film", 0), "segment");
        store.beginPublish("film");
        store.putFilmFile("film", FilmLayout.FILM, Files.writeString(dir.resolve("film.mp4"), "mp4"));
        store.putFilmFile("film", FilmLayout.shot(0, "one"), Files.writeString(dir.resolve("shot.mp4"), "shot"));

        assertFalse(Files.exists(dir.resolve("out/film")), "nothing of the film shows before it is published");
        store.publish("film", Map.of("timeline.otio", "{}"), "{\"manifest\":1}");

        Path film = dir.resolve("out/film");
        try (Stream<Path> files = Files.walk(film)) {
            assertEquals(List.of("film.mp4", "manifest.json", "shots/001-one.mp4", "timeline.otio"),
                    files.filter(Files::isRegularFile).map(p -> film.relativize(p).toString()).sorted().toList());
        }
        assertEquals("{\"manifest\":1}", store.manifest("film"));
        assertFalse(Files.exists(dir.resolve("out").resolve(FilmLayout.WORK)), "the work area is gone");
    }

    @Test
    void republishingReplacesTheOlderFilm() {
        FilmStore store = store();
        for (String version : List.of("1", "2")) {
            store.prepareWork("film");
            store.writeWork("film", FilmLayout.RESUME, version);
            store.publish("film", Map.of(), version);
        }
        assertEquals("2", store.manifest("film"));
    }

    @Test
    void aDirectoryWithoutManifestOnLocalDiskIsNotReelfarms() throws Exception {
        FilmStore store = store();
        Files.createDirectories(dir.resolve("out/film"));
        assertNull(store.manifest("film"));
        assertEquals(FilmStore.Unpublished.FOREIGN, store.unpublished("film"));
        assertEquals(FilmStore.Unpublished.NONE, store.unpublished("other"));
    }

    @Test
    void theLibraryIsWrittenWholeWithNoTemporaryFileLeft() throws Exception {
        FilmStore store = store();
        store.writeLibrary("{\"films\":[]}");
        store.writeLibrary("{\"films\":[1]}");
        assertEquals("{\"films\":[1]}", Files.readString(dir.resolve("out").resolve(FilmLayout.LIBRARY)));
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(FilmLayout.LIBRARY), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void anOutputInsideAnInputPrefixIsRefusedNamingBoth() {
        StorageException e = assertThrows(StorageException.class,
                () -> FilmStore.checkOutside("s3a://b/lib/films", List.of("s3a://b/lib/")));
        assertEquals("--out s3a://b/lib/films is inside the input prefix s3a://b/lib/: the next run would read its"
                + " films as inputs; choose an --out outside s3a://b/lib/", e.getMessage());
        FilmStore.checkOutside("s3a://b/films", List.of("s3a://b/lib/", "s3a://b/library.md"));
        FilmStore.checkOutside("out", List.of("."));
    }

    @Test
    void theWorkRootOpensAgainAsTheSameLocalDirectory() {
        FilmStore store = store();
        Storage work = Storage.open(store.workRoot(), new Configuration());
        assertTrue(work.isLocal());
        assertEquals(dir.resolve("out").resolve(FilmLayout.WORK).toString(), work.location());
    }

    @Test
    void aMissingFileReadsAsNullAndAMissingDirectoryListsEmpty() {
        Storage storage = Storage.open(dir.toString(), new Configuration());
        assertNull(storage.readText("no/such"));
        assertEquals(List.of(), storage.list("no/such"));
        storage.delete("no/such");
        assertTrue(storage.isLocal());
    }
}
