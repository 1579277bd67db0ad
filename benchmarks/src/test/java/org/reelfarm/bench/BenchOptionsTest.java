package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchOptionsTest {

    @Test
    void parsesNameOutAndDefaults() {
        BenchOptions options = BenchOptions.parse("render", "--out", "/tmp/bench");

        assertEquals(BenchOptions.Suite.RENDER, options.suite());
        assertEquals(Path.of("/tmp/bench"), options.out());
        assertFalse(options.quick());
        assertEquals(BenchOptions.DEFAULT_HEAP, options.heap());
        assertEquals(BenchOptions.DEFAULT_MAX_WAIT_SECONDS, options.maxWaitSeconds());
        assertEquals(BenchOptions.DEFAULT_REPEAT, options.repeat());
    }

    @Test
    void acceptsOptionsBeforeTheNameAndWithEquals() {
        BenchOptions options = BenchOptions.parse("--quick", "--out=/tmp/b", "--heap=512m", "micro", "--max-wait", "0", "--repeat=1");

        assertEquals(BenchOptions.Suite.MICRO, options.suite());
        assertEquals(Path.of("/tmp/b"), options.out());
        assertTrue(options.quick());
        assertEquals("512m", options.heap());
        assertEquals(0, options.maxWaitSeconds());
        assertEquals(1, options.repeat());
    }

    @Test
    void aQuickFaultsRunDoesEachFaultOnceUnlessToldOtherwise() {
        assertEquals(BenchOptions.Suite.FAULTS, BenchOptions.parse("faults", "--out", "/tmp/b").suite());
        assertEquals(BenchOptions.DEFAULT_REPEAT, BenchOptions.parse("faults", "--out", "/tmp/b").repeat());
        assertEquals(BenchOptions.FAULTS_QUICK_REPEAT, BenchOptions.parse("faults", "--out", "/tmp/b", "--quick").repeat());
        assertEquals(2, BenchOptions.parse("faults", "--quick", "--repeat", "2", "--out", "/tmp/b").repeat());
        assertEquals(BenchOptions.DEFAULT_REPEAT, BenchOptions.parse("render", "--out", "/tmp/b", "--quick").repeat());
    }

    @Test
    void helpGivesNoOptions() {
        assertNull(BenchOptions.parse("--help"));
        assertNull(BenchOptions.parse("render", "-h"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nope --out /tmp/b         | unknown benchmark \"nope\"; use micro, render, ingest, seams, faults, capacity, library, storage or all",
            "render                    | --out DIR is required",
            "--out /tmp/b              | name a benchmark: micro, render, ingest, seams, faults, capacity, library, storage or all",
            "render --out              | --out needs a value",
            "render micro --out /tmp/b | give one benchmark name",
            "render --out /tmp/b --fast | unknown option \"--fast\"",
            "render --out /tmp/b --heap lots | --heap \"lots\" is not a heap size",
            "render --out /tmp/b --max-wait soon | --max-wait \"soon\" is not a whole number, e.g. --max-wait 3",
            "render --out /tmp/b --repeat 0 | --repeat must be at least 1, got 0",
            "render --out /tmp/b --max-wait -1 | --max-wait must be 0 or more seconds"})
    void rejectsBadCommandLinesWithAMessageThatSaysWhatToDo(String line, String message) {
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class,
                () -> BenchOptions.parse(line.trim().split(" +")));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void badUsageExitsWithTwoAndAnErrorLine() {
        var err = new java.io.ByteArrayOutputStream();
        var out = new java.io.ByteArrayOutputStream();

        int code = BenchMain.run(new String[] {"nope", "--out", "/tmp/b"}, new java.io.PrintStream(out),
                new java.io.PrintStream(err));

        assertEquals(BenchMain.USAGE, code);
        assertTrue(err.toString().startsWith("error: unknown benchmark \"nope\""), err.toString());
        assertEquals("", out.toString());
    }
}
