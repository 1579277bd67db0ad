package org.reelfarm.codenoise;

/**
 * A co-denoised window between two rounds: cached on the executor that advances it.
 *
 * @param window the window and its neighbours
 * @param context its text context from {@code encode_text}
 * @param x its current noisy latents
 * @param stepsDone sampling steps taken so far
 * @param left the latest overlap received from the left neighbour, or null
 * @param outgoing the overlap to send to the right neighbour after this round, or null if the
 *     window did not move this round (the neighbour keeps what it last received)
 */
public record CoState(CoWindow window, float[] context, float[] x, int stepsDone, Overlap left, Overlap outgoing) {

    public int key() {
        return window.key();
    }

    CoState receive(Overlap overlap) {
        return new CoState(window, context, x, stepsDone, overlap, outgoing);
    }

    CoState quiet() {
        return outgoing == null ? this : new CoState(window, context, x, stepsDone, left, null);
    }
}
