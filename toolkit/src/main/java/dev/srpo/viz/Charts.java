package dev.srpo.viz;

import dev.srpo.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * XChart charts as images. A notebook cell that ends in {@code Charts.toImage(chart)} shows the chart inline;
 * {@link #writePng} saves the same picture beside a run's results.
 */
public final class Charts {

    private Charts() {}

    /** Renders the chart at its own size. Needs no display: run the JVM with {@code java.awt.headless=true}. */
    public static BufferedImage toImage(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The chart as PNG bytes. */
    public static byte[] toPng(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding of chart '" + chart.getTitle() + "' failed", e);
        }
    }

    /**
     * An empty success curve: 720×460, y from 0 to 100%, the legend below; the results' training curves all look
     * like this.
     */
    public static XYChart successCurve(String title, String xAxis) {
        XYChart chart = new XYChartBuilder()
                .width(720)
                .height(460)
                .title(title)
                .xAxisTitle(xAxis)
                .yAxisTitle("success (%)")
                .build();
        chart.getStyler()
                .setYAxisMin(0.0)
                .setYAxisMax(100.0)
                .setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /** Writes the chart as a PNG file, atomically. */
    public static Path writePng(Path file, Chart<?, ?> chart) {
        return AtomicFiles.write(file, toPng(chart));
    }
}
