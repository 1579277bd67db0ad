package org.reelfarm.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngSequenceWriterTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsExactRgbValues() throws IOException {
        int width = 7;
        int height = 5;
        byte[] rgb = new byte[width * height * 3];
        new Random(42).nextBytes(rgb);

        Path file = PngSequenceWriter.writeFrame(dir, 3, rgb, width, height);

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = (y * width + x) * 3;
                int expected = (rgb[p] & 0xff) << 16 | (rgb[p + 1] & 0xff) << 8 | (rgb[p + 2] & 0xff);
                assertEquals(expected, image.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void namesFilesWithSixDigitFrameNumbersAndCreatesTheDirectory() {
        Path frames = dir.resolve("shot-1/frames");

        Path file = PngSequenceWriter.writeFrame(frames, 42, new byte[12], 2, 2);

        assertEquals(frames.resolve("000042.png"), file);
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void rewritingAFrameReplacesItAndLeavesNoPartialFiles() throws IOException {
        PngSequenceWriter.writeFrame(dir, 0, TestFrames.solid(2, 2, 1, 2, 3), 2, 2);

        PngSequenceWriter.writeFrame(dir, 0, TestFrames.solid(2, 2, 200, 100, 50), 2, 2);

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("000000.png")), files.toList());
        }
        assertEquals(0xc86432, ImageIO.read(dir.resolve("000000.png").toFile()).getRGB(1, 1) & 0xffffff);
    }

    @Test
    void unwritablePathGivesEncodeExceptionNamingTheFile() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

        EncodeException e = assertThrows(EncodeException.class,
                () -> PngSequenceWriter.writeFrame(notADirectory, 7, new byte[12], 2, 2));

        assertTrue(e.getMessage().startsWith(notADirectory.resolve("000007.png") + ": cannot write PNG"),
                e.getMessage());
    }

    @Test
    void rejectsArrayOfWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PngSequenceWriter.writeFrame(dir, 0, new byte[10], 2, 2));

        assertEquals("frame has 10 bytes; 2x2 RGB24 needs 12 (width and height must be positive)", e.getMessage());
    }

    @Test
    void rejectsNegativeFrameNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PngSequenceWriter.writeFrame(dir, -1, new byte[12], 2, 2));

        assertEquals("frame number -1 is outside [0, 999999]", e.getMessage());
    }
}
