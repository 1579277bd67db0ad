package org.reelfarm.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
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

    /** Writes the charts in a grid of {@code columns} columns into one PNG. */
    static void save(List<CategoryChart> charts, int columns, Path png) throws IOException {
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        BitmapEncoder.saveBitmap(charts, rows, cols, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
