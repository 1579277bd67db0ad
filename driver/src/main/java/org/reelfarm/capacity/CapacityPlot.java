package org.reelfarm.capacity;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code --plot FILE.png}: wall hours (and cost, or GPU-hours without a price) against GPU count. */
public final class CapacityPlot {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 540;

    private CapacityPlot() {}

    public static void write(Path png, String title, List<Simulation> sweep, Double pricePerGpuHour, Double deadlineS,
            Simulation chosen) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("GPUs")
                .yAxisTitle("wall (h)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true); // walls span hours to months; the deadline stays visible
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        double[] gpus = sweep.stream().mapToDouble(Simulation::gpus).toArray();
        double[] wall = sweep.stream().mapToDouble(s -> s.wallS() / 3600).toArray();
        double[] money = sweep.stream().mapToDouble(s -> pricePerGpuHour == null ? s.gpuHours()
                : s.gpuHours() * pricePerGpuHour).toArray();
        chart.addSeries("wall (h)", gpus, wall).setMarker(SeriesMarkers.CIRCLE);
        XYSeries cost = chart.addSeries(pricePerGpuHour == null ? "GPU-hours" : "cost", gpus, money);
        cost.setYAxisGroup(1);
        cost.setMarker(SeriesMarkers.DIAMOND);
        chart.setYAxisGroupTitle(1, pricePerGpuHour == null ? "GPU-hours" : "cost");
        if (deadlineS != null) {
            XYSeries line = chart.addSeries("deadline", new double[] {gpus[0], gpus[gpus.length - 1]},
                    new double[] {deadlineS / 3600, deadlineS / 3600});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.RED);
            line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 6f}, 0f));
        }
        if (chosen != null) {
            chart.addSeries("answer: " + chosen.gpus() + " GPUs", new double[] {chosen.gpus()},
                    new double[] {chosen.wallS() / 3600}).setMarker(SeriesMarkers.SQUARE);
        }
        try {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new CapacityException("cannot write --plot " + png + ": " + e.getMessage(), e);
        }
    }
}
