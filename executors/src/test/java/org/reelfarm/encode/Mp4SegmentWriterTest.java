package org.reelfarm.encode;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Mp4SegmentWriterTest {

    private static final int WIDTH = 256;
    private static final int HEIGHT = 192;
    private static final int FPS = 24;
    private static final int RED_FRAMES = 24;
    private static final int BLUE_FRAMES = 24;
    private static final int SQUARE = 64;
    // H.264 is lossy and yuv420p rounds colours; flat areas come back within a few levels.
    private static final int TOLERANCE = 8;
    // yuv420p keeps colour at half resolution, and resampling it smears a hard colour edge over a
    // few pixels: those are compared only for being decoded at all.
    private static final int EDGE_BAND = 4;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Path redThenBlue;

    @BeforeAll
    static void encodeRedThenBlue() {
        redThenBlue = shared.resolve("red-then-blue.mp4");
        try (Mp4SegmentWriter writer = Mp4SegmentWriter.open(redThenBlue, WIDTH, HEIGHT, FPS, VideoQuality.PREVIEW)) {
            for (int i = 0; i < RED_FRAMES + BLUE_FRAMES; i++) {
                writer.write(expectedFrame(i));
            }
        }
    }

    /** Red, then blue frames; a green square in the top-left corner catches flipped or swapped axes. */
    private static byte[] expectedFrame(int index) {
        byte[] rgb = index < RED_FRAMES
                ? TestFrames.solid(WIDTH, HEIGHT, 220, 20, 30)
                : TestFrames.solid(WIDTH, HEIGHT, 25, 40, 210);
        for (int y = 0; y < SQUARE; y++) {
            for (int x = 0; x < SQUARE; x++) {
                int p = (y * WIDTH + x) * 3;
                rgb[p] = 30;
                rgb[p + 1] = (byte) 200;
                rgb[p + 2] = 40;
            }
        }
        return rgb;
    }

    @Test
    void fileReportsExactFrameCountSizeRateAndCodec() {
        Mp4Info info = Mp4Frames.probe(redThenBlue);

        assertEquals(new Mp4Info(RED_FRAMES + BLUE_FRAMES, WIDTH, HEIGHT, FPS, "h264"), info);
    }

    @Test
    void everyFrameDecodesBackInOrderWithItsColours() {
        List<byte[]> decoded = TestFrames.decodeAll(redThenBlue);

        assertEquals(RED_FRAMES + BLUE_FRAMES, decoded.size());
        for (int i = 0; i < decoded.size(); i++) {
            byte[] expected = expectedFrame(i);
            byte[] actual = decoded.get(i);
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    if (nearSquareEdge(x, y)) {
                        continue;
                    }
                    for (int c = 0; c < 3; c++) {
                        int p = (y * WIDTH + x) * 3 + c;
                        int difference = Math.abs((expected[p] & 0xff) - (actual[p] & 0xff));
                        if (difference > TOLERANCE) {
                            fail("frame " + i + " pixel " + x + "," + y + " channel " + c + ": expected "
                                    + (expected[p] & 0xff) + " but was " + (actual[p] & 0xff));
                        }
                    }
                }
            }
        }
    }

    private static boolean nearSquareEdge(int x, int y) {
        boolean nearVertical = Math.abs(x - SQUARE) < EDGE_BAND && y < SQUARE + EDGE_BAND;
        boolean nearHorizontal = Math.abs(y - SQUARE) < EDGE_BAND && x < SQUARE + EDGE_BAND;
        return nearVertical || nearHorizontal;
    }

    static Stream<Arguments> qualitiesAndRates() {
        return Stream.of(
                Arguments.of(VideoQuality.DRAFT, 30),
                Arguments.of(VideoQuality.PREVIEW, 25),
                Arguments.of(VideoQuality.FINAL, 24),
                Arguments.of(new VideoQuality(0, "superfast"), 60));
    }

    @ParameterizedTest
    @MethodSource("qualitiesAndRates")
    void everyQualityKeepsTheExactFrameCountAndRate(VideoQuality quality, int fps) {
        Path file = dir.resolve("q.mp4");
        int frames = 13;
        try (Mp4SegmentWriter writer = Mp4SegmentWriter.open(file, 64, 48, fps, quality)) {
            for (int i = 0; i < frames; i++) {
                writer.write(TestFrames.moving(64, 48, i));
            }
        }

        assertEquals(new Mp4Info(frames, 64, 48, fps, "h264"), Mp4Frames.probe(file));
    }

    @Test
    void countsFramesWritten() {
        try (Mp4SegmentWriter writer = Mp4SegmentWriter.open(dir.resolve("n.mp4"), 32, 32, FPS, VideoQuality.DRAFT)) {
            assertEquals(0, writer.framesWritten());
            writer.write(TestFrames.solid(32, 32, 1, 2, 3));
            writer.write(TestFrames.solid(32, 32, 1, 2, 3));

            assertEquals(2, writer.framesWritten());
        }
    }

    @Test
    void unwritablePathGivesEncodeExceptionNamingTheFile() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = notADirectory.resolve("segment.mp4");

        EncodeException e = assertThrows(EncodeException.class,
                () -> Mp4SegmentWriter.open(file, WIDTH, HEIGHT, FPS, VideoQuality.DRAFT));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void rejectsFrameOfWrongLength() {
        try (Mp4SegmentWriter writer = Mp4SegmentWriter.open(dir.resolve("w.mp4"), 32, 32, FPS, VideoQuality.DRAFT)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> writer.write(new byte[32 * 32 * 4]));

            assertEquals("frame has 4096 bytes; 32x32 RGB24 needs 3072", e.getMessage());
        }
    }

    @Test
    void rejectsOddWidthBeforeTouchingTheFile() {
        Path file = dir.resolve("odd.mp4");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mp4SegmentWriter.open(file, 255, 192, FPS, VideoQuality.DRAFT));

        assertEquals("width 255 must be even and in [2, 8192] (yuv420p needs even sizes)", e.getMessage());
        assertTrue(Files.notExists(file));
    }

    @Test
    void writeAfterCloseIsRejected() {
        Mp4SegmentWriter writer = Mp4SegmentWriter.open(dir.resolve("c.mp4"), 32, 32, FPS, VideoQuality.DRAFT);
        writer.close();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> writer.write(TestFrames.solid(32, 32, 0, 0, 0)));
        assertTrue(e.getMessage().endsWith("c.mp4: writer is closed"), e.getMessage());
    }

    @Test
    void closingTwiceIsHarmless() {
        Path file = dir.resolve("twice.mp4");
        Mp4SegmentWriter writer = Mp4SegmentWriter.open(file, 32, 32, FPS, VideoQuality.DRAFT);
        writer.write(TestFrames.solid(32, 32, 9, 9, 9));

        writer.close();
        writer.close();

        assertAll(
                () -> assertEquals(1, Mp4Frames.probe(file).frameCount()),
                () -> assertEquals(1, writer.framesWritten()));
    }
}
