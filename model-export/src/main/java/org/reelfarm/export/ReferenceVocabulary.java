package org.reelfarm.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference model's words and what each one means to its text encoder.
 *
 * <p>Every word has a row of {@link #FEATURES} raw features: a colour (RGB in [-1, 1]) with a
 * colour flag, a "this is the background" flag, a shape one-hot, a motion (vx, vy in latent
 * pixels per latent frame), a bounce flag and a "still" flag. The encoder resolves roles (which
 * colour is the background) from word order.
 */
final class ReferenceVocabulary {
    static final int FEATURES = 12;
    static final int RGB = 0;
    static final int IS_COLOUR = 3;
    static final int IS_BACKGROUND = 4;
    static final int SHAPE = 5; // circle, square, triangle
    static final int VX = 8;
    static final int VY = 9;
    static final int BOUNCE = 10;
    static final int STILL = 11;

    private final Map<String, float[]> rows = new LinkedHashMap<>();

    ReferenceVocabulary() {
        colour(1f, -1f, -1f, "red", "crimson", "scarlet");
        colour(-1f, 0.75f, -0.6f, "green", "emerald");
        colour(-1f, -0.6f, 1f, "blue", "navy", "azure");
        colour(1f, 0.9f, -1f, "yellow", "golden", "gold");
        colour(1f, 1f, 1f, "white");
        colour(-1f, -1f, -1f, "black");
        colour(1f, 0.25f, -1f, "orange");
        colour(0.2f, -1f, 0.75f, "purple", "violet");
        colour(1f, -0.3f, 0.5f, "pink", "magenta");
        colour(0f, 0f, 0f, "grey", "gray");
        colour(-1f, 1f, 1f, "cyan", "turquoise");
        colour(0.1f, -0.45f, -0.8f, "brown");
        flag(IS_BACKGROUND, "background", "backdrop");
        flag(SHAPE, "circle", "ball", "disc", "disk", "dot", "sphere", "sun", "moon");
        flag(SHAPE + 1, "square", "box", "block", "cube", "crate");
        flag(SHAPE + 2, "triangle", "pyramid", "arrow");
        motion(-1, 0, "left", "leftward", "westward");
        motion(1, 0, "right", "rightward", "eastward");
        motion(0, -1, "up", "upward", "upwards", "rises", "rising", "climbs");
        motion(0, 1, "down", "downward", "downwards", "falls", "falling", "sinks");
        flag(BOUNCE, "bouncing", "bounces", "bounce", "bouncy", "hops", "jumps", "jumping");
        flag(STILL, "still", "static", "stationary", "motionless", "rests", "sits", "waits");
        // Words the model reads without effect: knowing them avoids "unknown word" warnings.
        for (String w : List.of("moves", "move", "moving", "slides", "sliding", "drifts", "drifting",
                "glides", "gliding", "floats", "floating", "rolls", "rolling", "travels", "shape",
                "colour", "color", "coloured", "colored", "bright", "dark", "light", "small", "big",
                "large", "slowly", "quickly", "across", "screen", "scene", "frame", "plain", "solid")) {
            rows.put(w, new float[FEATURES]);
        }
    }

    private void colour(float r, float g, float b, String... words) {
        for (String w : words) {
            float[] row = new float[FEATURES];
            row[RGB] = r;
            row[RGB + 1] = g;
            row[RGB + 2] = b;
            row[IS_COLOUR] = 1;
            rows.put(w, row);
        }
    }

    private void flag(int feature, String... words) {
        for (String w : words) {
            float[] row = new float[FEATURES];
            row[feature] = 1;
            rows.put(w, row);
        }
    }

    private void motion(int vx, int vy, String... words) {
        for (String w : words) {
            float[] row = new float[FEATURES];
            row[VX] = vx;
            row[VY] = vy;
            rows.put(w, row);
        }
    }

    /** Lines of the vocabulary file: {@code <pad>}, {@code <unk>}, then the words. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("<pad>");
        lines.add("<unk>");
        lines.addAll(rows.keySet());
        return lines;
    }

    /** The embedding table, one row per line of {@link #lines()}; pad and unknown are zero. */
    float[][] table() {
        float[][] table = new float[rows.size() + 2][];
        table[0] = new float[FEATURES];
        table[1] = new float[FEATURES];
        int i = 2;
        for (float[] row : rows.values()) {
            table[i++] = row.clone();
        }
        return table;
    }
}
