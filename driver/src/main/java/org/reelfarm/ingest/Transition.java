package org.reelfarm.ingest;

import java.util.Locale;

/** How a shot begins after the one before it. */
public enum Transition {
    /** A hard cut: the shot's first frame follows the previous shot's last frame. */
    CUT,
    /** The previous shot dissolves into this one. */
    CROSSFADE,
    /** The previous shot fades to black, this one fades in. */
    FADE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "cut", "crossfade" (or "dissolve"), "fade"; null for anything else. */
    public static Transition parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "cut" -> CUT;
            case "crossfade", "dissolve", "cross-fade" -> CROSSFADE;
            case "fade", "fade-to-black", "fade to black" -> FADE;
            default -> null;
        };
    }
}
