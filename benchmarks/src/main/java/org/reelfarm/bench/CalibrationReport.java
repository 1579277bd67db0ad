package org.reelfarm.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;

/**
 * The figures of {@code bench capacity}: for each case the simulator's predicted render-job wall
 * against the measured one, and the farm overhead of a long film against the raw model loop;
 * written as {@code capacity.json} and {@code capacity.png}. Collects; not thread-safe.
 */
final class CalibrationReport {
    /** Goal: the prediction within 15 % of the measurement. */
    static final double RATIO_TOLERANCE = 0.15;
    /** Goal: a render costs at most 10 % more than the raw loop of the same calls. */
    static final double OVERHEAD_GOAL = 1.10;

    /**
     * One render compared with its prediction: from the model's step as timed alone
     * ({@code predictedS}), and from its step as the model's film paid it in a render
     * ({@code renderedStepMs}, {@code renderedStepPredictedS}; NaN until known).
     */
    record Case(String model, String workload, String master, int films, long windows, long windowSteps,
            int stages, double perRoundS, double predictedS, double measuredS, double processWallS,
            double renderedStepMs, double renderedStepPredictedS) {
        Case(String model, String workload, String master, int films, long windows, long windowSteps, int stages,
                double perRoundS, double predictedS, double measuredS, double processWallS) {
            this(model, workload, master, films, windows, windowSteps, stages, perRoundS, predictedS, measuredS,
                    processWallS, Double.NaN, Double.NaN);
        }

        Case withRenderedStep(double stepMs, double predicted) {
            return new Case(model, workload, master, films, windows, windowSteps, stages, perRoundS, predictedS,
                    measuredS, processWallS, stepMs, predicted);
        }

        /** The prediction the fit starts from: with the rendered step when known. */
        double basePredictedS() {
            return Double.isNaN(renderedStepPredictedS) ? predictedS : renderedStepPredictedS;
        }

        String label() {
            return model + " / " + workload + " / " + master;
        }

        double ratio() {
            return predictedS / measuredS;
        }

        boolean withinGoal() {
            return Math.abs(ratio() - 1) <= RATIO_TOLERANCE;
        }
    }

    /** The cost model on a long film: the render against the raw loop of the same calls. */
    record Overhead(String film, double filmSeconds, String note, long modelCalls, double rawS, double renderWallS,
            double renderJobS, String master) {
        double ratio() {
            return renderWallS / rawS;
        }
    }

    private final ObjectNode machine;
    private final ObjectNode settings = Results.object();
    private final ObjectNode measured = Results.object();
    private final List<Case> cases = new ArrayList<>();
    private Overhead overhead;

    CalibrationReport(ObjectNode machine, boolean quick) {
        this.machine = machine;
        settings.put("quick", quick);
    }

    ObjectNode settings() {
        return settings;
    }

    /** The figures measured here that fed the simulator (step times, per-call cost, loads). */
    ObjectNode measured() {
        return measured;
    }

    void add(Case c) {
        cases.add(c);
    }

    void overhead(Overhead o) {
        overhead = o;
    }

    ObjectNode json() {
        ObjectNode root = Results.object();
        root.set("machine", machine);
        root.set("settings", settings);
        root.set("measured", measured);
        ArrayNode rows = root.putArray("cases");
        for (Case c : cases) {
            ObjectNode row = rows.addObject();
            row.put("case", c.label());
            row.put("model", c.model());
            row.put("workload", c.workload());
            row.put("master", c.master());
            row.put("films", c.films());
            row.put("windows", c.windows());
            row.put("window_steps", c.windowSteps());
            row.put("stages", c.stages());
            row.put("predicted_s", Results.round(c.predictedS()));
            row.put("measured_s", Results.round(c.measuredS()));
            row.put("ratio", Results.round(c.ratio()));
            row.put("within_15pct", c.withinGoal());
            row.put("process_wall_s", Results.round(c.processWallS()));
            if (!Double.isNaN(c.renderedStepMs())) {
                row.put("rendered_step_ms", Results.round(c.renderedStepMs()));
                row.put("predicted_at_rendered_step_s", Results.round(c.renderedStepPredictedS()));
            }
        }
        ObjectNode fitted = root.putObject("fitted");
        fitted.put("method", "two figures fitted, then every other case predicted with them: each model's cost per"
                + " window-step as its film paid it on local[2] (executor denoise time per window-step, the sampler and"
                + " two busy slots included), and on each master a fixed start cost, once per render, so that the"
                + " reference model's film is predicted exactly (the first job of a driver warms up; later jobs and"
                + " stages run warm)");
        ObjectNode start = fitted.putObject("start_s");
        ArrayNode fittedRows = fitted.putArray("cases");
        for (Case c : cases) {
            Case fit = fitted(c);
            if (fit == null) {
                continue;
            }
            start.put(c.master(), Results.round(startS(c.master())));
            ObjectNode row = fittedRows.addObject();
            row.put("case", c.label());
            row.put("fit_on", isFitCase(c) || isStepFitCase(c));
            row.put("predicted_s", Results.round(fit.predictedS()));
            row.put("measured_s", Results.round(fit.measuredS()));
            row.put("ratio", Results.round(fit.ratio()));
            row.put("within_15pct", fit.withinGoal());
        }
        ObjectNode goals = root.putObject("goals");
        if (!cases.isEmpty()) {
            double worst = cases.stream().mapToDouble(c -> Math.abs(c.ratio() - 1)).max().orElse(0);
            Results.goal(goals, "prediction_within_15pct", "|predicted / measured - 1| <= 0.15 in every case", worst,
                    cases.stream().allMatch(Case::withinGoal));
        }
        List<Case> checked = cases.stream().filter(c -> !isFitCase(c) && !isStepFitCase(c)).map(this::fitted)
                .filter(java.util.Objects::nonNull).toList();
        if (!checked.isEmpty()) {
            double worst = checked.stream().mapToDouble(c -> Math.abs(c.ratio() - 1)).max().orElse(0);
            Results.goal(goals, "fitted_prediction_within_15pct", "the same with the fitted step and start costs,"
                    + " every case but those they were fitted on", worst, checked.stream().allMatch(Case::withinGoal));
        }
        if (overhead != null) {
            ObjectNode o = root.putObject("overhead");
            o.put("film", overhead.film());
            o.put("film_s", overhead.filmSeconds());
            o.put("note", overhead.note());
            o.put("master", overhead.master());
            o.put("model_calls", overhead.modelCalls());
            o.put("raw_loop_s", Results.round(overhead.rawS()));
            o.put("render_wall_s", Results.round(overhead.renderWallS()));
            o.put("render_job_s", Results.round(overhead.renderJobS()));
            o.put("ratio", Results.round(overhead.ratio()));
            o.put("render_job_ratio", Results.round(overhead.renderJobS() / overhead.rawS()));
            Results.goal(goals, "overhead_at_most_1.10", "render wall / raw loop <= 1.10", overhead.ratio(),
                    overhead.ratio() <= OVERHEAD_GOAL);
        }
        return root;
    }

    /** The case the start cost of a master is fitted on: the reference model's film. */
    static boolean isFitCase(Case c) {
        return c.model().equals("reference") && c.workload().equals("film");
    }

    /** The case a model's cost per window-step in a render is taken from: its film on local[2]. */
    static boolean isStepFitCase(Case c) {
        return c.workload().equals("film") && c.master().startsWith("local");
    }

    /**
     * The fixed cost of a render job beyond what the simulator counts, on {@code master}: the
     * reference film's measured wall less its prediction from its rendered step, or NaN if the
     * master has no such case. Paid once per driver: the first Spark job of a JVM warms up (class
     * loading, the JIT, the model's first calls, a cluster's executors taking their first tasks),
     * while a library's later jobs and stages run warm. An earlier fit spread it over the film's
     * stages and counted it again for every stage of a library, which over-predicted libraries
     * by 1.4-1.5 times (benchmarks/README.md, 2026-12-02 18:08).
     */
    double startS(String master) {
        return cases.stream().filter(x -> isFitCase(x) && x.master().equals(master)).findFirst()
                .map(on -> Math.max(0, on.measuredS() - on.basePredictedS())).orElse(Double.NaN);
    }

    /**
     * {@code c} predicted from its rendered step (when known) plus its master's fixed start cost
     * ({@link #startS}), or null if that master has no fit case.
     */
    Case fitted(Case c) {
        double start = startS(c.master());
        if (Double.isNaN(start)) {
            return null;
        }
        double predicted = c.basePredictedS() + start;
        return new Case(c.model(), c.workload(), c.master(), c.films(), c.windows(), c.windowSteps(), c.stages(),
                c.perRoundS(), predicted, c.measuredS(), c.processWallS(), c.renderedStepMs(), predicted);
    }

    /** Predicted against measured per case, and their ratios. */
    List<CategoryChart> charts() {
        List<String> labels = cases.stream().map(c -> c.model() + "/" + c.workload() + "/" + shortMaster(c.master()))
                .toList();
        CategoryChart walls = Charts.bars("Render job wall: simulator vs measured", "case", "seconds");
        CategoryChart ratios = Charts.bars("Predicted / measured (goal 0.85 - 1.15)", "case", "ratio");
        ratios.getStyler().setLabelsVisible(false);
        if (!cases.isEmpty()) {
            walls.addSeries("predicted", labels, cases.stream().map(c -> Results.round(c.predictedS())).toList());
            walls.addSeries("measured", labels, cases.stream().map(c -> Results.round(c.measuredS())).toList());
            ratios.addSeries("as measured", labels, cases.stream().map(c -> Results.round(c.ratio())).toList());
            if (cases.stream().allMatch(c -> fitted(c) != null)) {
                walls.addSeries("predicted, fitted", labels,
                        cases.stream().map(c -> Results.round(fitted(c).predictedS())).toList());
                ratios.addSeries("fitted", labels,
                        cases.stream().map(c -> Results.round(fitted(c).ratio())).toList());
            }
        }
        List<CategoryChart> out = new ArrayList<>(List.of(walls, ratios));
        if (overhead != null) {
            CategoryChart o = Charts.bars("Farm overhead, cost model, " + overhead.film(), "", "seconds");
            o.addSeries("seconds", List.of("raw loop", "render wall", "render job"), List.of(
                    Results.round(overhead.rawS()), Results.round(overhead.renderWallS()),
                    Results.round(overhead.renderJobS())));
            out.add(o);
        }
        return out;
    }

    void write(Path json, Path png) throws IOException {
        Results.write(json, json());
        Charts.save(charts(), 2, png);
    }

    private static String shortMaster(String master) {
        return master.startsWith("spark://") ? "cluster" : master;
    }
}
