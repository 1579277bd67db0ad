package org.reelfarm.cli;

import java.util.Arrays;
import java.util.Locale;
import org.reelfarm.render.Profile;
import org.reelfarm.render.Strategy;

/** Parsing of the enumerated option values shared by commands. */
final class Options {
    private Options() {}

    static Profile profile(String text) {
        for (Profile p : Profile.values()) {
            if (p.cliName().equals(text.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown --profile \"" + text + "\"; use draft, preview or final");
    }

    static Strategy strategy(String text) {
        for (Strategy s : Strategy.values()) {
            if (s.cliName().equals(text.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown --strategy \"" + text + "\"; use "
                + String.join(", ", Arrays.stream(Strategy.values()).map(Strategy::cliName).toList()));
    }
}
