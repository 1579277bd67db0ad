package org.reelfarm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A model's metadata, read from {@code assets/reelfarm.json} in its SavedModel directory.
 *
 * <p>Everything the planner, the samplers and the encoders need to know about a model is here;
 * nothing else about a model is assumed. Validated on construction.
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.read(Path.of("models/reference"));
 * int framesPerWindow = spec.window() * spec.temporalStride();
 * }</pre>
 */
public record ModelSpec(
        String name,
        String version,
        int latentChannels,
        int spatialFactor,
        int temporalStride,
        int latentHeight,
        int latentWidth,
        int fps,
        int window,
        int defaultOverlap,
        PredictionType prediction,
        NoiseSchedule schedule,
        int defaultSteps,
        String vocabularyFile,
        int maxTokens,
        int contextDim,
        int decodeContext,
        boolean supportsConditioning)
        implements Serializable {

    /** Where the metadata lives inside a SavedModel directory. */
    public static final String METADATA_PATH = "assets/reelfarm.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelSpec {
        require(name != null && !name.isBlank(), "name", "must be a non-empty string");
        require(version != null && !version.isBlank(), "version", "must be a non-empty string");
        require(latentChannels >= 1 && latentChannels <= 64, "latent_channels", "must be in [1, 64]");
        require(spatialFactor >= 1 && spatialFactor <= 64, "spatial_factor", "must be in [1, 64]");
        require(temporalStride >= 1 && temporalStride <= 16, "temporal_stride", "must be in [1, 16]");
        require(latentHeight >= 1 && latentHeight <= 1024, "latent_height", "must be in [1, 1024]");
        require(latentWidth >= 1 && latentWidth <= 1024, "latent_width", "must be in [1, 1024]");
        require(fps >= 1 && fps <= 240, "fps", "must be in [1, 240]");
        require(window >= 2 && window <= 1024, "window", "must be in [2, 1024]");
        require(defaultOverlap >= 0 && defaultOverlap < window, "default_overlap",
                "must be >= 0 and smaller than window (" + window + ")");
        require(prediction != null, "prediction", "must be \"epsilon\" or \"v\"");
        require(schedule != null, "noise_schedule", "is required");
        require(defaultSteps >= 1 && defaultSteps <= 1000, "default_steps", "must be in [1, 1000]");
        require(vocabularyFile != null && !vocabularyFile.isBlank()
                && !vocabularyFile.contains("..") && !vocabularyFile.startsWith("/"),
                "vocabulary", "must name a file inside assets/");
        require(maxTokens >= 1 && maxTokens <= 4096, "max_tokens", "must be in [1, 4096]");
        require(contextDim >= 1 && contextDim <= 65536, "context_dim", "must be in [1, 65536]");
        require(decodeContext >= 0 && decodeContext < window, "decode_context",
                "must be >= 0 and smaller than window");
    }

    private static void require(boolean ok, String key, String what) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + what);
        }
    }

    /** Output frame size in pixels. */
    public int frameHeight() {
        return latentHeight * spatialFactor;
    }

    public int frameWidth() {
        return latentWidth * spatialFactor;
    }

    /** Latent frames per second of film. */
    public double latentFps() {
        return (double) fps / temporalStride;
    }

    /** Floats in one latent frame. */
    public int latentFrameSize() {
        return latentHeight * latentWidth * latentChannels;
    }

    /** Reads and validates {@code assets/reelfarm.json} of a model directory. */
    public static ModelSpec read(Path modelDir) {
        Path file = modelDir.resolve(METADATA_PATH);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BadModelException(file + " is missing: a Reelfarm model keeps its metadata there"
                    + " (write it with the model; see README, \"The model contract\")", e);
        } catch (IOException e) {
            throw new BadModelException(file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")
                    + "; fix the file or re-export the model", e);
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new BadModelException(file + ": " + e.getMessage(), e);
        }
    }

    static ModelSpec fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must hold a JSON object");
        }
        JsonNode schedule = field(root, "noise_schedule");
        return new ModelSpec(
                text(root, "name"),
                text(root, "version"),
                integer(root, "latent_channels"),
                integer(root, "spatial_factor"),
                integer(root, "temporal_stride"),
                integer(root, "latent_height"),
                integer(root, "latent_width"),
                integer(root, "fps"),
                integer(root, "window"),
                integer(root, "default_overlap"),
                PredictionType.parse(text(root, "prediction")),
                new NoiseSchedule(NoiseSchedule.parseKind(text(schedule, "type")), integer(schedule, "train_steps")),
                integer(root, "default_steps"),
                text(root, "vocabulary"),
                integer(root, "max_tokens"),
                integer(root, "context_dim"),
                integer(root, "decode_context"),
                bool(root, "supports_conditioning"));
    }

    /** The JSON form written to {@code assets/reelfarm.json}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        root.put("version", version);
        root.put("latent_channels", latentChannels);
        root.put("spatial_factor", spatialFactor);
        root.put("temporal_stride", temporalStride);
        root.put("latent_height", latentHeight);
        root.put("latent_width", latentWidth);
        root.put("fps", fps);
        root.put("window", window);
        root.put("default_overlap", defaultOverlap);
        root.put("prediction", prediction.jsonName());
        ObjectNode sched = root.putObject("noise_schedule");
        sched.put("type", schedule.kind().name().toLowerCase(java.util.Locale.ROOT));
        sched.put("train_steps", schedule.trainSteps());
        root.put("default_steps", defaultSteps);
        root.put("vocabulary", vocabularyFile);
        root.put("max_tokens", maxTokens);
        root.put("context_dim", contextDim);
        root.put("decode_context", decodeContext);
        root.put("supports_conditioning", supportsConditioning);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode field(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("\"" + key + "\" is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = field(node, key);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a string, got " + value);
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String key) {
        JsonNode value = field(node, key);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("\"" + key + "\" must be an integer, got " + value);
        }
        return value.asInt();
    }

    private static boolean bool(JsonNode node, String key) {
        JsonNode value = field(node, key);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("\"" + key + "\" must be true or false, got " + value);
        }
        return value.asBoolean();
    }
}
