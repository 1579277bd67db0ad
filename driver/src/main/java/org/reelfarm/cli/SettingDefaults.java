package org.reelfarm.cli;

import org.reelfarm.render.Setting;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of {@code render} and {@code plan}, from the {@link Setting} table; none for a
 * setting whose default comes from the model or the profile (the option stays null, "not given").
 */
final class SettingDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            Setting setting = Setting.ofOption(option.longestName());
            return setting == null ? null : setting.defaultValue().value();
        }
        return null;
    }
}
