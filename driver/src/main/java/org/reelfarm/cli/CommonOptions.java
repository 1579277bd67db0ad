package org.reelfarm.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code render} and {@code plan} share, as a picocli mixin. Their descriptions and
 * defaults come from the {@link org.reelfarm.render.Setting} table (see {@link SettingHelp} and
 * {@link SettingDefaults}); a null means "not given", to be resolved from the model or profile.
 */
final class CommonOptions {
    @Option(names = "--window", paramLabel = "W")
    Integer window;

    @Option(names = "--overlap", paramLabel = "O")
    Integer overlap;

    @Option(names = "--batch", paramLabel = "B")
    int batch;

    @Option(names = "--steps", paramLabel = "N")
    Integer steps;

    @Option(names = "--master", paramLabel = "URL")
    String master;

    @Mixin
    ModelOption model;
}
