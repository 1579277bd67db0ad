package org.reelfarm.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.reelfarm.ingest.InputException;
import org.reelfarm.ingest.Inputs;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.ScriptReader;
import org.reelfarm.storage.FilmStore;

/**
 * The scripts a run read, kept in its work area under the hash of its inputs (every file's path
 * and bytes) and the model, so that {@code --resume} after a killed driver skips the Spark NLP
 * ingest. Written after every fresh ingest, removed when the run ends (a killed run leaves it).
 * Only local inputs are hashed here; a run with {@code s3a://} or {@code @list} inputs reads them
 * again.
 */
final class IngestCache {
    /** The cache's directory in the work area, beside the films' (a film name never starts with a dot). */
    static final String DIR = ".ingest";

    private final FilmStore store;
    /** The hash of the inputs and model; null when the inputs are not cached. */
    private final String key;

    IngestCache(FilmStore store, List<String> arguments, String modelHash) {
        this.store = store;
        this.key = key(arguments, modelHash);
    }

    /** The scripts of an interrupted run with the same inputs and model, or null. */
    ScriptReader.Library read() {
        if (key == null) {
            return null;
        }
        return store.work().readIfPresent(file(), in -> {
            byte[] bytes = in.readAllBytes();
            try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                @SuppressWarnings("unchecked")
                List<Script> scripts = (List<Script>) objects.readObject();
                @SuppressWarnings("unchecked")
                List<InputException> failures = (List<InputException>) objects.readObject();
                return new ScriptReader.Library(scripts, failures);
            } catch (ClassNotFoundException | ClassCastException e) {
                return null; // written by another version: read the inputs again
            }
        });
    }

    void write(ScriptReader.Library library) {
        if (key == null) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(new ArrayList<>(library.scripts()));
            objects.writeObject(new ArrayList<>(library.failures()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.work().writeWhole(file(), out -> out.write(bytes.toByteArray()));
    }

    /** Removes the cache (and the work area once empty). */
    void remove() {
        store.discard(DIR);
    }

    private String file() {
        return DIR + "/" + key + ".bin";
    }

    /** Hash of every input file's path and bytes and of the model; null if an input is not a local path. */
    static String key(List<String> arguments, String modelHash) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(modelHash.getBytes(StandardCharsets.UTF_8));
        for (String argument : arguments) {
            if (argument.startsWith("@") || Inputs.isUri(argument)) {
                return null;
            }
            Path root = Path.of(argument);
            try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    sha.update((file.toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(file));
                }
            } catch (IOException e) {
                return null; // the reader reports what cannot be read
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
