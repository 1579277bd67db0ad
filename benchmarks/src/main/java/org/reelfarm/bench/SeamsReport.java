package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;

/**
 * The figures of {@code bench seams}, built from the renders' {@code manifest.json} and wall
 * times: one row per film and strategy, the codenoise ÷ independent ratios, the codenoise
 * settings sweep, notes on disturbed renders, and the charts. Pure: no rendering here, so it is
 * unit-tested on hand-written manifests.
 */
final class SeamsReport {
    static final List<String> STRATEGIES = List.of("independent", "shared-noise", "codenoise");

    private final ObjectNode root = Results.object();
    private final ObjectNode films;
    private final ArrayNode sweep;
    private final List<String> notes = new ArrayList<>();

    SeamsReport(ObjectNode machine, boolean quick, String master) {
        root.put("benchmark", "seams");
        root.set("machine", machine);
        root.put("quick", quick);
        root.put("master", master);
        films = root.putObject("films");
        sweep = root.putArray("codenoise_sweep");
    }

    /** Announces a film: its shot list and its length, before its renders are added. */
    void film(String name, String description, double seconds) {
        ObjectNode film = films.putObject(name);
        film.put("description", description);
        film.put("seconds", seconds);
        film.putObject("strategies");
    }

    /** Adds the render of {@code film} with {@code strategy}. */
    void add(String film, String strategy, double wallSeconds, JsonNode manifest, Optional<CpuSample.Use> cpu) {
        ObjectNode strategies = (ObjectNode) films.path(film).path("strategies");
        if (strategies.isMissingNode()) {
            throw new IllegalArgumentException("unknown film " + film);
        }
        strategies.set(strategy, row(wallSeconds, manifest));
        cpu.ifPresent(c -> noteIfDisturbed(film + " " + strategy, c.otherSeconds(), wallSeconds));
    }

    /** Adds one codenoise render of the sweep (still film). */
    void sweep(int syncEvery, int stagger, double wallSeconds, JsonNode manifest, Optional<CpuSample.Use> cpu) {
        ObjectNode point = row(wallSeconds, manifest);
        ObjectNode entry = sweep.addObject();
        entry.put("sync_every", syncEvery);
        entry.put("stagger", stagger);
        entry.setAll(point);
        cpu.ifPresent(c -> noteIfDisturbed("sweep sync-every " + syncEvery, c.otherSeconds(), wallSeconds));
    }

    private void noteIfDisturbed(String what, double otherCpu, double wall) {
        Results.disturbance(what, otherCpu, wall).ifPresent(notes::add);
    }

    /**
     * One render's figures from its manifest: worst seam, drift, every shot's boundaries, the
     * job's counters and the wall times (from outside the JVM, and the manifest's
     * {@code render_job}).
     */
    static ObjectNode row(double wallSeconds, JsonNode manifest) {
        ObjectNode row = Results.object();
        JsonNode seams = manifest.path("seams");
        JsonNode job = manifest.path("job");
        row.put("strategy", job.path("strategy").asText());
        row.put("seam", seams.path("film").asDouble());
        row.put("drift_latent_px", seams.path("drift_latent_px").asDouble());
        ArrayNode boundaries = row.putArray("boundaries");
        for (JsonNode shot : seams.path("shots")) {
            for (JsonNode b : shot.path("boundaries")) {
                ObjectNode out = boundaries.addObject();
                out.put("shot", shot.path("shot").asText());
                out.put("first_frame", b.get(0).asInt());
                out.put("end_frame", b.get(1).asInt());
                out.put("seam", b.get(2).asDouble());
                out.put("largest_frame_diff", b.get(3).asDouble());
            }
        }
        row.put("wall_s", Results.round(wallSeconds));
        row.put("total_s", manifest.path("timings_s").path("total").asDouble());
        row.put("render_job_s", manifest.path("timings_s").path("render_job").asDouble());
        row.put("spark_stages", job.path("spark_stages").asLong());
        row.put("sync_rounds", job.path("sync_rounds").asLong());
        row.put("model_calls", job.path("model_calls").asLong(manifest.path("model_calls").asLong()));
        row.put("window_steps", job.path("window_steps").asLong());
        return row;
    }

    /**
     * The report: rows, and per film {@code codenoise_over_independent} (wall, total, render_job,
     * window_steps, model_calls, seam, drift). {@code window_steps} must be 1.0: both strategies do
     * the same model work, only in another order.
     */
    JsonNode json() {
        ObjectNode out = root.deepCopy();
        for (var it = ((ObjectNode) out.get("films")).fields(); it.hasNext(); ) {
            ObjectNode film = (ObjectNode) it.next().getValue();
            JsonNode independent = film.path("strategies").path("independent");
            JsonNode codenoise = film.path("strategies").path("codenoise");
            if (independent.isMissingNode() || codenoise.isMissingNode()) {
                continue;
            }
            ObjectNode ratios = film.putObject("codenoise_over_independent");
            for (String key : List.of("wall_s", "total_s", "render_job_s", "window_steps", "model_calls", "seam",
                    "drift_latent_px")) {
                double base = independent.path(key).asDouble();
                ratios.put(key, base == 0 ? Double.NaN : Results.round(codenoise.path(key).asDouble() / base));
            }
        }
        ArrayNode noteArray = out.putArray("notes");
        notes.forEach(noteArray::add);
        return out;
    }

    /** Films whose codenoise render did other model work than the independent one (empty when all agree). */
    List<String> modelWorkDiffers() {
        List<String> differ = new ArrayList<>();
        films.fields().forEachRemaining(e -> {
            JsonNode s = e.getValue().path("strategies");
            long a = s.path("independent").path("window_steps").asLong(-1);
            long b = s.path("codenoise").path("window_steps").asLong(-1);
            if (a >= 0 && b >= 0 && a != b) {
                differ.add(e.getKey() + ": independent " + a + ", codenoise " + b + " window steps");
            }
        });
        return differ;
    }

    /** {@code seams.png}: seam score per boundary per strategy, one panel per film, and the sweep's seams. */
    List<CategoryChart> seamCharts() {
        List<CategoryChart> charts = new ArrayList<>();
        films.fields().forEachRemaining(e -> {
            CategoryChart chart = Charts.bars("Seam score per boundary: " + e.getKey(), "boundary (first frame)",
                    "seam score");
            chart.getStyler().setLabelsVisible(false);
            for (String strategy : STRATEGIES) {
                JsonNode row = e.getValue().path("strategies").path(strategy);
                List<String> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (JsonNode b : row.path("boundaries")) {
                    x.add(b.path("shot").asText() + "@" + b.path("first_frame").asInt());
                    y.add(b.path("seam").asDouble());
                }
                if (!x.isEmpty()) {
                    chart.addSeries(strategy, x, y);
                }
            }
            if (!chart.getSeriesMap().isEmpty()) {
                charts.add(chart);
            }
        });
        if (!sweep.isEmpty()) {
            CategoryChart chart = Charts.bars("Codenoise sweep on the still film", "sync-every = stagger", "");
            List<String> x = new ArrayList<>();
            List<Double> seam = new ArrayList<>();
            List<Double> drift = new ArrayList<>();
            for (JsonNode p : sweep) {
                x.add(Integer.toString(p.path("sync_every").asInt()));
                seam.add(p.path("seam").asDouble());
                drift.add(p.path("drift_latent_px").asDouble());
            }
            chart.addSeries("worst seam", x, seam);
            chart.addSeries("drift (latent px)", x, drift);
            charts.add(chart);
        }
        return charts;
    }

    /** {@code seams-cost.png}: wall time, render job, Spark stages and sync rounds per film and strategy. */
    List<CategoryChart> costCharts() {
        List<CategoryChart> charts = new ArrayList<>();
        String[][] panels = {
            {"wall_s", "Wall time, JVM start to exit", "s"},
            {"render_job_s", "Spark render job", "s"},
            {"spark_stages", "Spark stages", "stages"},
            {"sync_rounds", "Sync rounds", "rounds"},
        };
        List<String> filmNames = new ArrayList<>();
        films.fieldNames().forEachRemaining(filmNames::add);
        for (String[] panel : panels) {
            CategoryChart chart = Charts.bars(panel[1] + " per strategy", "film", panel[2]);
            for (String strategy : STRATEGIES) {
                List<Double> y = new ArrayList<>();
                for (String film : filmNames) {
                    y.add(films.path(film).path("strategies").path(strategy).path(panel[0]).asDouble());
                }
                chart.addSeries(strategy, filmNames, y);
            }
            charts.add(chart);
        }
        return charts;
    }
}
