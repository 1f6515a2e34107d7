package io.dsk.bench.e2e;

import io.dsk.bench.measure.LatencyHistogram;

/**
 * What one subscriber received from its stream: a latency per record sent inside the measured
 * window, and a check of the sequence (each record exactly once, in order). The subscriber's thread
 * writes; other threads read {@link #received()} while it runs and everything else after it stopped.
 */
final class DeliveryLog {

    private final LatencyHistogram latencies = new LatencyHistogram();
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile long received;
    private long nextSeq;
    private long duplicates;
    private long gaps;

    /** Starts counting latencies of records scheduled at or after {@code nanos} ({@link System#nanoTime()}). */
    void measureFrom(long nanos) {
        measureFromNanos = nanos;
    }

    /**
     * Books one record.
     *
     * @param seq its position in the stream
     * @param sentNanos its scheduled send time
     * @param parsedNanos when the subscriber had parsed it
     */
    void delivered(long seq, long sentNanos, long parsedNanos) {
        if (seq < nextSeq) {
            duplicates++;
            return;
        }
        if (seq > nextSeq) {
            gaps += seq - nextSeq;
        }
        nextSeq = seq + 1;
        received++;
        if (sentNanos >= measureFromNanos) {
            latencies.recordNanos(parsedNanos - sentNanos);
        }
    }

    /** Distinct records received so far, in order or after a gap. */
    long received() {
        return received;
    }

    /** Records received again, or out of order, after a later one. */
    long duplicates() {
        return duplicates;
    }

    /** Records skipped over: a later record arrived before them. */
    long gaps() {
        return gaps;
    }

    LatencyHistogram latencies() {
        return latencies;
    }
}
