package org.reelfarm.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4RemuxerTest {

    private static final int WIDTH = 256;
    private static final int HEIGHT = 192;
    private static final int FPS = 24;
    private static final int[] SEGMENT_FRAMES = {10, 17, 24};

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static List<Path> segments;
    private static Path joined;
    private static long packetsWritten;

    /**
     * FINAL quality uses B-frames, so packets are stored out of display order: the hardest case
     * for shifting timestamps across a join.
     */
    @BeforeAll
    static void encodeAndJoinSegments() {
        segments = new ArrayList<>();
        int frame = 0;
        for (int s = 0; s < SEGMENT_FRAMES.length; s++) {
            Path segment = shared.resolve("segment-" + s + ".mp4");
            frame = writeSegment(segment, WIDTH, HEIGHT, VideoQuality.FINAL, frame, SEGMENT_FRAMES[s]);
            segments.add(segment);
        }
        joined = shared.resolve("film.mp4");
        packetsWritten = Mp4Remuxer.remux(segments, joined);
    }

    /** Writes {@code count} moving frames starting at {@code first}; returns the next frame number. */
    private static int writeSegment(Path file, int width, int height, VideoQuality quality, int first, int count) {
        try (Mp4SegmentWriter writer = Mp4SegmentWriter.open(file, width, height, FPS, quality)) {
            for (int i = first; i < first + count; i++) {
                writer.write(TestFrames.moving(width, height, i));
            }
        }
        return first + count;
    }

    @Test
    void returnsOnePacketPerFrameOfAllSegments() {
        assertEquals(51, packetsWritten);
    }

    @Test
    void joinedFileHasEveryFrameAtTheSameRate() {
        assertEquals(new Mp4Info(51, WIDTH, HEIGHT, FPS, "h264"), Mp4Frames.probe(joined));
    }

    @Test
    void joinedFramesAreByteIdenticalToTheSegmentsFrames() {
        List<byte[]> expected = new ArrayList<>();
        for (Path segment : segments) {
            expected.addAll(TestFrames.decodeAll(segment));
        }

        List<byte[]> actual = TestFrames.decodeAll(joined);

        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i + " was re-encoded or misplaced");
        }
    }

    @Test
    void singleSegmentIsCopiedUnchanged() {
        Path out = dir.resolve("one.mp4");

        long packets = Mp4Remuxer.remux(List.of(segments.get(1)), out);

        assertEquals(17, packets);
        List<byte[]> expected = TestFrames.decodeAll(segments.get(1));
        List<byte[]> actual = TestFrames.decodeAll(out);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
    }

    @Test
    void rejectsSegmentOfDifferentSizeNamingIt() {
        Path small = dir.resolve("small.mp4");
        writeSegment(small, 128, 96, VideoQuality.FINAL, 0, 3);

        EncodeException e = assertThrows(EncodeException.class,
                () -> Mp4Remuxer.remux(List.of(segments.get(0), small), dir.resolve("out.mp4")));

        assertTrue(e.getMessage().startsWith(small + ": cannot be joined after " + segments.get(0)), e.getMessage());
        assertTrue(e.getMessage().contains("size 128x96 vs 256x192"), e.getMessage());
    }

    @Test
    void rejectsSegmentEncodedWithDifferentSettings() {
        Path draft = dir.resolve("draft.mp4");
        writeSegment(draft, WIDTH, HEIGHT, VideoQuality.DRAFT, 0, 3);

        EncodeException e = assertThrows(EncodeException.class,
                () -> Mp4Remuxer.remux(List.of(segments.get(0), draft), dir.resolve("out.mp4")));

        assertTrue(e.getMessage().contains("codec setup (SPS/PPS)"), e.getMessage());
    }

    @Test
    void missingSegmentGivesEncodeExceptionNamingIt() {
        Path missing = dir.resolve("missing.mp4");

        EncodeException e = assertThrows(EncodeException.class,
                () -> Mp4Remuxer.remux(List.of(segments.get(0), missing), dir.resolve("out.mp4")));

        assertTrue(e.getMessage().startsWith(missing + ": opening the video failed: No such file"), e.getMessage());
    }

    @Test
    void unwritableOutputGivesEncodeExceptionNamingIt() throws IOException {
        Path out = Files.writeString(dir.resolve("plain-file"), "x").resolve("film.mp4");

        EncodeException e = assertThrows(EncodeException.class, () -> Mp4Remuxer.remux(segments, out));

        assertTrue(e.getMessage().startsWith(out + ": opening the file for writing"), e.getMessage());
    }

    @Test
    void rejectsOutputThatIsAlsoASegment() {
        Path segment = segments.get(0);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mp4Remuxer.remux(List.of(segment), segment));

        assertEquals("output " + segment + " is also one of the segments; write to another file", e.getMessage());
    }

    @Test
    void rejectsEmptySegmentList() {
        Path out = dir.resolve("film.mp4");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mp4Remuxer.remux(List.of(), out));

        assertEquals("no segments to join into " + out, e.getMessage());
    }
}
