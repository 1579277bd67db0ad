package org.reelfarm.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds a {@link ModelProfile}: by id in the profile directory ({@code conf/profiles} of the
 * Reelfarm home), as a JSON file path, or as {@code measured:DIR} (the {@code profile.json} a
 * bench run wrote into DIR). Stateless; reads files on each call.
 */
public final class Profiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;

    public Profiles(Path directory) {
        this.directory = directory;
    }

    /** The profiles of {@code $REELFARM_HOME/conf/profiles} (or {@code -Dreelfarm.home}, default "."). */
    public static Profiles ofHome() {
        String home = System.getProperty("reelfarm.home", System.getenv().getOrDefault("REELFARM_HOME", "."));
        return new Profiles(Path.of(home, "conf", "profiles").toAbsolutePath().normalize());
    }

    /** The ids in the profile directory, sorted. */
    public List<String> ids() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        } catch (IOException e) {
            throw new CapacityException("cannot list the profiles in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The profile named by {@code spec}: an id, a file, or {@code measured:DIR}. */
    public ModelProfile resolve(String spec) {
        if (spec.startsWith("measured:")) {
            Path dir = Path.of(spec.substring("measured:".length()));
            Path file = dir.resolve("profile.json");
            if (!Files.isRegularFile(file)) {
                throw new CapacityException("--profile " + spec + ": " + file + " does not exist; give the --out"
                        + " directory of a bench run that measured a profile, or a profile id");
            }
            return read(file);
        }
        Path asFile = Path.of(spec);
        if (spec.endsWith(".json") && Files.isRegularFile(asFile)) {
            return read(asFile);
        }
        Path byId = directory.resolve(spec + ".json");
        if (!spec.contains("/") && Files.isRegularFile(byId)) {
            return read(byId);
        }
        throw new CapacityException("unknown profile '" + spec + "'; use one of " + String.join(", ", ids())
                + " (in " + directory + "), a profile .json file, or measured:DIR");
    }

    /** Reads one profile file; a missing or wrong field is named with the file. */
    public static ModelProfile read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CapacityException("cannot read profile " + file + ": " + e.getMessage(), e);
        }
        String id = text(root, "id", file);
        return new ModelProfile(id, text(root, "model", file), text(root, "gpu", file), integer(root, "width", file),
                integer(root, "height", file), integer(root, "frames", file), integer(root, "fps", file),
                integer(root, "steps", file), number(root, "seconds_per_clip", file),
                integer(root, "gpus_per_replica", file),
                root.path("memory_gb").isNumber() ? root.get("memory_gb").asDouble() : null,
                number(root, "model_load_s", file), integer(root, "latent_frames", file), integer(root, "window", file),
                integer(root, "overlap", file), strings(root.path("sources")), strings(root.path("unverified")));
    }

    private static JsonNode field(JsonNode root, String name, Path file) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw new CapacityException("profile " + file + " has no \"" + name + "\"; add it (see conf/profiles/)");
        }
        return node;
    }

    private static String text(JsonNode root, String name, Path file) {
        return field(root, name, file).asText();
    }

    private static int integer(JsonNode root, String name, Path file) {
        JsonNode node = field(root, name, file);
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new CapacityException("profile " + file + ": \"" + name + "\" must be a whole number, got " + node);
        }
        return node.asInt();
    }

    private static double number(JsonNode root, String name, Path file) {
        JsonNode node = field(root, name, file);
        if (!node.isNumber()) {
            throw new CapacityException("profile " + file + ": \"" + name + "\" must be a number, got " + node);
        }
        return node.asDouble();
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
