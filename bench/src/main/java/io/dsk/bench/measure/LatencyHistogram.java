package io.dsk.bench.measure;

/**
 * Latencies in microseconds, counted in log-linear buckets: exact below 256 µs, above that each
 * power of two is split into 128 buckets, so a reported percentile is at most 1/128 (0.8%) above the
 * true value, never below it, and never above the largest value recorded, which is kept exactly.
 * Memory stays fixed however many values are recorded, from 0 to {@link Long#MAX_VALUE} µs. Not
 * thread-safe: each recording thread keeps its own and they are merged with {@link #add}.
 */
public final class LatencyHistogram {

    private static final int LINEAR_BITS = 8;
    private static final int LINEAR = 1 << LINEAR_BITS;
    private static final int SUB_BUCKETS = LINEAR / 2;
    static final int BUCKETS = LINEAR + (63 - LINEAR_BITS) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long max;

    /**
     * Counts one latency, truncated to whole microseconds.
     *
     * @param nanos the latency in nanoseconds; a negative value (clock granularity) counts as 0
     */
    public void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1_000);
        counts[bucketOf(micros)]++;
        count++;
        max = Math.max(max, micros);
    }

    /** Adds every value of {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        max = Math.max(max, other.max);
    }

    /** How many latencies were recorded. */
    public long count() {
        return count;
    }

    /** The largest latency recorded, in milliseconds; 0 when empty. */
    public double maxMillis() {
        return max / 1_000.0;
    }

    /**
     * Nearest-rank percentile in milliseconds: the upper bound of the bucket holding the value at
     * rank {@code ceil(p/100 * count)}, capped at the largest value recorded.
     *
     * @param p a percentile in (0, 100]
     * @return the percentile, at most 0.8% above the true one
     * @throws IllegalStateException if nothing was recorded
     * @throws IllegalArgumentException if {@code p} is outside (0, 100]
     */
    public double percentileMillis(double p) {
        return percentileMicros(p) / 1_000.0;
    }

    /**
     * The distribution as {@code points} values in milliseconds at evenly spaced percentiles
     * ({@code 100·k/points} for k = 1..points, so the last is the maximum), enough to draw its CDF;
     * empty when nothing was recorded.
     */
    public double[] quantilesMillis(int points) {
        double[] out = new double[count == 0 ? 0 : points];
        for (int k = 1; k <= out.length; k++) {
            out[k - 1] = percentileMillis(100.0 * k / points);
        }
        return out;
    }

    long percentileMicros(double p) {
        if (count == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile lies in (0, 100], got " + p);
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, upperBound(i));
            }
        }
        return max;
    }

    static int bucketOf(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int shift = exponent - LINEAR_BITS + 1;
        int mantissa = (int) (micros >>> shift);
        return LINEAR + (exponent - LINEAR_BITS) * SUB_BUCKETS + (mantissa - SUB_BUCKETS);
    }

    /** The largest value that falls into bucket {@code index}. */
    static long upperBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int exponent = (index - LINEAR) / SUB_BUCKETS + LINEAR_BITS;
        int mantissa = (index - LINEAR) % SUB_BUCKETS + SUB_BUCKETS;
        int shift = exponent - LINEAR_BITS + 1;
        return (((long) mantissa + 1) << shift) - 1;
    }
}
