package io.dsk.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Median and range of one server's samples of a figure, one sample per round.
 *
 * @param median the middle sample, or the mean of the two middle samples for an even count
 * @param min the smallest sample
 * @param max the largest sample
 * @param count how many samples there are
 */
public record Spread(double median, double min, double max, int count) {

    /**
     * Summarises samples.
     *
     * @param samples at least one finite value
     * @return their median and range
     * @throws IllegalArgumentException if there are no samples or one is not finite
     */
    public static Spread of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one sample");
        }
        List<Double> sorted = new ArrayList<>(samples);
        for (Double s : sorted) {
            if (s == null || !Double.isFinite(s)) {
                throw new IllegalArgumentException("samples must be finite numbers, got " + samples);
            }
        }
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** {@code median [min..max]}, or just the value for a single sample, with magnitude-aware rounding. */
    public String describe() {
        if (count == 1) {
            return format(median);
        }
        return format(median) + " [" + format(min) + ".." + format(max) + "]";
    }

    /** Formats a figure with three significant digits at most, thousands grouped: 12,345 / 123 / 1.23 / 0.0123. */
    public static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == 0) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
