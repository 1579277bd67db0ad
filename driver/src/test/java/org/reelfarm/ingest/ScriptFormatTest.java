package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptFormatTest {

    @ParameterizedTest
    @CsvSource({
        "lesson.md, MARKDOWN",
        "list.csv, CSV",
        "list.json, JSON",
        "LIST.JSON, JSON",
        "films/heist.fountain, FOUNTAIN",
        "films/Heist.Fountain, FOUNTAIN",
        "heist.spmd, FOUNTAIN",
    })
    void formatFollowsTheExtension(String fileName, ScriptFormat expected) {
        assertEquals(expected, ScriptFormat.of(fileName));
    }

    @Test
    void unsupportedExtensionListsEveryFormat() {
        InputException e = assertThrows(InputException.class, () -> ScriptFormat.of("notes.txt"));

        assertEquals("notes.txt: unsupported file type \".txt\"; supported inputs are .fountain or .spmd (Fountain"
                + " screenplay), .md (Markdown lesson), .csv or .json (shot list)", e.getMessage());
    }
}
