package io.dsk.bench.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * PNG charts for the results, drawn with Java2D and written with ImageIO (no charting library).
 * Axes switch to a log scale by themselves when the values span orders of magnitude, which is the
 * normal case for a dsk/reference comparison.
 */
public final class Plots {

    /** Points of a CDF line at most; larger sample sets are thinned evenly. */
    static final int CDF_POINTS = 400;

    private Plots() {
    }

    /**
     * Cumulative distribution of latencies, one line per series (e.g. "dsk, 16 writers").
     *
     * @param png the file to write
     * @param title the chart title
     * @param seriesMillis latency samples in milliseconds per series, in legend order
     * @return the file written
     */
    public static Path latencyCdf(Path png, String title, Map<String, double[]> seriesMillis) {
        double[] all = seriesMillis.values().stream().flatMapToDouble(Arrays::stream).toArray();
        ChartCanvas chart = new ChartCanvas(title, "latency ms", "fraction of requests at or below",
                Axis.covering(all, 20), Axis.linear(0, 1));
        seriesMillis.forEach((label, samples) -> {
            double[][] cdf = cdf(samples);
            chart.line(label, cdf[0], cdf[1], false);
        });
        return chart.write(png);
    }

    /**
     * Lines through points, e.g. throughput against concurrency for both servers.
     *
     * @param png the file to write
     * @param title the chart title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param seriesXY per series, {@code {xs, ys}} of equal length, in legend order
     * @return the file written
     */
    public static Path lineChart(Path png, String title, String xLabel, String yLabel,
            Map<String, double[][]> seriesXY) {
        seriesXY.forEach((label, xy) -> {
            if (xy.length != 2 || xy[0].length != xy[1].length) {
                throw new IllegalArgumentException("series '" + label + "' needs {xs, ys} of equal length");
            }
        });
        double[] xs = seriesXY.values().stream().flatMapToDouble(xy -> Arrays.stream(xy[0])).toArray();
        double[] ys = seriesXY.values().stream().flatMapToDouble(xy -> Arrays.stream(xy[1])).toArray();
        ChartCanvas chart = new ChartCanvas(title, xLabel, yLabel, Axis.covering(xs, 50), Axis.covering(ys, 50));
        seriesXY.forEach((label, xy) -> chart.line(label, xy[0], xy[1], true));
        return chart.write(png);
    }

    /**
     * The empirical CDF of samples as {@code {sorted values, fractions}}, thinned to at most
     * {@link #CDF_POINTS} points that always include the smallest and the largest value.
     */
    static double[][] cdf(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int points = Math.min(n, CDF_POINTS);
        double[] xs = new double[points];
        double[] fs = new double[points];
        for (int i = 0; i < points; i++) {
            int index = points == 1 ? n - 1 : (int) Math.round((double) i * (n - 1) / (points - 1));
            xs[i] = sorted[index];
            fs[i] = (index + 1) / (double) n;
        }
        return new double[][] {xs, fs};
    }
}
