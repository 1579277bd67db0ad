package org.reelfarm.render;

import java.util.Locale;

/** How windows are made to agree where they overlap. See the README, "Long films and seams". */
public enum Strategy {
    /** Each window denoised alone, overlaps crossfaded afterwards: one stage, visible seams and drift. */
    INDEPENDENT,
    /** Like independent, but every window of a shot sees the same noise frames (FreeNoise): holds still content. */
    SHARED_NOISE,
    /** Windows of a shot denoised together on a staggered schedule, conditioned on their left neighbours. */
    CODENOISE;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The default: codenoise where the model takes conditioning, shared noise otherwise. */
    public static Strategy defaultFor(boolean modelSupportsConditioning) {
        return modelSupportsConditioning ? CODENOISE : SHARED_NOISE;
    }
}
