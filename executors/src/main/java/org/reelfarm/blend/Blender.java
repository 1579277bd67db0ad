package org.reelfarm.blend;

import java.util.Comparator;
import java.util.List;

/**
 * Combines overlapping window latents over a span of frames with normalized weights.
 *
 * <p>Pieces are summed in window order, whatever order they arrive in, so the result is
 * bit-identical however Spark grouped them.
 */
public final class Blender {
    private Blender() {}

    /** A window's latents over part of a span, with one weight per frame. */
    public interface Piece {
        int window();

        long start();

        int frames();

        float[] latents();

        float[] weights();
    }

    /**
     * Blends pieces into the frames {@code [start, start + frames)}.
     *
     * @param frameSize floats per latent frame
     * @throws IllegalArgumentException if a frame of the span is covered by no piece
     */
    public static float[] blend(List<? extends Piece> pieces, long start, int frames, int frameSize) {
        float[] sum = new float[frames * frameSize];
        double[] total = new double[frames];
        List<? extends Piece> ordered = pieces.stream().sorted(Comparator.comparingInt(Piece::window)).toList();
        double[] acc = new double[frames * frameSize];
        for (Piece piece : ordered) {
            for (int f = 0; f < piece.frames(); f++) {
                long frame = piece.start() + f;
                if (frame < start || frame >= start + frames) {
                    continue;
                }
                int local = (int) (frame - start);
                double w = piece.weights()[f];
                total[local] += w;
                int src = f * frameSize;
                int dst = local * frameSize;
                for (int k = 0; k < frameSize; k++) {
                    acc[dst + k] += w * piece.latents()[src + k];
                }
            }
        }
        for (int f = 0; f < frames; f++) {
            if (total[f] <= 0) {
                throw new IllegalArgumentException("latent frame " + (start + f) + " is covered by no window");
            }
            double inv = 1.0 / total[f];
            for (int k = 0; k < frameSize; k++) {
                sum[f * frameSize + k] = (float) (acc[f * frameSize + k] * inv);
            }
        }
        return sum;
    }
}
