package org.reelfarm.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The command line's inputs as script files: a file stands for itself, a directory for every
 * supported script under it (recursively, in name order), {@code @list.txt} for the paths listed
 * in it, one per line (blank lines and {@code #} comments skipped; relative paths are relative to
 * the list).
 *
 * <p>An input that is a Hadoop URI (a scheme other than {@code file}, e.g. {@code
 * s3a://lessons/lib/}) is read through the Hadoop FileSystem, with the same rules: a key is a file,
 * a prefix is a directory, and {@code @s3a://bucket/list.txt} resolves relative entries against the
 * list's prefix.
 *
 * <pre>{@code
 * Inputs inputs = Inputs.expand(List.of("s3a://lessons/lib/"), () -> spark.sparkContext().hadoopConfiguration());
 * }</pre>
 */
public final class Inputs {
    private static final Set<String> OUTPUT_FILES = Set.of("manifest.json", "library.json");
    /** {@code scheme://...}; a scheme of one letter would be a Windows drive, so two or more. */
    private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://.*");

    private final List<Input> files;

    private Inputs(List<Input> files) {
        this.files = List.copyOf(files);
    }

    /** One script file to read: on local disk, or on a Hadoop file system. */
    sealed interface Input permits Local, Remote {
        /** The file as the user gave it, or as it was found under a directory, prefix or list. */
        String display();

        SourceFile load();
    }

    record Local(Path path) implements Input {
        @Override
        public String display() {
            return path.toString();
        }

        @Override
        public SourceFile load() {
            return SourceFile.load(path);
        }
    }

    /** A file on a Hadoop file system; {@code fs} is Hadoop's shared (cached) instance, never closed here. */
    record Remote(FileSystem fs, org.apache.hadoop.fs.Path path, String display) implements Input {
        @Override
        public SourceFile load() {
            return SourceFile.load(fs, path, display);
        }
    }

    /**
     * Expands {@code arguments}. {@code hadoop} gives the Hadoop configuration for URIs (the
     * Spark session's, so {@code --conf spark.hadoop.fs.s3a.*} applies); it is asked for only
     * when an argument is a URI, so local inputs are checked before Spark starts.
     *
     * @throws InputException for a directory, prefix or list that cannot be read or holds no script
     */
    public static Inputs expand(List<String> arguments, Supplier<Configuration> hadoop) {
        Supplier<Configuration> conf = once(hadoop);
        List<Input> out = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.startsWith("@")) {
                String list = argument.substring(1);
                out.addAll(isUri(list) ? remoteList(list, conf) : list(Path.of(list), conf));
            } else if (isUri(argument)) {
                out.addAll(remote(argument, conf));
            } else {
                Path path = Path.of(argument);
                out.addAll(Files.isDirectory(path) ? directory(path) : List.of(new Local(path)));
            }
        }
        return new Inputs(out);
    }

    /**
     * One file named on the command line, a local path or a Hadoop URI, with no directory, prefix
     * or list expansion (the {@code --vars} template and CSV). {@code hadoop} is asked for only for a URI.
     */
    static Input file(String argument, Supplier<Configuration> hadoop) {
        return isUri(argument) ? remoteFile(argument, hadoop.get()) : new Local(Path.of(argument));
    }

    /** Local files, as they are (no directory or list expansion). */
    public static Inputs of(List<Path> files) {
        return new Inputs(files.stream().<Input>map(Local::new).toList());
    }

    /** How many script files. */
    public int size() {
        return files.size();
    }

    List<Input> files() {
        return files;
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

    /** Whether an input names a Hadoop file system rather than a local path. */
    public static boolean isUri(String input) {
        return URI.matcher(input).matches() && !input.regionMatches(true, 0, "file:", 0, 5);
    }

    private static List<Input> directory(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> readable(p.getFileName().toString(), p.toString()))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new InputException(dir.toString(), 0, "directory holds no script file",
                        "put " + ScriptFormat.SUPPORTED + " files in it");
            }
            return files.stream().<Input>map(Local::new).toList();
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, "directory cannot be read (" + e.getMessage() + ")",
                    "check its permissions", e);
        }
    }

    /** Whether a file found under a directory or prefix is a script of the library. */
    private static boolean readable(String fileName, String path) {
        return !fileName.startsWith(".")
                && !path.contains("/.reelfarm-work/")
                // Reelfarm's own outputs are JSON too; a library directory may hold an earlier run.
                && !OUTPUT_FILES.contains(fileName)
                && isScript(fileName);
    }

    private static List<Input> list(Path listFile, Supplier<Configuration> conf) {
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
        List<Input> out = new ArrayList<>();
        for (String entry : entries(lines)) {
            if (isUri(entry)) {
                out.add(remoteFile(entry, conf.get()));
            } else {
                Path path = Path.of(entry);
                out.add(new Local(path.isAbsolute() ? path : base.resolve(path).normalize()));
            }
        }
        if (out.isEmpty()) {
            throw new InputException(listFile.toString(), 0, "list file names no script", "write one script path per line");
        }
        return out;
    }

    private static List<String> entries(List<String> lines) {
        return lines.stream().map(String::strip).filter(e -> !e.isEmpty() && !e.startsWith("#")).toList();
    }

    /** A key is one file; a prefix is a library, read recursively like a directory. */
    private static List<Input> remote(String uri, Supplier<Configuration> conf) {
        org.apache.hadoop.fs.Path path = hadoopPath(uri);
        FileSystem fs = fileSystem(uri, path, conf.get());
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return List.of(new Remote(fs, path, uri)); // reading it reports what is missing
        } catch (IOException e) {
            throw SourceFile.unreachable(uri, e);
        }
        if (!status.isDirectory()) {
            return List.of(new Remote(fs, path, uri));
        }
        List<org.apache.hadoop.fs.Path> files = new ArrayList<>();
        try {
            RemoteIterator<LocatedFileStatus> all = fs.listFiles(path, true);
            while (all.hasNext()) {
                org.apache.hadoop.fs.Path file = all.next().getPath();
                if (readable(file.getName(), file.toUri().getPath())) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw SourceFile.unreachable(uri, e);
        }
        if (files.isEmpty()) {
            throw new InputException(uri, 0, "prefix holds no script file",
                    "put " + ScriptFormat.SUPPORTED + " files under it");
        }
        // Name order, as for a local directory (its paths compare by their bytes).
        files.sort(Comparator.comparing(p -> p.toUri().getPath().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        return files.stream().<Input>map(f -> new Remote(fs, f, f.toString())).toList();
    }

    private static List<Input> remoteList(String uri, Supplier<Configuration> conf) {
        org.apache.hadoop.fs.Path listPath = hadoopPath(uri);
        FileSystem fs = fileSystem(uri, listPath, conf.get());
        String text;
        try (InputStream in = fs.open(listPath)) {
            text = SourceFile.decode(uri, in.readAllBytes());
        } catch (FileNotFoundException e) {
            throw new InputException(uri, 0, "list file not found", "check the URI after @", e);
        } catch (IOException e) {
            throw SourceFile.unreachable(uri, e);
        } catch (InputException e) {
            throw new InputException(uri, e.line(), "list file cannot be read as UTF-8 text (" + e.problem() + ")",
                    "write one script path per line", e);
        }
        List<Input> out = new ArrayList<>();
        for (String entry : entries(text.lines().toList())) {
            if (isUri(entry)) {
                out.add(remoteFile(entry, conf.get()));
            } else {
                // Relative entries are relative to the list's prefix; absolute ones to its bucket.
                org.apache.hadoop.fs.Path path = fs.makeQualified(new org.apache.hadoop.fs.Path(listPath.getParent(), entry));
                out.add(new Remote(fs, path, path.toString()));
            }
        }
        if (out.isEmpty()) {
            throw new InputException(uri, 0, "list file names no script", "write one script path per line");
        }
        return out;
    }

    private static Remote remoteFile(String uri, Configuration conf) {
        org.apache.hadoop.fs.Path path = hadoopPath(uri);
        return new Remote(fileSystem(uri, path, conf), path, uri);
    }

    private static org.apache.hadoop.fs.Path hadoopPath(String uri) {
        try {
            return new org.apache.hadoop.fs.Path(uri);
        } catch (IllegalArgumentException e) {
            throw new InputException(uri, 0, "is not a valid URI (" + e.getMessage() + ")",
                    "write it as s3a://BUCKET/KEY, or give a local path", e);
        }
    }

    private static FileSystem fileSystem(String uri, org.apache.hadoop.fs.Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf);
        } catch (org.apache.hadoop.fs.UnsupportedFileSystemException e) {
            throw new InputException(uri, 0, "no file system for the scheme \"" + path.toUri().getScheme() + "\"",
                    "use s3a://BUCKET/KEY for S3, or a local path", e);
        } catch (IOException e) {
            throw SourceFile.unreachable(uri, e);
        }
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        Objects.requireNonNull(supplier, "hadoop");
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = Objects.requireNonNull(supplier.get(), "Hadoop configuration");
                }
                return value;
            }
        };
    }
}
