package org.reelfarm.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Bar charts of benchmark figures, drawn with XChart into PNG files. Needs no display: the
 * launcher and {@link BenchMain} run AWT headless.
 */
final class Charts {
    static final int WIDTH = 720;
    static final int HEIGHT = 460;

    private Charts() {}

    /** One bar per category, or one group of bars per category when there are several series. */
    static CategoryChart bars(String title, String xAxis, String yAxis) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0.###");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisLabelRotation(15);
        chart.getStyler().setAvailableSpaceFill(0.6);
        return chart;
    }

    /** Lines over time: one series per call of {@code addSeries}. */
    static XYChart lines(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xAxis)
                .yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    /**
     * Writes the charts in a grid of {@code columns} columns into one PNG; a last row that is not
     * full stays white (XChart's own grid needs every cell filled).
     */
    static void save(List<? extends Chart<?, ?>> charts, int columns, Path png) throws IOException {
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        int width = charts.stream().mapToInt(Chart::getWidth).max().orElse(WIDTH);
        int height = charts.stream().mapToInt(Chart::getHeight).max().orElse(HEIGHT);
        BufferedImage grid = new BufferedImage(cols * width, rows * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % cols) * width, (i / cols) * height, null);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(grid, "png", png.toFile())) {
            throw new IOException("no PNG writer for " + png);
        }
    }
}
