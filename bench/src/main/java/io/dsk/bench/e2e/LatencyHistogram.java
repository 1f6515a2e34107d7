package io.dsk.bench.e2e;

/**
 * Latencies in microseconds, counted in log-linear buckets: exact below 256 µs, above that each
 * power of two is split into 128 buckets, so a reported percentile is at most 0.8% above the true
 * value (and never above the largest value recorded). Memory stays fixed however many values are
 * recorded. Not thread-safe: each subscriber keeps its own and they are merged at the end.
 */
final class LatencyHistogram {

    private static final int LINEAR_BITS = 8;
    private static final int LINEAR = 1 << LINEAR_BITS;
    private static final int SUB_BUCKETS = LINEAR / 2;
    private static final int BUCKETS = LINEAR + (63 - LINEAR_BITS) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long max;
    private double sum;

    /** Counts one latency; a negative value (clock granularity) counts as 0. */
    void record(long micros) {
        long v = Math.max(0, micros);
        counts[bucketOf(v)]++;
        count++;
        sum += v;
        max = Math.max(max, v);
    }

    /** Adds every value of {@code other} to this histogram. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    long maxMicros() {
        return max;
    }

    double meanMicros() {
        return count == 0 ? 0 : sum / count;
    }

    /**
     * Nearest-rank percentile: the upper bound of the bucket holding the value at rank
     * {@code ceil(p/100 * count)}, capped at the largest value recorded.
     *
     * @param p a percentile in (0, 100]
     * @throws IllegalStateException if nothing was recorded
     */
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

    /**
     * The distribution as {@code points} values in milliseconds at evenly spaced percentiles
     * ({@code 100·k/points} for k = 1..points), enough to draw its CDF.
     */
    double[] quantilesMillis(int points) {
        double[] out = new double[count == 0 ? 0 : points];
        for (int k = 1; k <= out.length; k++) {
            out[k - 1] = percentileMicros(100.0 * k / points) / 1000.0;
        }
        return out;
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
