package org.reelfarm.output;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.ShotSpan;
import org.reelfarm.plan.Window;

/**
 * Which frames the report's contact sheet shows, and the sheet as HTML: per shot its first,
 * middle and last frame and the two frames on either side of each window boundary inside it
 * (the middle of the windows' overlap, where a seam would show). The frames are chosen here,
 * before the job, so that executors take their thumbnails while encoding.
 */
public final class ContactSheet {

    /** One picture of the sheet: an output frame of the film and what it shows. */
    public record Frame(int shot, long frame, String label) {}

    private ContactSheet() {}

    /** Every frame of the sheet, shot by shot, in film order. */
    public static List<Frame> frames(FilmPlan plan, int stride) {
        List<Frame> out = new ArrayList<>();
        List<Window> windows = plan.windows();
        for (ShotSpan shot : plan.shots()) {
            long first = (long) shot.start() * stride;
            long last = (long) shot.end() * stride - 1;
            out.add(new Frame(shot.shotIndex(), first, "first"));
            for (int i = 1; i < windows.size(); i++) {
                Window left = windows.get(i - 1);
                Window right = windows.get(i);
                if (left.shotIndex() == shot.shotIndex() && right.shotIndex() == shot.shotIndex()) {
                    long seam = (long) (right.start() + left.end()) * stride / 2;
                    if (seam - 1 > first && seam < last) {
                        out.add(new Frame(shot.shotIndex(), seam - 1, "before seam " + i));
                        out.add(new Frame(shot.shotIndex(), seam, "after seam " + i));
                    }
                }
            }
            out.add(new Frame(shot.shotIndex(), (first + last) / 2, "middle"));
            out.add(new Frame(shot.shotIndex(), last, "last"));
        }
        out.sort((a, b) -> Long.compare(a.frame(), b.frame()));
        return List.copyOf(out);
    }

    /** The sheet's frames in {@code [from, to)}, ascending and distinct: what one segment thumbnails. */
    public static long[] framesIn(List<Frame> frames, long from, long to) {
        TreeSet<Long> in = new TreeSet<>();
        for (Frame f : frames) {
            if (f.frame() >= from && f.frame() < to) {
                in.add(f.frame());
            }
        }
        return in.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The sheet as an HTML section: one row per shot, each thumbnail an embedded JPEG.
     *
     * @param thumbnails JPEG per output frame; frames without one are left out
     */
    static String html(FilmSummary film, Map<Long, byte[]> thumbnails) {
        StringBuilder html = new StringBuilder();
        html.append("<h2>Contact sheet</h2>\n<div id=\"contact-sheet\">\n");
        List<Frame> frames = frames(film.plan(), film.spec().temporalStride());
        for (FilmShot shot : film.shots()) {
            html.append("<div class=\"sheet-row\" data-shot=\"").append(shot.index()).append("\"><span class=\"sheet-id\">")
                    .append(shot.index() + 1).append(' ').append(Report.escape(shot.id())).append("</span>");
            long done = -1;
            for (Frame f : frames) {
                byte[] jpeg = thumbnails.get(f.frame());
                if (f.shot() != shot.index() || jpeg == null || f.frame() == done) {
                    continue;
                }
                done = f.frame();
                html.append("<figure><img class=\"thumb\" alt=\"frame ").append(f.frame()).append("\" data-frame=\"")
                        .append(f.frame()).append("\" src=\"data:image/jpeg;base64,")
                        .append(Base64.getEncoder().encodeToString(jpeg)).append("\"><figcaption>").append(f.label())
                        .append(String.format(java.util.Locale.ROOT, " %.2f s", (double) f.frame() / film.spec().fps()))
                        .append("</figcaption></figure>");
            }
            html.append("</div>\n");
        }
        return html.append("</div>\n").toString();
    }
}
