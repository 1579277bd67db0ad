package org.reelfarm.output;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code DIR/index.html}: every film of a library run with its status, duration, a thumbnail and
 * a link to its report; failed films with their error. Self-contained: thumbnails are embedded.
 * Every text from an input is HTML-escaped.
 */
public final class LibraryIndex {
    public static final String FILE = "index.html";

    private LibraryIndex() {}

    /** @param posters a JPEG per film name (a frame of its first shot); films without one show none */
    public static String toHtml(List<FilmOutcome> films, Map<String, byte[]> posters) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Reelfarm library</title>\n")
                .append("<style>\nbody{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;")
                .append("vertical-align:middle}th{background:#f3f3f3}.failed{color:#a00}.thumb{display:block}\n</style>\n")
                .append("</head>\n<body>\n<h1>Reelfarm library</h1>\n<p id=\"counts\">");
        for (FilmOutcome.Status status : FilmOutcome.Status.values()) {
            html.append(films.stream().filter(f -> f.status() == status).count()).append(' ').append(status.jsonName())
                    .append(status == FilmOutcome.Status.FAILED ? "" : ", ");
        }
        html.append("</p>\n<table id=\"films\">\n<tr><th></th><th>film</th><th>status</th><th>duration</th><th>input</th>")
                .append("<th>error</th></tr>\n");
        for (FilmOutcome film : films) {
            byte[] poster = posters.get(film.film());
            boolean made = film.status() != FilmOutcome.Status.FAILED;
            String link = Report.escape(encodePath(film.film()) + "/" + Report.FILE);
            html.append("<tr class=\"").append(film.status().jsonName()).append("\"><td>");
            if (poster != null) {
                html.append("<img class=\"thumb\" alt=\"\" src=\"data:image/jpeg;base64,")
                        .append(Base64.getEncoder().encodeToString(poster)).append("\">");
            }
            html.append("</td><td>").append(made ? "<a href=\"" + link + "\">" + Report.escape(film.film()) + "</a>"
                    : Report.escape(film.film()));
            html.append("</td><td>").append(film.status().jsonName()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f s", film.durationSeconds())).append("</td><td><code>")
                    .append(Report.escape(film.input())).append("</code></td><td>")
                    .append(film.error() == null ? "" : Report.escape(film.error())).append("</td></tr>\n");
        }
        return html.append("</table>\n<p>The same in <a href=\"").append(LibraryReport.FILE).append("\">")
                .append(LibraryReport.FILE).append("</a>.</p>\n</body>\n</html>\n").toString();
    }

    /** A film name as one relative URL path segment. */
    private static String encodePath(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
