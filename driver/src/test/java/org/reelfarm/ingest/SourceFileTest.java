package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFileTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsAnInputError() {
        Path missing = dir.resolve("nope.md");

        InputException e = assertThrows(InputException.class, () -> SourceFile.load(missing));

        assertEquals(missing + ": file not found; check the path and the current directory", e.getMessage());
    }

    @Test
    void directoryIsAnInputError() {
        InputException e = assertThrows(InputException.class, () -> SourceFile.load(dir));

        assertEquals(dir + ": is a directory, not a script file; pass the script files in it, or the directory"
                + " itself as a library", e.getMessage());
    }

    @Test
    void unknownExtensionSaysWhichAreSupported() {
        Path txt = Files2.write(dir, "notes.txt", "hello");

        InputException e = assertThrows(InputException.class, () -> SourceFile.load(txt));

        assertEquals(txt + ": unsupported file type \".txt\"; supported inputs are .fountain or .spmd (Fountain screenplay), .md (Markdown lesson), .csv or .json (shot list)", e.getMessage());
    }

    @Test
    void fileWithoutExtensionIsAnInputError() {
        Path plain = Files2.write(dir, "README", "hello");

        InputException e = assertThrows(InputException.class, () -> SourceFile.load(plain));

        assertEquals(plain + ": file has no extension, so its format is unknown; "
                + "supported inputs are .fountain or .spmd (Fountain screenplay), .md (Markdown lesson), .csv or .json (shot list)", e.getMessage());
    }

    @Test
    void emptyFileIsAnInputError() {
        Path empty = Files2.write(dir, "empty.md", "");

        InputException e = assertThrows(InputException.class, () -> SourceFile.load(empty));

        assertEquals(empty + ": file is empty; write a lesson with one \"## Shot title\" section per shot",
                e.getMessage());
    }

    @Test
    void fileOfBlanksAndABomIsEmpty() {
        Path blank = Files2.write(dir, "blank.csv", "\uFEFF \r\n\t\n");

        InputException e = assertThrows(InputException.class, () -> SourceFile.load(blank));

        assertEquals(blank + ": file is empty; write the header shot_id,prompt,duration_s and one row per shot",
                e.getMessage());
    }

    @Test
    void nonUtf8BytesAreReportedWithTheirOffsetAndLine() {
        byte[] latin1 = "## Caf\u00e9\nA red ball.\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files2.write(dir, "latin1.md", latin1);

        InputException e = assertThrows(InputException.class, () -> SourceFile.load(file));

        assertEquals(file + ":1: is not valid UTF-8: byte 0xE9 at byte offset 6; save the file as UTF-8",
                e.getMessage());
        assertEquals(1, e.line());
    }

    @Test
    void utf16FileIsNamedAsSuch() {
        byte[] utf16 = "## One\nA red ball.\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        Path file = Files2.write(dir, "utf16.md", withBom);

        InputException e = assertThrows(InputException.class, () -> SourceFile.load(file));

        assertEquals(file + ": is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8; save the file as UTF-8",
                e.getMessage());
    }

    @Test
    void truncatedCharacterAtTheEndIsReported() {
        byte[] bytes = {'#', '#', ' ', 'A', '\n', 'x', (byte) 0xE2, (byte) 0x82};
        Path file = Files2.write(dir, "cut.md", bytes);

        InputException e = assertThrows(InputException.class, () -> SourceFile.load(file));

        assertEquals(file + ":2: is not valid UTF-8: byte 0xE2 at byte offset 6; save the file as UTF-8",
                e.getMessage());
    }

    @Test
    void bomAndCrlfAreAccepted() {
        Path file = Files2.write(dir, "lesson.md", "\uFEFF# Title\r\n## One\r\nA red ball.\r\n");

        SourceFile source = SourceFile.load(file);

        assertEquals("# Title\n## One\nA red ball.\n", source.text());
        assertEquals("lesson", source.name());
        assertEquals(ScriptFormat.MARKDOWN, source.format());
    }

    @Test
    void extensionIsCaseInsensitive() {
        Path file = Files2.write(dir, "Shots.CSV", "shot_id,prompt,duration_s\na,b,1\n");

        assertEquals(ScriptFormat.CSV, SourceFile.load(file).format());
        assertEquals("Shots", SourceFile.load(file).name());
    }

    @Test
    void hashIsTheSha256OfTheFileBytes() {
        Path file = Files2.write(dir, "abc.md", "abc");

        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SourceFile.load(file).sha256());
    }

    @Test
    void fileNameThatGivesNoFilmNameIsRejected() {
        Path file = Files2.write(dir, "...md", "## A\ntext");

        InputException e = assertThrows(InputException.class, () -> SourceFile.load(file));

        assertEquals(file + ": the file name gives no usable film name (\"..\"); rename the file, e.g. lesson-1.md",
                e.getMessage());
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithItsLineNumber() {
        String longLine = "red ".repeat(SourceFile.MAX_LINE_CHARS / 4 + 1);
        Path md = Files2.write(dir, "long.md", "## Shot\n" + longLine + "\n");

        InputException e = assertThrows(InputException.class, () -> SourceFile.load(md));

        assertEquals(2, e.line());
        assertEquals("line is 1,048,580 characters long, more than the 1,048,576 characters (1 MiB) a line may have",
                e.problem());
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() {
        Path md = Files2.write(dir, "edge.md", "## Shot\n" + "r".repeat(SourceFile.MAX_LINE_CHARS));

        assertEquals(SourceFile.MAX_LINE_CHARS + 8, SourceFile.load(md).text().length());
    }
}
