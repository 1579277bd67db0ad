package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

class ChartsTest {

    @Test
    void anOddNumberOfChartsLeavesTheLastCellEmpty(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<CategoryChart> charts = List.of(chart("a"), chart("b"), chart("c"));
        Path png = dir.resolve("three.png");

        Charts.save(charts, 2, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * Charts.WIDTH, image.getWidth());
        assertEquals(2 * Charts.HEIGHT, image.getHeight());
        assertEquals(0xFFFFFFFF, image.getRGB(image.getWidth() - 10, image.getHeight() - 10), "the empty cell is white");
    }

    private static CategoryChart chart(String title) {
        CategoryChart chart = Charts.bars(title, "x", "y");
        chart.addSeries("s", List.of("one", "two"), List.of(1.0, 2.0));
        return chart;
    }
}
