package org.reelfarm.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.reelfarm.quality.SeamScores;

/** The report's plot of seams and drift, as inline SVG: a bar per window boundary and per shot. */
final class SeamPlot {
    private static final int HEIGHT = 160;
    private static final int BAR = 14;

    private SeamPlot() {}

    static String svg(FilmSummary film) {
        List<String> labels = new ArrayList<>();
        List<Double> seams = new ArrayList<>();
        for (FilmShot shot : film.shots()) {
            int k = 1;
            for (SeamScores.BoundaryScore b : shot.seams().boundaries()) {
                labels.add(Report.escape(shot.id()) + " seam " + k++);
                seams.add(b.score());
            }
        }
        List<String> shotLabels = film.shots().stream().map(s -> Report.escape(s.id())).toList();
        List<Double> drifts = film.shots().stream().map(s -> s.seams().drift()).toList();
        return "<div id=\"plots\">\n" + bars("seam-plot", "Seam score per window boundary (1.00 is seamless)", labels,
                seams, 1.0, "#4a7fd4") + bars("drift-plot", "Drift per shot (latent px)", shotLabels, drifts, 0, "#d4884a")
                + "</div>\n";
    }

    private static String bars(String id, String title, List<String> labels, List<Double> values, double reference,
            String colour) {
        int n = Math.max(1, values.size());
        int width = Math.max(300, 60 + n * (BAR + 6));
        double max = Math.max(reference, values.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        max = max <= 0 ? 1 : max * 1.1;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" font-size=\"11\" font-family=\"sans-serif\"><text x=\"4\" y=\"12\">%s</text>"
                + "<line x1=\"40\" x2=\"40\" y1=\"20\" y2=\"%d\" stroke=\"#888\"/>%n", id, width, HEIGHT + 20,
                title, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"36\" y=\"26\" text-anchor=\"end\">%.2f</text><text x=\"36\" y=\"%d\""
                + " text-anchor=\"end\">0</text>%n", max, HEIGHT));
        if (reference > 0) {
            double y = HEIGHT - (HEIGHT - 20) * reference / max;
            svg.append(String.format(Locale.ROOT, "<line x1=\"40\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#999\""
                    + " stroke-dasharray=\"4 3\"/>%n", width, y, y));
        }
        for (int i = 0; i < values.size(); i++) {
            double h = (HEIGHT - 20) * values.get(i) / max;
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\""
                    + " fill=\"%s\"><title>%s: %.2f</title></rect>%n", 46 + i * (BAR + 6), HEIGHT - h, BAR, h, colour,
                    labels.get(i), values.get(i)));
        }
        if (values.isEmpty()) {
            svg.append("<text x=\"50\" y=\"80\">none</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }
}
