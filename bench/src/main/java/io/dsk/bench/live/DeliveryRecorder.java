package io.dsk.bench.live;

import io.dsk.bench.measure.LatencyHistogram;

/**
 * The deliveries seen by one subscriber thread: a latency histogram of the messages sent inside
 * the measurement window, and a count of the messages received inside it. Written only by its
 * thread; {@link #snapshot()} runs on that thread too.
 */
final class DeliveryRecorder {

    private final MeasurementWindow window;
    private final LatencyHistogram latency = new LatencyHistogram();
    private long receivedInWindow;

    DeliveryRecorder(MeasurementWindow window) {
        this.window = window;
    }

    /** One message, appended at {@code sentNanos}, arrived at {@code receivedNanos}. */
    void delivered(long sentNanos, long receivedNanos) {
        if (window.contains(sentNanos)) {
            latency.recordNanos(receivedNanos - sentNanos);
        }
        if (window.contains(receivedNanos)) {
            receivedInWindow++;
        }
    }

    /** A copy of what was recorded so far. */
    DeliveryStats snapshot() {
        LatencyHistogram copy = new LatencyHistogram();
        copy.add(latency);
        return new DeliveryStats(copy, receivedInWindow);
    }
}
