package io.dsk.bench.live;

/**
 * A fixed-memory latency histogram in microseconds: exact below 128 µs, then 64 buckets per power
 * of two (at most 1.6 % relative error), up to about 12 days. Percentiles report a bucket's upper
 * bound, so they never understate; the maximum is exact. Not thread-safe: one per recording thread,
 * merged afterwards.
 */
final class LatencyHistogram {

    private static final int LINEAR = 128;
    private static final int SUB_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int FIRST_EXPONENT = 7;
    private static final int LAST_EXPONENT = 39;
    private static final long LARGEST = (1L << (LAST_EXPONENT + 1)) - 1;

    private final long[] counts = new long[LINEAR + (LAST_EXPONENT - FIRST_EXPONENT + 1) * SUB_BUCKETS];
    private long total;
    private long max;

    /** Records one latency; negative values count as zero, values beyond the range as the largest. */
    void recordNanos(long nanos) {
        long micros = Math.min(LARGEST, Math.max(0, nanos / 1_000));
        counts[index(micros)]++;
        total++;
        max = Math.max(max, micros);
    }

    /** Adds another histogram's counts to this one. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    /** The largest recorded latency in milliseconds, 0 when empty. */
    double maxMillis() {
        return max / 1_000.0;
    }

    /**
     * The latency in milliseconds below or at which {@code percent} of the recordings fall.
     *
     * @throws IllegalStateException if nothing was recorded
     */
    double percentileMillis(double percent) {
        if (total == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max) / 1_000.0;
            }
        }
        return maxMillis();
    }

    /**
     * {@code points} evenly spaced quantiles in milliseconds (the (k + 0.5) / points quantile for
     * each k), a compact stand-in for the raw samples when drawing a distribution.
     */
    double[] quantilesMillis(int points) {
        double[] q = new double[total == 0 ? 0 : points];
        for (int k = 0; k < q.length; k++) {
            q[k] = percentileMillis((k + 0.5) * 100.0 / points);
        }
        return q;
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) (micros >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
        return LINEAR + (exponent - FIRST_EXPONENT) * SUB_BUCKETS + sub;
    }

    /** The largest microsecond value that falls into bucket {@code index}. */
    static long upperBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int exponent = FIRST_EXPONENT + (index - LINEAR) / SUB_BUCKETS;
        int sub = (index - LINEAR) % SUB_BUCKETS;
        long width = 1L << (exponent - SUB_BITS);
        return (1L << exponent) + (sub + 1) * width - 1;
    }
}
