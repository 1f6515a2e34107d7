package io.dsk.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a chart: maps data values onto pixels, linearly or on a log10 scale, and picks
 * readable tick values.
 */
final class Axis {

    private final double low;
    private final double high;
    private final boolean log;

    private Axis(double low, double high, boolean log) {
        this.low = low;
        this.high = high;
        this.log = log;
    }

    /**
     * An axis covering the values, on a log scale when they are all positive and span at least
     * {@code logSpan} (a factor), otherwise linear from zero (or the lowest negative value).
     */
    static Axis covering(double[] values, double logSpan) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return new Axis(0, 1, false);
        }
        if (min > 0 && max / min >= logSpan) {
            return new Axis(Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))), true);
        }
        double lo = Math.min(0, min);
        double hi = max <= lo ? lo + 1 : max * 1.05;
        return new Axis(lo, hi, false);
    }

    /** A fixed linear axis, e.g. 0..1 for a cumulative fraction. */
    static Axis linear(double low, double high) {
        return new Axis(low, high, false);
    }

    boolean isLog() {
        return log;
    }

    /** Where a value falls, 0 at the low end and 1 at the high end (clamped). */
    double fraction(double value) {
        double f;
        if (log) {
            f = (Math.log10(Math.max(value, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
        } else {
            f = (value - low) / (high - low);
        }
        return Math.max(0, Math.min(1, f));
    }

    /** Tick values: each power of ten on a log axis, about five round steps on a linear one. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double t = low; t <= high * 1.0001; t *= 10) {
                ticks.add(t);
            }
            return ticks;
        }
        double step = niceStep((high - low) / 5);
        for (double t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    /** A tick's label without needless digits: 0.2, 5, 1,000. */
    static String label(double tick) {
        if (Math.abs(tick) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", tick);
        }
        return new BigDecimal(tick).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough * 0.999) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
