package org.reelfarm.capacity;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code --plot FILE.png}: two panels against GPU count (log scale), wall hours above (log scale,
 * the deadline dashed, the answer marked) and cost, or GPU-hours without a price, below.
 */
public final class CapacityPlot {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 700;
    private static final int PANEL = HEIGHT / 2;

    private CapacityPlot() {}

    public static void write(Path png, String title, List<Simulation> sweep, Double pricePerGpuHour, Double deadlineS,
            Simulation chosen) {
        double[] gpus = sweep.stream().mapToDouble(Simulation::gpus).toArray();
        XYChart wall = chart(title, "wall (h)");
        wall.getStyler().setYAxisLogarithmic(true); // walls span hours to months; the deadline stays visible
        wall.addSeries("wall (h)", gpus, sweep.stream().mapToDouble(s -> s.wallS() / 3600).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        if (deadlineS != null) {
            XYSeries line = wall.addSeries("deadline", new double[] {gpus[0], gpus[gpus.length - 1]},
                    new double[] {deadlineS / 3600, deadlineS / 3600});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.RED);
            line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 6f}, 0f));
        }
        if (chosen != null) {
            wall.addSeries("answer: " + chosen.gpus() + " GPUs", new double[] {chosen.gpus()},
                    new double[] {chosen.wallS() / 3600}).setMarker(SeriesMarkers.SQUARE);
        }
        String moneyName = pricePerGpuHour == null ? "GPU-hours" : "cost";
        XYChart money = chart(moneyName + " by GPUs", moneyName);
        money.getStyler().setYAxisMin(0.0);
        money.addSeries(moneyName, gpus, sweep.stream().mapToDouble(s -> pricePerGpuHour == null ? s.gpuHours()
                : s.gpuHours() * pricePerGpuHour).toArray()).setMarker(SeriesMarkers.DIAMOND);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(BitmapEncoder.getBufferedImage(wall), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(money), 0, PANEL, null);
        } finally {
            g.dispose();
        }
        try {
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new CapacityException("cannot write --plot " + png + ": " + e.getMessage(), e);
        }
    }

    private static XYChart chart(String title, String yAxis) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL).title(title).xAxisTitle("GPUs")
                .yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLogarithmic(true);
        return chart;
    }
}
