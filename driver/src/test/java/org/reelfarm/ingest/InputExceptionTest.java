package org.reelfarm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InputExceptionTest {

    @Test
    void messageNamesFileLineProblemAndFix() {
        InputException e = new InputException("films/a.csv", 3, "duration_s -1 is out of range", "use seconds > 0");

        assertEquals("films/a.csv:3: duration_s -1 is out of range; use seconds > 0", e.getMessage());
        assertEquals("films/a.csv", e.file());
        assertEquals(3, e.line());
        assertEquals("duration_s -1 is out of range", e.problem());
        assertEquals("use seconds > 0", e.fix());
    }

    @Test
    void messageHasNoLinePartWhenTheLineIsZero() {
        InputException e = new InputException("a.md", 0, "file is empty", "write a lesson");

        assertEquals("a.md: file is empty; write a lesson", e.getMessage());
    }
}
