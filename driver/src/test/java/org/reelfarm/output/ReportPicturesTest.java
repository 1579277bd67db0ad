package org.reelfarm.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportPicturesTest {

    @Test
    void contactSheetTakesFirstMiddleLastAndBothSidesOfEverySeam() {
        FilmSummary film = PinnedOutputTest.film();
        int stride = film.spec().temporalStride();
        List<ContactSheet.Frame> frames = ContactSheet.frames(film.plan(), stride);
        for (FilmShot shot : film.shots()) {
            List<String> labels = frames.stream().filter(f -> f.shot() == shot.index()).map(ContactSheet.Frame::label).toList();
            assertTrue(labels.containsAll(List.of("first", "middle", "last")), labels.toString());
            long windows = film.plan().windows().stream().filter(w -> w.shotIndex() == shot.index()).count();
            assertEquals(2 * (windows - 1), labels.stream().filter(l -> l.contains("seam")).count(), labels.toString());
        }
        long first = (long) film.plan().shots().get(0).start() * stride;
        assertArrayEquals(new long[] {first}, ContactSheet.framesIn(frames, first, first + 1));
    }

    @Test
    void reportEmbedsEveryThumbnailAndTheJobTimeline() {
        FilmSummary film = PinnedOutputTest.film();
        Map<Long, byte[]> thumbnails = new HashMap<>();
        ContactSheet.frames(film.plan(), film.spec().temporalStride()).forEach(f -> thumbnails.put(f.frame(), new byte[] {1, 2}));
        JobTimeline job = new JobTimeline(List.of(
                new JobTimeline.TaskSpan("denoise windows", 0, 0, 0, "1", 1000, 2000, null),
                new JobTimeline.TaskSpan("denoise windows", 0, 1, 0, "2", 1000, 1500, "ExecutorLostFailure <b>"),
                new JobTimeline.TaskSpan("denoise windows", 0, 1, 1, "1", 2000, 2600, null)),
                List.of(new JobTimeline.LostExecutor("2", 1500, "heartbeat <timed out>")));
        String html = Report.toHtml(film, thumbnails, job);
        assertEquals(thumbnails.size(), html.split("class=\"thumb\"", -1).length - 1);
        assertEquals(film.shots().size(), html.split("class=\"sheet-row\"", -1).length - 1);
        assertTrue(html.contains("<svg id=\"job-timeline\""), html);
        assertTrue(html.contains("3 task attempts on 2 executors, 1 retries, 1 failed attempts, 1 executors lost"), html);
        assertTrue(html.contains("heartbeat &lt;timed out&gt;"), html);
        assertFalse(html.contains("<b>"), "no live markup from a failure reason");
        assertTrue(html.contains("<svg id=\"seam-plot\"") && html.contains("<svg id=\"drift-plot\""), html);
    }

    @Test
    void libraryIndexLinksRenderedFilmsAndShowsErrorsEscaped() {
        String html = LibraryIndex.toHtml(List.of(
                new FilmOutcome("intro film", "a.md", FilmOutcome.Status.RENDERED, 12.5, 300, null),
                FilmOutcome.failed("bad", "<bad>.md", "line 3: \"<script>\" is not a shot")),
                Map.of("intro film", new byte[] {9}));
        assertTrue(html.contains("<a href=\"intro%20film/report.html\">intro film</a>"), html);
        assertTrue(html.contains("line 3: &quot;&lt;script&gt;&quot; is not a shot"), html);
        assertTrue(html.contains("data:image/jpeg;base64,CQ=="), html);
        assertTrue(html.contains("1 rendered, 0 skipped, 1 failed"), html);
        assertFalse(html.contains("<script>"), html);
    }
}
