package org.reelfarm.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.reelfarm.stitch.StitchedShot;

/**
 * {@code timeline.otio}: the film as an OpenTimelineIO timeline (JSON), one clip per shot on one
 * video track, each clip pointing at its {@code shots/NNN-ID.mp4} with the prompt as metadata,
 * so an editor can open, trim and re-order the film.
 */
public final class Timeline {
    public static final String FILE = "timeline.otio";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Timeline() {}

    public static String toJson(FilmSummary film) {
        int fps = film.spec().fps();
        ObjectNode timeline = JSON.createObjectNode();
        timeline.put("OTIO_SCHEMA", "Timeline.1");
        timeline.put("name", film.name());
        timeline.putObject("metadata").putObject("reelfarm").put("manifest", Manifest.FILE);
        timeline.set("global_start_time", time(0, fps));
        ObjectNode stack = composable(timeline.putObject("tracks"), "Stack.1", "tracks");
        ObjectNode track = composable(stack.withArray("children").addObject(), "Track.1", "Video");
        track.put("kind", "Video");
        ArrayNode clips = track.withArray("children");
        for (FilmShot shot : film.shots()) {
            StitchedShot stitched = shot.stitched();
            ObjectNode clip = clips.addObject();
            clip.put("OTIO_SCHEMA", "Clip.2");
            clip.put("name", shot.id());
            ObjectNode meta = clip.putObject("metadata").putObject("reelfarm");
            meta.put("prompt", shot.input().prompt());
            meta.put("shot_index", shot.index());
            if (shot.input().scene() != null) {
                meta.put("scene", shot.input().scene());
            }
            meta.put("transition_in", shot.input().transition().jsonName());
            meta.put("frames_sha256", stitched.framesSha256());
            clip.set("source_range", range(0, stitched.frames(), fps));
            clip.putArray("effects");
            clip.putArray("markers");
            clip.put("enabled", true);
            ObjectNode media = clip.putObject("media_references").putObject("DEFAULT_MEDIA");
            media.put("OTIO_SCHEMA", "ExternalReference.1");
            media.put("name", stitched.file());
            media.putObject("metadata");
            media.set("available_range", range(0, stitched.frames(), fps));
            media.putNull("available_image_bounds");
            media.put("target_url", stitched.file());
            clip.put("active_media_reference_key", "DEFAULT_MEDIA");
        }
        try {
            return JSON.writeValueAsString(timeline) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields every OTIO stack and track has; children are added by the caller. */
    private static ObjectNode composable(ObjectNode node, String schema, String name) {
        node.put("OTIO_SCHEMA", schema);
        node.put("name", name);
        node.putObject("metadata");
        node.putNull("source_range");
        node.putArray("effects");
        node.putArray("markers");
        node.put("enabled", true);
        node.putArray("children");
        return node;
    }

    private static ObjectNode range(long start, long duration, int fps) {
        ObjectNode range = JSON.createObjectNode();
        range.put("OTIO_SCHEMA", "TimeRange.1");
        range.set("start_time", time(start, fps));
        range.set("duration", time(duration, fps));
        return range;
    }

    private static ObjectNode time(long value, int fps) {
        ObjectNode t = JSON.createObjectNode();
        t.put("OTIO_SCHEMA", "RationalTime.1");
        t.put("rate", (double) fps);
        t.put("value", (double) value);
        return t;
    }
}
