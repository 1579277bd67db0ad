package org.reelfarm.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * An input file, local or on a Hadoop file system, checked and decoded: it exists, has a
 * supported extension, is not empty and is UTF-8. The text has no byte order mark and {@code \n} line ends.
 *
 * @param display the path as the user gave it, for messages
 * @param name the film name (file name without extension)
 * @param sha256 hex SHA-256 of the raw bytes
 */
record SourceFile(String display, ScriptFormat format, String name, String sha256, String text) {

    /** Larger inputs are refused rather than risk the driver's memory: no script is this long. */
    static final long MAX_BYTES = 64L << 20;

    /**
     * Longer lines are refused before any parsing or Spark NLP work: no prompt is a megabyte of
     * text on one line, and a file that has one is usually not a script (a minified export, a
     * binary blob that happens to be valid UTF-8).
     */
    static final int MAX_LINE_CHARS = 1 << 20;

    static SourceFile load(Path path) {
        String display = path.toString();
        if (Files.isDirectory(path)) {
            throw new InputException(display, 0, "is a directory, not a script file",
                    "pass the script files in it, or the directory itself as a library");
        }
        if (!Files.exists(path)) {
            throw new InputException(display, 0, "file not found", "check the path and the current directory");
        }
        ScriptFormat format = ScriptFormat.of(display);
        String name = filmName(display, path.getFileName().toString());
        return decoded(display, format, name, readBytes(display, path));
    }

    /**
     * A file on a Hadoop file system ({@code s3a://...}), with the same checks as a local one.
     * {@code fs} stays open: it is Hadoop's shared instance.
     */
    static SourceFile load(FileSystem fs, org.apache.hadoop.fs.Path path, String display) {
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new InputException(display, 0, "not found (no object with this key, and none under it as a prefix)",
                    "check the bucket and the key, and that the endpoint (--conf spark.hadoop.fs.s3a.endpoint) is"
                    + " the server that holds them", e);
        } catch (IOException e) {
            throw unreachable(display, e);
        }
        if (status.isDirectory()) {
            throw new InputException(display, 0, "is a prefix (a directory), not a script file",
                    "pass the script files under it, or the prefix itself as a library");
        }
        ScriptFormat format = ScriptFormat.of(display);
        String name = filmName(display, path.getName());
        if (status.getLen() > MAX_BYTES) {
            throw tooLarge(display, status.getLen());
        }
        byte[] bytes;
        try (InputStream in = fs.open(path)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw unreachable(display, e);
        }
        return decoded(display, format, name, bytes);
    }

    /** A Hadoop file system that does not answer, refuses the credentials, or has no such bucket. */
    static InputException unreachable(String display, IOException e) {
        String why = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " "); // one error line
        return new InputException(display, 0, "cannot be read (" + e.getClass().getSimpleName() + ": "
                + why + ")", "check the endpoint, the credentials and the bucket"
                + " (--conf spark.hadoop.fs.s3a.endpoint=..., fs.s3a.access.key, fs.s3a.secret.key)", e);
    }

    private static SourceFile decoded(String display, ScriptFormat format, String name, byte[] bytes) {
        String text = decode(display, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        if (text.isBlank()) {
            throw new InputException(display, 0, "file is empty", format.emptyFileFix());
        }
        checkLineLengths(display, text);
        return new SourceFile(display, format, name, sha256(bytes), text);
    }

    private static String filmName(String display, String fileName) {
        int dot = fileName.lastIndexOf('.');
        String name = dot < 0 ? fileName : fileName.substring(0, dot);
        if (name.isBlank() || name.equals(".") || name.equals("..")) {
            throw new InputException(display, 0, "the file name gives no usable film name (\"" + name + "\")",
                    "rename the file, e.g. lesson-1" + fileName.substring(Math.max(dot, 0)));
        }
        return name;
    }

    private static byte[] readBytes(String display, Path path) {
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw tooLarge(display, size);
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InputException(display, 0, "cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", "check that the file is readable", e);
        }
    }

    private static InputException tooLarge(String display, long size) {
        return new InputException(display, 0, "file is " + (size >> 20) + " MB, more than the "
                + (MAX_BYTES >> 20) + " MB a script may have", "split it into several files");
    }

    /** Strict UTF-8: a bad byte is reported with its offset and line, never replaced. */
    static String decode(String display, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                    || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
                throw new InputException(display, 0, "is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8",
                        "save the file as UTF-8");
            }
            throw new InputException(display, lineAt(bytes, offset),
                    String.format("is not valid UTF-8: byte 0x%02X at byte offset %d", bytes[offset] & 0xff, offset),
                    "save the file as UTF-8");
        }
        out.flip();
        return out.toString();
    }

    private static void checkLineLengths(String display, String text) {
        int line = 1;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (end - start > MAX_LINE_CHARS) {
                throw new InputException(display, line, String.format(java.util.Locale.ROOT, "line is %,d characters long, more than the"
                        + " %,d characters (1 MiB) a line may have", end - start, MAX_LINE_CHARS),
                        "break the text into shorter lines or split the shot into several shots");
            }
            start = end + 1;
            line++;
        }
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
