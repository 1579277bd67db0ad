package org.reelfarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.knowm.xchart.CategoryChart;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code bench micro}: runs {@link DenoiseBenchmark} through the JMH Runner API in a forked JVM
 * (which inherits this JVM's flags and classpath). Writes JMH's own JSON result to
 * {@code DIR/micro.json} and a bar chart to {@code DIR/micro.png}; JMH's progress goes to the log
 * stream so that standard output carries only the JSON.
 */
final class MicroBenchmark {
    static final String NAME = "micro";

    private final boolean quick;
    private final QuietMachine quiet;
    private final PrintStream log;

    MicroBenchmark(BenchOptions options, PrintStream log) {
        this.quick = options.quick();
        this.quiet = new QuietMachine(options.maxWaitSeconds() * 1000L, log);
        this.log = log;
    }

    /** Runs the benchmarks and returns JMH's JSON result (an array, one element per benchmark and param). */
    JsonNode run(Path dir) throws IOException {
        Path json = dir.resolve(NAME + ".json");
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include(Pattern.quote(DenoiseBenchmark.class.getName()) + "\\.")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .shouldFailOnError(true);
        if (quick) {
            builder.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        quiet.await(NAME);
        Optional<CpuSample> cpuStart = CpuSample.now();
        long start = System.nanoTime();
        Collection<RunResult> results;
        try {
            results = new Runner(builder.build(), OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL)).run();
        } catch (RunnerException e) {
            throw new BenchmarkFailure("the JMH run failed: " + e.getMessage(), e);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        cpuStart.flatMap(s -> CpuSample.now().map(e -> e.since(s))).ifPresent(use -> {
            // The JMH fork is a child of this JVM, so its CPU counts as ours; the rest is someone else's.
            if (use.otherSeconds() > RenderReport.DISTURBED_SHARE * wall) {
                log.printf("micro: WARNING: other processes used %.1f CPU s during the %.0f s run; the figures may be"
                        + " disturbed, re-run on a quiet machine%n", use.otherSeconds(), wall);
            }
        });
        if (results.isEmpty()) {
            throw new BenchmarkFailure("JMH found no benchmarks: was benchmarks/ compiled with the JMH annotation"
                    + " processor (target/classes/META-INF/BenchmarkList)?");
        }
        Charts.save(charts(rows(results)), 2, dir.resolve(NAME + ".png"));
        log.println("micro: wrote " + json + " and " + dir.resolve(NAME + ".png"));
        return Results.read(json);
    }

    /**
     * One benchmark result: its label, ms per operation and thread with its error, the window-steps
     * an operation does, and the threads running operations at once.
     */
    record Row(String label, double msPerOp, double error, int windowSteps, int threads) {
        /** Wall time per window-step of the whole benchmark: what a render's throughput follows. */
        double msPerWindowStep() {
            return msPerOp / windowSteps / threads;
        }
    }

    /** Rows labelled for the chart (JMH's JSON keeps the method names). */
    static List<Row> rows(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String batch = result.getParams().getParam("batch");
            double score = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            int threads = result.getParams().getThreads();
            String onThreads = threads == 1 ? "" : ", " + threads + " threads";
            if (batch != null) {
                rows.add(new Row("denoise, batch " + batch + onThreads, score, finite(error), Integer.parseInt(batch),
                        threads));
            } else {
                rows.add(new Row("sample 1 window, " + DenoiseBenchmark.STEPS + " steps" + onThreads, score,
                        finite(error), DenoiseBenchmark.STEPS, threads));
            }
        }
        rows.sort(Comparator.comparing(Row::label));
        return rows;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }

    static List<CategoryChart> charts(List<Row> rows) {
        List<String> labels = rows.stream().map(Row::label).toList();
        CategoryChart perOp = Charts.bars("Time per call and thread (JMH average; TensorFlow 1 intra/1 inter thread)",
                "benchmark", "milliseconds per operation");
        perOp.addSeries("ms/op (error bar: 99.9% CI)", labels, rows.stream().map(Row::msPerOp).toList(),
                rows.stream().map(Row::error).toList());
        CategoryChart perWindow = Charts.bars("Wall time per window per denoising step (all threads)", "benchmark",
                "milliseconds per window-step");
        perWindow.addSeries("ms per window-step", labels, rows.stream().map(Row::msPerWindowStep).toList());
        perOp.getStyler().setLegendVisible(true);
        perWindow.getStyler().setLegendVisible(false);
        return List.of(perOp, perWindow);
    }
}
