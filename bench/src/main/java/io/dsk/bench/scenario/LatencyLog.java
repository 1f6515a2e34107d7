package io.dsk.bench.scenario;

import java.util.Arrays;

/** A growable list of latencies in nanoseconds, summarised by nearest-rank percentiles. */
final class LatencyLog {

    private long[] nanos = new long[1024];
    private int size;

    void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    int size() {
        return size;
    }

    /** Adds every entry of another log. */
    void addAll(LatencyLog other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    /**
     * Nearest-rank percentile in milliseconds.
     *
     * @param p a percentile in (0, 100]
     * @return the smallest latency with at least p percent of entries at or below it
     * @throws IllegalStateException if the log is empty
     */
    double percentileMillis(double p) {
        if (size == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    /** Every latency in milliseconds, for a CDF plot. */
    double[] millis() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = nanos[i] / 1e6;
        }
        return out;
    }
}
