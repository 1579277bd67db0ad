package org.reelfarm.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4FramesTest {

    @TempDir
    Path dir;

    private Path writeFrames(int count) {
        Path file = dir.resolve("clip.mp4");
        try (Mp4SegmentWriter writer = Mp4SegmentWriter.open(file, 32, 16, 24, VideoQuality.DRAFT)) {
            for (int i = 0; i < count; i++) {
                writer.write(TestFrames.moving(32, 16, i));
            }
        }
        return file;
    }

    @Test
    void handsOverAFreshArrayPerFrameInIndexOrder() {
        Path file = writeFrames(5);
        List<Integer> indices = new ArrayList<>();
        List<byte[]> arrays = new ArrayList<>();

        Mp4Frames.forEachFrame(file, (index, rgb) -> {
            indices.add(index);
            arrays.add(rgb);
        });

        assertEquals(List.of(0, 1, 2, 3, 4), indices);
        assertEquals(32 * 16 * 3, arrays.get(0).length);
        assertNotSame(arrays.get(0), arrays.get(1));
    }

    @Test
    void consumerExceptionStopsReadingAndPropagates() {
        Path file = writeFrames(5);
        List<Integer> seen = new ArrayList<>();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Mp4Frames.forEachFrame(file, (index, rgb) -> {
                    seen.add(index);
                    if (index == 2) {
                        throw new IllegalStateException("stop at 2");
                    }
                }));

        assertEquals("stop at 2", e.getMessage());
        assertEquals(List.of(0, 1, 2), seen);
    }

    @Test
    void probeOfMissingFileNamesIt() {
        Path missing = dir.resolve("nothing-here.mp4");

        EncodeException e = assertThrows(EncodeException.class, () -> Mp4Frames.probe(missing));

        assertTrue(e.getMessage().startsWith(missing + ": opening the video failed: No such file or directory"),
                e.getMessage());
    }

    @Test
    void probeOfFileThatIsNotAVideoNamesIt() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "these are not frames\n");

        EncodeException e = assertThrows(EncodeException.class, () -> Mp4Frames.probe(text));

        assertTrue(e.getMessage().startsWith(text + ": "), e.getMessage());
    }
}
