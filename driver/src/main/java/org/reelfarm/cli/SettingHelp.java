package org.reelfarm.cli;

import java.util.Arrays;
import java.util.ListResourceBundle;
import org.reelfarm.render.Setting;

/**
 * The option descriptions of {@code render} and {@code plan}, from the {@link Setting} table:
 * picocli reads an option's description from its command's resource bundle, under the option's
 * name without its dashes ({@code batch} for {@code --batch}), before the annotation's.
 */
public final class SettingHelp extends ListResourceBundle {
    /** The bundle's name, for {@code @Command(resourceBundle = ...)}. */
    static final String NAME = "org.reelfarm.cli.SettingHelp";

    @Override
    protected Object[][] getContents() {
        return Arrays.stream(Setting.values())
                .map(s -> new Object[] {s.option().substring(2), s.help()})
                .toArray(Object[][]::new);
    }
}
