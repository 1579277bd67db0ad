package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicroBenchmarkTest {

    @Test
    void timePerWindowStepDividesByWindowsStepsAndThreads() {
        assertEquals(12.0, new MicroBenchmark.Row("denoise, batch 4", 48, 1, 4, 1).msPerWindowStep());
        assertEquals(10.0, new MicroBenchmark.Row("denoise, batch 4, 2 threads", 80, 1, 4, 2).msPerWindowStep());
        assertEquals(12.5, new MicroBenchmark.Row("sample 1 window, 20 steps", 250, 1, 20, 1).msPerWindowStep());
    }

    @Test
    void chartsArePngFilesWithoutADisplay(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<MicroBenchmark.Row> rows = List.of(new MicroBenchmark.Row("denoise, batch 1", 13, 2, 1, 1),
                new MicroBenchmark.Row("sample 1 window, 20 steps", 250, 40, 20, 1));
        Path png = dir.resolve("micro.png");

        Charts.save(MicroBenchmark.charts(rows), 2, png);

        byte[] magic = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);
    }
}
