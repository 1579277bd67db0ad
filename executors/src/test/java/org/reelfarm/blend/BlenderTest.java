package org.reelfarm.blend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BlenderTest {
    record P(int window, long start, int frames, float[] latents, float[] weights) implements Blender.Piece {}

    /** Windows of 16 frames with overlap 4 over 40 frames, the last one aligned to the end. */
    static List<long[]> windows() {
        return List.of(new long[] {0, 16}, new long[] {12, 16}, new long[] {24, 16});
    }

    static List<P> constantPieces(BlendProfile profile, float[] valuePerWindow) {
        List<P> pieces = new ArrayList<>();
        int i = 0;
        for (long[] w : windows()) {
            float[] latents = new float[(int) w[1]];
            java.util.Arrays.fill(latents, valuePerWindow[i]);
            pieces.add(new P(i, w[0], (int) w[1], latents, profile.weights((int) w[1], 4)));
            i++;
        }
        return pieces;
    }

    @ParameterizedTest
    @EnumSource(BlendProfile.class)
    void normalizedWeightsSumToOnePerFrame(BlendProfile profile) {
        // Blending the indicator of each window gives its normalized weight; they must sum to 1.
        double[] sum = new double[40];
        for (int k = 0; k < 3; k++) {
            float[] values = new float[3];
            values[k] = 1f;
            float[] blended = Blender.blend(constantPieces(profile, values), 0, 40, 1);
            for (int f = 0; f < 40; f++) {
                assertTrue(blended[f] >= 0 && blended[f] <= 1, "weight in [0, 1]");
                sum[f] += blended[f];
            }
        }
        for (int f = 0; f < 40; f++) {
            assertEquals(1.0, sum[f], 1e-6, profile + " frame " + f);
        }
    }

    @ParameterizedTest
    @EnumSource(BlendProfile.class)
    void crossfadeNeitherDarkensNorBrightens(BlendProfile profile) {
        float[] blended = Blender.blend(constantPieces(profile, new float[] {0.3f, 0.3f, 0.3f}), 0, 40, 1);
        for (float v : blended) {
            assertEquals(0.3f, v, 1e-6f);
        }
    }

    @Test
    void crossfadeMovesMonotonicallyFromOneWindowToTheNext() {
        float[] blended = Blender.blend(constantPieces(BlendProfile.COSINE, new float[] {0f, 1f, 1f}), 0, 40, 1);
        for (int f = 1; f < 16; f++) {
            assertTrue(blended[f] >= blended[f - 1], "frame " + f);
        }
        assertEquals(0f, blended[0]);
        assertEquals(1f, blended[16]);
    }

    @Test
    void resultDoesNotDependOnArrivalOrder() {
        List<P> pieces = constantPieces(BlendProfile.GAUSSIAN, new float[] {0.1f, 0.7f, 0.35f});
        float[] ordered = Blender.blend(pieces, 0, 40, 1);
        List<P> shuffled = new ArrayList<>(pieces);
        Collections.reverse(shuffled);
        assertArrayEquals(ordered, Blender.blend(shuffled, 0, 40, 1));
    }

    @Test
    void blendsASubSpan() {
        float[] all = Blender.blend(constantPieces(BlendProfile.LINEAR, new float[] {0f, 1f, 0.5f}), 0, 40, 1);
        float[] part = Blender.blend(constantPieces(BlendProfile.LINEAR, new float[] {0f, 1f, 0.5f}), 10, 20, 1);
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 10, 30), part);
    }

    @Test
    void aFrameNoWindowCoversIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Blender.blend(constantPieces(BlendProfile.FLAT, new float[] {1, 1, 1}), 30, 20, 1));
        assertEquals("latent frame 40 is covered by no window", e.getMessage());
    }

    @Test
    void profilesAreNamedForTheCommandLine() {
        assertEquals(BlendProfile.PYRAMID, BlendProfile.parse("pyramid"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlendProfile.parse("smooth"));
        assertEquals("unknown blend profile \"smooth\"; use flat, linear, cosine, pyramid or gaussian", e.getMessage());
    }
}
