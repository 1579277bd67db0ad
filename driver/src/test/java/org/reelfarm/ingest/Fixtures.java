package org.reelfarm.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared fixtures: {@code ../shared/fixtures} beside the clone (as on CI), found by walking
 * up from the working directory, else {@code /work/shared/fixtures}.
 */
public final class Fixtures {
    private static final Path WORKSTATION = Path.of("/work/shared/fixtures");

    private Fixtures() {}

    public static Path get(String name) {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir.getParent() != null; dir = dir.getParent()) {
            Path beside = dir.resolveSibling("shared").resolve("fixtures");
            if (Files.isDirectory(beside)) {
                return existing(beside.resolve(name));
            }
        }
        if (Files.isDirectory(WORKSTATION)) {
            return existing(WORKSTATION.resolve(name));
        }
        throw new IllegalStateException("no shared/fixtures beside the clone above " + start + " and no "
                + WORKSTATION + "; copy shared/ beside the clone");
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fixture " + file + " is missing");
        }
        return file;
    }
}
