package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reelfarm.storage.S3Server;

/**
 * Inputs on a real S3 server (S3Mock) read through s3a, against the same files on local disk:
 * the same films in the same order. No Spark: {@link PlainAnalyzer} stands in for Spark NLP.
 */
class S3InputsIT {
    @RegisterExtension
    static final S3Server S3 = S3Server.withBuckets("lessons");

    /** The same tree goes to local disk and to s3a://lessons/tree/. */
    private static final Map<String, String> TREE = Map.of(
            "b-second.md", "## Shot\nA red ball moves left.\n",
            "a-first.csv", "shot_id,prompt,duration_s\none,A blue box.,2\n",
            "unit-1/c-third.md", "## One\nA green triangle.\n## Two\nA yellow circle moves up.\n",
            "unit-1/notes.txt", "not a script",
            "manifest.json", "{\"an earlier\": \"run\"}",
            ".hidden.md", "## Hidden\nA pink box.\n",
            ".reelfarm-work/lesson.md", "## Work\nA white box.\n");

    @TempDir
    static Path dir;
    static FileSystem lessons;

    private final ScriptReader reader = new ScriptReader(new PlainAnalyzer(), TestVocabulary.get());

    @BeforeAll
    static void upload() throws IOException {
        lessons = S3.bucket("lessons");
        for (Map.Entry<String, String> file : TREE.entrySet()) {
            Path local = dir.resolve("tree").resolve(file.getKey());
            Files.createDirectories(local.getParent());
            Files.writeString(local, file.getValue());
            put("tree/" + file.getKey(), file.getValue());
        }
    }

    @AfterAll
    static void close() throws IOException {
        lessons.close();
    }

    static void put(String key, String text) throws IOException {
        try (OutputStream out = lessons.create(new org.apache.hadoop.fs.Path("s3a://lessons/" + key))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Inputs expand(String... arguments) {
        return Inputs.expand(List.of(arguments), S3::hadoopConfiguration);
    }

    @Test
    void aPrefixIsALibraryOfTheSameFilmsInTheSameOrderAsALocalDirectory() {
        List<Script> local = reader.read(expand(dir.resolve("tree").toString()));
        List<Script> remote = reader.read(expand("s3a://lessons/tree/"));

        assertEquals(List.of("a-first", "b-second", "c-third"), remote.stream().map(Script::name).toList());
        assertEquals(List.of("s3a://lessons/tree/a-first.csv", "s3a://lessons/tree/b-second.md",
                "s3a://lessons/tree/unit-1/c-third.md"), remote.stream().map(Script::source).toList());
        for (int i = 0; i < local.size(); i++) {
            assertEquals(local.get(i).name(), remote.get(i).name());
            assertEquals(local.get(i).sha256(), remote.get(i).sha256());
            assertEquals(local.get(i).shots(), remote.get(i).shots());
        }
        assertEquals(3, local.size());
    }

    @Test
    void aKeyIsOneFilmNamedByItsUri() {
        List<Script> films = reader.read(expand("s3a://lessons/tree/unit-1/c-third.md"));

        assertEquals(1, films.size());
        assertEquals("c-third", films.get(0).name());
        assertEquals("s3a://lessons/tree/unit-1/c-third.md", films.get(0).source());
        assertEquals(2, films.get(0).shots().size());
    }

    @Test
    void aListOnS3ResolvesRelativeEntriesAgainstItsPrefixAndAbsoluteOnesAgainstItsBucket() throws IOException {
        put("lists/grade-1.txt", """
                # the first unit
                ../tree/b-second.md

                /tree/a-first.csv
                s3a://lessons/tree/unit-1/c-third.md
                """);

        List<Script> films = reader.read(expand("@s3a://lessons/lists/grade-1.txt"));

        assertEquals(List.of("s3a://lessons/tree/b-second.md", "s3a://lessons/tree/a-first.csv",
                "s3a://lessons/tree/unit-1/c-third.md"), films.stream().map(Script::source).toList());
    }

    @Test
    void aMissingPrefixNamesTheUriAndTheFix() {
        InputException e = assertThrows(InputException.class, () -> reader.read(expand("s3a://lessons/no-such-lib/")));

        assertEquals("s3a://lessons/no-such-lib/", e.file());
        assertEquals("s3a://lessons/no-such-lib/: not found (no object with this key, and none under it as a"
                + " prefix); check the bucket and the key, and that the endpoint (--conf spark.hadoop.fs.s3a.endpoint)"
                + " is the server that holds them", e.getMessage());
    }

    @Test
    void aMissingListNamesItsUri() {
        InputException e = assertThrows(InputException.class, () -> expand("@s3a://lessons/lists/none.txt"));

        assertEquals("s3a://lessons/lists/none.txt: list file not found; check the URI after @", e.getMessage());
    }

    @Test
    void aPrefixWithoutScriptsSaysSo() throws IOException {
        put("empty-lib/readme.txt", "no scripts here");

        InputException e = assertThrows(InputException.class, () -> expand("s3a://lessons/empty-lib"));

        assertEquals("s3a://lessons/empty-lib: prefix holds no script file; put " + ScriptFormat.SUPPORTED
                + " files under it", e.getMessage());
    }

    @Test
    void localInputsNeverAskForTheHadoopConfiguration() {
        Supplier<Configuration> none = () -> {
            throw new AssertionError("asked for the Hadoop configuration");
        };

        Inputs inputs = Inputs.expand(List.of(dir.resolve("tree").toString(), "@" + list()), none);

        assertEquals(4, inputs.size());
    }

    private static Path list() {
        try {
            return Files.writeString(dir.resolve("local-list.txt"), "tree/b-second.md\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aUriIsAnythingWithASchemeButFile() {
        assertTrue(Inputs.isUri("s3a://lessons/lib/"));
        assertTrue(Inputs.isUri("hdfs://namenode:8020/lessons"));
        assertFalse(Inputs.isUri("file:///tmp/lesson.md"));
        assertFalse(Inputs.isUri("lessons/lib"));
        assertFalse(Inputs.isUri("c:/lessons"));
        assertFalse(Inputs.isUri("a:b.md"));
    }
}
