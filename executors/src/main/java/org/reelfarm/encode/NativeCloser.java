package org.reelfarm.encode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Owns FFmpeg native objects and frees each with its own free function ({@code av_frame_free},
 * {@code avcodec_free_context}, ...) in reverse order of registration: what was acquired last is
 * freed first, whatever step of a setup failed. Guava's {@code Closer} in shape:
 *
 * <pre>{@code
 * NativeCloser natives = new NativeCloser();
 * AVFrame frame = natives.register(av_frame_alloc(), avutil::av_frame_free);
 * SwsContext converter = natives.register(sws_getContext(...), swscale::sws_freeContext);
 * ...
 * natives.close(); // sws_freeContext(converter), then av_frame_free(frame)
 * }</pre>
 *
 * <p>JavaCPP's {@code PointerScope} is no substitute: it only deallocates memory JavaCPP
 * allocated itself, and an object FFmpeg returns has no deallocator that would call FFmpeg's free
 * function.
 *
 * <p>{@link #close()} calls every free function even when some throw: it rethrows the first
 * failure with the later ones added as suppressed. Closing twice is harmless. Not thread-safe:
 * one closer belongs to one reader or writer.
 */
final class NativeCloser implements AutoCloseable {

    private final Deque<Runnable> frees = new ArrayDeque<>();
    private boolean closed;

    /**
     * Takes over {@code resource}, to be freed by {@code free} at {@link #close()}. A null
     * resource (an FFmpeg allocation that failed) is returned as is and nothing is registered.
     *
     * @return {@code resource}, for use in an assignment
     * @throws IllegalStateException after {@link #close()}
     */
    <T> T register(T resource, Consumer<? super T> free) {
        Objects.requireNonNull(free, "free");
        if (closed) {
            throw new IllegalStateException("closed: nothing more can be registered");
        }
        if (resource != null) {
            frees.push(() -> free.accept(resource));
        }
        return resource;
    }

    /**
     * Frees everything registered, last first, calling every free function even when some throw.
     * Closing twice is harmless.
     *
     * @throws RuntimeException (or {@link Error}) the first free function's failure, with later ones suppressed
     */
    @Override
    public void close() {
        Throwable first = freeAll(null);
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (first != null) {
            throw (Error) first;
        }
    }

    /**
     * Frees everything registered, last first, after {@code failure} stopped the owner's setup or
     * work; a free function's failure is added to {@code failure} as suppressed, so that the
     * caller can rethrow {@code failure} itself:
     *
     * <pre>{@code
     * } catch (RuntimeException | Error e) {
     *     natives.closeAfter(e);
     *     throw e;
     * }
     * }</pre>
     */
    void closeAfter(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        freeAll(failure);
    }

    /** Runs every free function; returns {@code first}, or else the first failure, with the later ones suppressed. */
    private Throwable freeAll(Throwable first) {
        closed = true;
        while (!frees.isEmpty()) {
            try {
                frees.pop().run();
            } catch (RuntimeException | Error e) {
                if (first == null) {
                    first = e;
                } else if (first != e) {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }
}
