package dev.srpo.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class ChartsTest {

    static XYChart successCurve() {
        XYChart chart = new XYChartBuilder()
                .width(400)
                .height(300)
                .title("success rate")
                .build();
        chart.addSeries("SRPO", new double[] {0, 50, 100, 150, 200}, new double[] {0.49, 0.7, 0.86, 0.95, 0.99});
        return chart;
    }

    @Test
    void rendersToANonEmptyPng() throws Exception {
        byte[] png = Charts.toPng(successCurve());
        assertTrue(png.length > 1000, "PNG of " + png.length + " bytes");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
        // a drawn chart has axes, text and a coloured series: many distinct colours, not a blank canvas
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, colours.size() + " colours");
    }

    @Test
    void imageAndFileHaveTheChartSize(@TempDir Path dir) throws Exception {
        assertEquals(400, Charts.toImage(successCurve()).getWidth());
        Path file = Charts.writePng(dir.resolve("curve.png"), successCurve());
        assertEquals(300, ImageIO.read(file.toFile()).getHeight());
    }
}
