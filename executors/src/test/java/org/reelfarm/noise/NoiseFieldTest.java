package org.reelfarm.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NoiseFieldTest {
    private final NoiseField field = new NoiseField(1234, 24, 32, 4);

    @Test
    void isStandardGaussian() {
        float[] values = field.span(0, 0, 64); // 196,608 values
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        double fourth = 0;
        int beyond3 = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean);
            fourth += Math.pow(v - mean, 4);
            if (Math.abs(v) > 3) {
                beyond3++;
            }
        }
        var /= values.length;
        fourth /= values.length;
        assertEquals(0.0, mean, 0.01, "mean");
        assertEquals(1.0, var, 0.01, "variance");
        assertEquals(3.0, fourth / (var * var), 0.05, "kurtosis of a Gaussian");
        assertEquals(0.0027, (double) beyond3 / values.length, 0.0008, "tail mass beyond 3 sigma");
    }

    @Test
    void neighbouringValuesAreUncorrelated() {
        float[] values = field.span(0, 0, 32);
        double sum = 0;
        for (int i = 1; i < values.length; i++) {
            sum += values[i] * values[i - 1];
        }
        assertEquals(0.0, sum / values.length, 0.01);
    }

    @Test
    void anySpanOfFramesSeesTheSameNumbers() {
        float[] whole = field.span(0, 100, 20);
        float[] tail = field.span(0, 112, 8);
        int perFrame = 24 * 32 * 4;
        assertArrayEquals(Arrays.copyOfRange(whole, 12 * perFrame, 20 * perFrame), tail);
        assertEquals(whole[5 * perFrame + (3 * 32 + 7) * 4 + 2], field.at(0, 105, 2, 3, 7));
    }

    @Test
    void seedsAndStreamsAreIndependent() {
        float[] a = field.span(0, 0, 2);
        float[] otherSeed = new NoiseField(1235, 24, 32, 4).span(0, 0, 2);
        float[] otherStream = field.span(1, 0, 2);
        assertFalse(Arrays.equals(a, otherSeed));
        assertFalse(Arrays.equals(a, otherStream));
        double corr = 0;
        for (int i = 0; i < a.length; i++) {
            corr += a[i] * otherSeed[i];
        }
        assertTrue(Math.abs(corr / a.length) < 0.03);
    }
}
