package org.reelfarm.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

class NativeCloserTest {
    private final List<String> freed = new ArrayList<>();
    private final NativeCloser natives = new NativeCloser();

    @Test
    void freesInReverseOrderOfRegistration() {
        natives.register("container", freed::add);
        natives.register("encoder", freed::add);
        natives.register("frame", freed::add);
        natives.close();
        assertEquals(List.of("frame", "encoder", "container"), freed);
    }

    @Test
    void registerReturnsTheResource() {
        String resource = "packet";
        assertSame(resource, natives.register(resource, freed::add));
    }

    @Test
    void aNullResourceIsReturnedAndNeverFreed() {
        assertEquals(null, natives.register((String) null, freed::add));
        natives.close();
        assertEquals(List.of(), freed);
    }

    @Test
    void aFailingFreeDoesNotStopTheOthersAndTheFirstFailureIsThrown() {
        natives.register("container", freed::add);
        natives.register("encoder", failing("encoder"));
        natives.register("frame", freed::add);
        natives.register("converter", failing("converter"));
        IllegalStateException e = assertThrows(IllegalStateException.class, natives::close);
        assertEquals("cannot free converter", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("cannot free encoder", e.getSuppressed()[0].getMessage());
        assertEquals(List.of("converter", "frame", "encoder", "container"), freed);
    }

    @Test
    void anErrorInAFreeIsRethrownAsIs() {
        natives.register("frame", f -> {
            throw new OutOfMemoryError("no memory for " + f);
        });
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, natives::close);
        assertEquals("no memory for frame", e.getMessage());
    }

    @Test
    void closingTwiceIsHarmless() {
        natives.register("frame", freed::add);
        natives.close();
        natives.close();
        assertEquals(List.of("frame"), freed);
    }

    @Test
    void closeAfterAFailureFreesAllAndAddsTheirFailuresToIt() {
        natives.register("container", freed::add);
        natives.register("encoder", failing("encoder"));
        EncodeException setup = new EncodeException("out.mp4: opening libx264 failed");
        natives.closeAfter(setup);
        assertEquals(List.of("encoder", "container"), freed);
        assertEquals(1, setup.getSuppressed().length);
        assertEquals("cannot free encoder", setup.getSuppressed()[0].getMessage());
    }

    @Test
    void registeringAfterCloseIsRefused() {
        natives.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> natives.register("frame", freed::add));
        assertEquals("closed: nothing more can be registered", e.getMessage());
        assertEquals(List.of(), freed);
    }

    @Test
    void freesARealFfmpegFrameWithItsOwnFreeFunction() {
        AVFrame frame = natives.register(avutil.av_frame_alloc(), f -> {
            avutil.av_frame_free(f);
            freed.add(f.isNull() ? "freed" : "still set");
        });
        frame.width(2);
        natives.close();
        // av_frame_free(AVFrame**) sets the caller's pointer to NULL.
        assertEquals(List.of("freed"), freed);
    }

    private Consumer<String> failing(String name) {
        return resource -> {
            freed.add(name);
            throw new IllegalStateException("cannot free " + name);
        };
    }
}
