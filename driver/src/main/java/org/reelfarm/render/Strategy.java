package org.reelfarm.render;

import java.util.Locale;

/** How windows are made to agree where they overlap. See the README, "Long films". */
public enum Strategy {
    /** Each window denoised alone, overlaps crossfaded afterwards. */
    INDEPENDENT,
    /** Like independent, with FreeNoise-style shared initial noise. Not yet available. */
    SHARED_NOISE,
    /** Windows denoised together on a staggered schedule. Not yet available. */
    CODENOISE;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean available() {
        return this == INDEPENDENT;
    }
}
