package org.reelfarm.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns the command line's inputs into script files: a file stands for itself, a directory for
 * every supported script under it (recursively, in name order), {@code @list.txt} for the paths
 * listed in it, one per line (blank lines and {@code #} comments skipped; relative paths are
 * relative to the list).
 */
public final class Inputs {
    private static final java.util.Set<String> OUTPUT_FILES = java.util.Set.of("manifest.json", "library.json");

    private Inputs() {}

    public static List<Path> expand(List<String> arguments) {
        List<Path> out = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.startsWith("@")) {
                out.addAll(list(Path.of(argument.substring(1))));
            } else {
                Path path = Path.of(argument);
                if (Files.isDirectory(path)) {
                    out.addAll(directory(path));
                } else {
                    out.add(path);
                }
            }
        }
        return out;
    }

    /** Whether a file name has an extension Reelfarm reads. */
    public static boolean isScript(String fileName) {
        try {
            ScriptFormat.of(fileName);
            return true;
        } catch (InputException e) {
            return false;
        }
    }

    private static List<Path> directory(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.toString().contains("/.reelfarm-work/"))
                    // Reelfarm's own outputs are JSON too; a library directory may hold an earlier run.
                    .filter(p -> !OUTPUT_FILES.contains(p.getFileName().toString()))
                    .filter(p -> isScript(p.getFileName().toString()))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new InputException(dir.toString(), 0, "directory holds no script file",
                        "put " + ScriptFormat.SUPPORTED + " files in it");
            }
            return files;
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, "directory cannot be read (" + e.getMessage() + ")",
                    "check its permissions", e);
        }
    }

    private static List<Path> list(Path listFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(listFile.toString(), 0, "list file not found", "check the path after @", e);
        } catch (IOException e) {
            throw new InputException(listFile.toString(), 0, "list file cannot be read as UTF-8 text ("
                    + e.getMessage() + ")", "write one script path per line", e);
        }
        Path base = listFile.toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>();
        for (String line : lines) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            Path path = Path.of(entry);
            out.add(path.isAbsolute() ? path : base.resolve(path).normalize());
        }
        if (out.isEmpty()) {
            throw new InputException(listFile.toString(), 0, "list file names no script", "write one script path per line");
        }
        return out;
    }
}
