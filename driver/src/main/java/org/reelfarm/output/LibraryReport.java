package org.reelfarm.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code DIR/library.json}: every film of a library run with its status, duration and error. */
public final class LibraryReport {
    public static final String FILE = org.reelfarm.storage.FilmLayout.LIBRARY;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LibraryReport() {}

    public static String toJson(List<FilmOutcome> films) {
        ObjectNode root = JSON.createObjectNode();
        for (FilmOutcome.Status status : FilmOutcome.Status.values()) {
            root.put(status.jsonName(), films.stream().filter(f -> f.status() == status).count());
        }
        ArrayNode list = root.putArray("films");
        for (FilmOutcome film : films) {
            ObjectNode f = list.addObject();
            f.put("film", film.film());
            f.put("input", film.input());
            f.put("status", film.status().jsonName());
            f.put("duration_s", film.durationSeconds());
            f.put("frames", film.frames());
            if (film.error() == null) {
                f.putNull("error");
            } else {
                f.put("error", film.error());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
