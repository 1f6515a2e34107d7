package io.dsk.bench.measure;

import org.HdrHistogram.Histogram;

/**
 * Latencies in whole microseconds, kept in an HdrHistogram ({@link Histogram}) with three
 * significant digits: a reported percentile is the top of the bucket holding the value at its
 * nearest rank, at most 1/1024 (0.1%) above the true value and never below it. This class only
 * fixes the units (nanoseconds in, milliseconds out) and the precision for every benchmark. Not
 * thread-safe: each recording thread keeps its own and they are merged with {@link #add}.
 */
public final class LatencyHistogram {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram micros = new Histogram(SIGNIFICANT_DIGITS);

    /**
     * Counts one latency, truncated to whole microseconds.
     *
     * @param nanos the latency in nanoseconds; a negative value (clock granularity) counts as 0
     */
    public void recordNanos(long nanos) {
        micros.recordValue(Math.max(0, nanos / 1_000));
    }

    /** Adds every value of {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        micros.add(other.micros);
    }

    /** How many latencies were recorded. */
    public long count() {
        return micros.getTotalCount();
    }

    /** The largest latency recorded (the top of its bucket), in milliseconds; 0 when empty. */
    public double maxMillis() {
        return micros.getMaxValue() / 1_000.0;
    }

    /**
     * Nearest-rank percentile in milliseconds: the top of the bucket holding the value at rank
     * {@code ceil(p/100 * count)}.
     *
     * @param p a percentile in (0, 100]
     * @return the percentile, at most 0.1% above the true one
     * @throws IllegalStateException if nothing was recorded
     * @throws IllegalArgumentException if {@code p} is outside (0, 100]
     */
    public double percentileMillis(double p) {
        if (count() == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile lies in (0, 100], got " + p);
        }
        return micros.getValueAtPercentile(p) / 1_000.0;
    }

    /**
     * The distribution as {@code points} values in milliseconds at evenly spaced percentiles
     * ({@code 100·k/points} for k = 1..points, so the last is the maximum), enough to draw its CDF;
     * empty when nothing was recorded.
     */
    public double[] quantilesMillis(int points) {
        double[] out = new double[count() == 0 ? 0 : points];
        for (int k = 1; k <= out.length; k++) {
            out[k - 1] = percentileMillis(100.0 * k / points);
        }
        return out;
    }
}
