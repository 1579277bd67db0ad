package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The JSON side of a benchmark: {@code DIR/NAME.json}, and machine facts to record with it. */
final class Results {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Results() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Where and when a benchmark ran: what makes two result files comparable. */
    static ObjectNode machine() {
        ObjectNode node = object();
        node.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        node.put("cores", Runtime.getRuntime().availableProcessors());
        node.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        node.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        node.put("load_average_1min", loadAverage());
        return node;
    }

    /** The system's one-minute load average: above the core count, something else was running. */
    static double loadAverage() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }

    static void write(Path file, JsonNode json) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(json) + "\n");
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** Rounds for display in JSON: three decimals are far below the noise of these figures. */
    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * A note for the results when other processes used more than
     * {@value RenderReport#DISTURBED_SHARE} of a core during a sample of {@code wall} seconds.
     */
    static Optional<String> disturbance(String what, double otherCpu, double wall) {
        if (otherCpu <= RenderReport.DISTURBED_SHARE * wall) {
            return Optional.empty();
        }
        return Optional.of(String.format("%s may be disturbed: other processes used %.1f CPU s during its %.1f s", what,
                otherCpu, wall));
    }

    /** Adds {@code goals.NAME = {goal, value, met}}. */
    static void goal(ObjectNode goals, String name, String goal, double value, boolean met) {
        ObjectNode g = goals.putObject(name);
        g.put("goal", goal);
        g.put("value", round(value));
        g.put("met", met);
    }
}
