package org.reelfarm.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeamScoresTest {

    @Test
    void aJumpAtABoundaryScoresAgainstTheMedianInsideTheShot() {
        float[] diffs = new float[40];
        Arrays.fill(diffs, 2f);
        diffs[21] = 9f; // inside the boundary's overlap [18, 24)
        float[] centroids = new float[80];
        List<SeamScores.ShotScore> shots = SeamScores.score(diffs, centroids, new int[] {0}, new int[] {40},
                List.of(new SeamScores.Boundary(0, 18, 24)), 8);
        SeamScores.ShotScore shot = shots.get(0);
        assertEquals((9 + 1.0) / (2 + 1.0), shot.seam(), 1e-9);
        assertEquals(2.0, shot.medianDiff(), 1e-9);
        assertEquals(9.0, shot.boundaries().get(0).largestDiff(), 1e-9);
    }

    @Test
    void aStillShotWithoutSeamsScoresOneAndAShotWithoutBoundariesToo() {
        float[] diffs = new float[20];
        float[] centroids = new float[40];
        List<SeamScores.ShotScore> shots = SeamScores.score(diffs, centroids, new int[] {0, 10}, new int[] {10, 20},
                List.of(new SeamScores.Boundary(0, 4, 6)), 8);
        assertEquals(1.0, shots.get(0).seam(), 1e-9);
        assertEquals(1.0, shots.get(1).seam(), 1e-9);
        assertEquals(0, shots.get(1).boundaries().size());
    }

    @Test
    void framesOutsideTheScoredRangeAreIgnoredAndDriftIsInLatentPixels() {
        float[] diffs = new float[30];
        diffs[2] = 50f; // a fade in: not scored
        float[] centroids = new float[60];
        for (int f = 0; f < 30; f++) {
            centroids[2 * f] = f < 5 ? 0 : 100 + f; // moves 24 px from frame 5 to 29
        }
        SeamScores.ShotScore shot = SeamScores.score(diffs, centroids, new int[] {5}, new int[] {30}, List.of(), 8).get(0);
        assertEquals(1.0, shot.seam(), 1e-9);
        assertEquals(0.0, shot.medianDiff(), 1e-9);
        assertEquals(24 / 8.0, shot.drift(), 1e-6);
    }

    @Test
    void theSalientCentroidFindsASubjectOnAPlainGround() {
        int w = 16;
        int h = 8;
        byte[] frame = new byte[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            frame[p * 3 + 2] = (byte) 200; // blue ground
        }
        for (int y = 2; y < 4; y++) {
            for (int x = 10; x < 12; x++) {
                int p = (y * w + x) * 3;
                frame[p] = (byte) 255;
                frame[p + 2] = 0;
            }
        }
        assertArrayEquals(new float[] {10.5f, 2.5f}, FrameStats.salientCentroid(frame, 0, w, h), 1e-4f);
        assertEquals(0f, FrameStats.meanAbsDiff(frame, 0, frame, 0, frame.length));
    }
}
