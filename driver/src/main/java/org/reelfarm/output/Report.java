package org.reelfarm.output;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.reelfarm.quality.SeamScores;
import org.reelfarm.stitch.StitchedShot;

/**
 * {@code report.html}: a self-contained page to watch the film and read how it was made: the
 * shots with their prompts and warnings, settings and timings. Every text from the input is
 * HTML-escaped.
 */
public final class Report {
    public static final String FILE = "report.html";

    private Report() {}

    /** The report without pictures of frames or of the job (for a film whose job was not watched). */
    public static String toHtml(FilmSummary film) {
        return toHtml(film, Map.of(), JobTimeline.empty());
    }

    /**
     * @param thumbnails JPEG per output frame of the film, for the contact sheet (see {@link ContactSheet})
     * @param job the tasks of the job that rendered the film
     */
    public static String toHtml(FilmSummary film, Map<Long, byte[]> thumbnails, JobTimeline job) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(film.name())).append(" — Reelfarm</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}")
                .append("table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;")
                .append("text-align:left;vertical-align:top}th{background:#f3f3f3}.warn{color:#9a4b00}")
                .append("code{font-size:.85em}video{max-width:100%;background:#000}")
                .append(".sheet-row{display:flex;flex-wrap:wrap;align-items:flex-start;gap:.4rem;margin:.4rem 0}")
                .append(".sheet-id{width:8rem;font-weight:bold;overflow-wrap:anywhere}figure{margin:0;font-size:.75em;text-align:center}")
                .append(".thumb{display:block;border:1px solid #ccc}svg{display:block;margin:.5rem 0}\n</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(film.name())).append("</h1>\n");
        html.append(String.format(Locale.ROOT, "<p id=\"summary\">%d shots, %d frames, %.2f s at %d fps, %dx%d, model %s %s</p>%n",
                film.shots().size(), film.frames(), film.durationSeconds(), film.spec().fps(), film.spec().frameWidth(),
                film.spec().frameHeight(), escape(film.spec().name()), escape(film.spec().version())));
        html.append("<video id=\"film\" src=\"film.mp4\" controls preload=\"metadata\"></video>\n");
        if (!thumbnails.isEmpty()) {
            html.append(ContactSheet.html(film, thumbnails));
        }
        if (!film.warnings().isEmpty()) {
            html.append("<h2>Warnings</h2>\n<ul class=\"warn\" id=\"warnings\">\n");
            for (String warning : film.warnings()) {
                html.append("<li>").append(escape(warning)).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("<h2>Shots</h2>\n<table id=\"shots\">\n<tr><th>#</th><th>shot</th><th>prompt</th><th>start</th>")
                .append("<th>frames</th><th>unknown words</th><th>file</th></tr>\n");
        for (FilmShot shot : film.shots()) {
            StitchedShot stitched = shot.stitched();
            html.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%.2f s</td><td>%d</td><td>%s</td>"
                            + "<td><a href=\"%s\">%s</a></td></tr>%n",
                    shot.index() + 1, escape(shot.id()), escape(shot.input().prompt()),
                    (double) stitched.firstFrame() / film.spec().fps(), stitched.frames(),
                    escape(String.join(", ", shot.input().unknownWords())), escape(stitched.file()),
                    escape(stitched.file())));
        }
        html.append("</table>\n<h2>Seams</h2>\n");
        html.append(String.format(Locale.ROOT, "<p id=\"seams\">Strategy %s. Seam score %.2f (1.00 is seamless: the"
                        + " largest frame-to-frame change at a window boundary against the median inside the shot),"
                        + " drift %.2f latent px.</p>%n", escape(film.job().strategy()), film.seam(), film.drift()));
        if (!film.job().conditioned() && film.job().syncRounds() > 0) {
            html.append("<p class=\"warn\">The model does not support conditioning: windows were fused where they"
                    + " overlap but not conditioned on their neighbours, which smooths seams but does not stop drift.</p>\n");
        }
        html.append(SeamPlot.svg(film));
        html.append("<table id=\"seam-shots\">\n<tr><th>#</th><th>windows</th><th>seam</th><th>drift (latent px)</th></tr>\n");
        for (FilmShot filmShot : film.shots()) {
            SeamScores.ShotScore shot = filmShot.seams();
            html.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%.2f</td><td>%.2f</td></tr>%n",
                    shot.shot() + 1, shot.boundaries().size() + 1, shot.seam(), shot.drift()));
        }
        html.append("</table>\n<h2>Job timeline</h2>\n").append(job.svg());
        html.append("<h2>Settings</h2>\n<table id=\"settings\">\n");
        for (Map.Entry<String, Object> e : new TreeMap<>(film.settings()).entrySet()) {
            html.append("<tr><th>").append(escape(e.getKey())).append("</th><td><code>")
                    .append(escape(String.valueOf(e.getValue()))).append("</code></td></tr>\n");
        }
        html.append("</table>\n<h2>Timings</h2>\n<table id=\"timings\">\n");
        for (Map.Entry<String, Double> e : new TreeMap<>(film.timings()).entrySet()) {
            html.append(String.format(Locale.ROOT, "<tr><th>%s</th><td>%.2f s</td></tr>%n", escape(e.getKey()), e.getValue()));
        }
        html.append("</table>\n<p>Model calls: ").append(film.modelCalls()).append(". Input <code>")
                .append(escape(film.script().source())).append("</code>, SHA-256 <code>")
                .append(escape(film.script().sha256())).append("</code>. Reproduce with the settings above and ")
                .append("<a href=\"manifest.json\">manifest.json</a>; edit with <a href=\"timeline.otio\">timeline.otio</a>.</p>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
