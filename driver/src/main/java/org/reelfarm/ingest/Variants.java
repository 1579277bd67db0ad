package org.reelfarm.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * One template, many films: {@code render template.md --vars variants.csv} fills the template's
 * {@code {{name}}} placeholders from each row of the CSV, whose first column names the film.
 *
 * <p>The template and the CSV are local paths or Hadoop URIs ({@code s3a://lessons/vars.csv}); the
 * filled-in scripts are written to a local scratch directory.
 *
 * <p>Everything is checked before any film is made: a placeholder with no column, a row without a
 * value for a placeholder, a film name that is not safe or not unique.
 */
public final class Variants {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Variants() {}

    /**
     * Writes one filled-in script per row into {@code scratch} and returns their paths, in row
     * order. The template and the CSV are read with the Hadoop configuration {@code hadoop} gives
     * when they are URIs (it is asked for only then).
     */
    public static List<Path> expand(String templateArgument, String varsArgument, Path scratch,
            Supplier<Configuration> hadoop) {
        SourceFile source = Inputs.file(templateArgument, hadoop).load();
        Inputs.Input varsInput = Inputs.file(varsArgument, hadoop);
        String vars = varsInput.display();
        String varsText = normalized(readVars(varsInput));
        List<CsvRecords.CsvRecord> rows = CsvRecords.parse(vars.toString(), varsText);
        if (rows.size() < 2) {
            throw new InputException(vars.toString(), 1, "needs a header and at least one row",
                    "write a header (film name first, then one column per placeholder) and one row per film");
        }
        List<String> header = rows.get(0).fields().stream().map(String::strip).toList();
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), i);
        }
        Map<String, Integer> placeholders = placeholders(source);
        for (Map.Entry<String, Integer> p : placeholders.entrySet()) {
            if (!columns.containsKey(p.getKey())) {
                throw new InputException(source.display(), p.getValue(), "placeholder {{" + p.getKey()
                        + "}} has no column in " + vars, "add a column \"" + p.getKey() + "\" to " + vars
                        + " or remove the placeholder (columns: " + String.join(", ", header) + ")");
            }
        }
        String extension = source.display().substring(source.display().lastIndexOf('.'));
        Set<String> names = new HashSet<>();
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(scratch);
            for (CsvRecords.CsvRecord row : rows.subList(1, rows.size())) {
                String film = field(row, 0).strip();
                if (!Shot.SAFE_ID.matcher(film).matches()) {
                    throw new InputException(vars.toString(), row.line(), "film name \"" + film
                            + "\" in the first column is not usable", "use 1 to 100 of A-Z, a-z, 0-9, - and _");
                }
                if (!names.add(film)) {
                    throw new InputException(vars.toString(), row.line(), "film name \"" + film + "\" is used twice",
                            "give every row its own name in the first column");
                }
                Matcher m = PLACEHOLDER.matcher(source.text());
                StringBuilder text = new StringBuilder();
                while (m.find()) {
                    String value = field(row, columns.get(m.group(1))).strip();
                    if (value.isEmpty()) {
                        throw new InputException(vars.toString(), row.line(), "row for film \"" + film
                                + "\" has no value for {{" + m.group(1) + "}}", "fill in the \"" + m.group(1)
                                + "\" column of that row");
                    }
                    m.appendReplacement(text, Matcher.quoteReplacement(value));
                }
                m.appendTail(text);
                Path file = scratch.resolve(film + extension);
                Files.writeString(file, text, StandardCharsets.UTF_8);
                out.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write variant scripts to " + scratch, e);
        }
        return out;
    }

    /** Each placeholder name and the first line it is on. */
    private static Map<String, Integer> placeholders(SourceFile source) {
        Map<String, Integer> out = new LinkedHashMap<>();
        String[] lines = source.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PLACEHOLDER.matcher(lines[i]);
            while (m.find()) {
                String name = m.group(1);
                if (!NAME.matcher(name).matches()) {
                    throw new InputException(source.display(), i + 1, "placeholder {{" + name + "}} is not a name",
                            "write placeholders as {{name}} with letters, digits and _");
                }
                out.putIfAbsent(name, i + 1);
            }
        }
        if (out.isEmpty()) {
            throw new InputException(source.display(), 0, "template has no {{name}} placeholder",
                    "add placeholders to fill from --vars, or render it without --vars");
        }
        return out;
    }

    private static String field(CsvRecords.CsvRecord row, int index) {
        return index < row.fields().size() ? row.fields().get(index) : "";
    }

    private static String normalized(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1).replace("\r\n", "\n") : text.replace("\r\n", "\n");
    }

    private static String readVars(Inputs.Input input) {
        return input instanceof Inputs.Remote remote ? readVars(remote) : readVars(((Inputs.Local) input).path());
    }

    private static String readVars(Inputs.Remote vars) {
        try (InputStream in = vars.fs().open(vars.path())) {
            return SourceFile.decode(vars.display(), in.readAllBytes());
        } catch (FileNotFoundException e) {
            throw new InputException(vars.display(), 0, "variables file not found",
                    "check the URI after --vars (bucket, key and --conf spark.hadoop.fs.s3a.endpoint)", e);
        } catch (IOException e) {
            throw SourceFile.unreachable(vars.display(), e);
        }
    }

    private static String readVars(Path vars) {
        if (!Files.isRegularFile(vars)) {
            throw new InputException(vars.toString(), 0, "variables file not found", "check the path after --vars");
        }
        try {
            return SourceFile.decode(vars.toString(), Files.readAllBytes(vars));
        } catch (IOException e) {
            throw new InputException(vars.toString(), 0, "cannot be read (" + e.getMessage() + ")",
                    "check that the file is readable", e);
        }
    }
}
