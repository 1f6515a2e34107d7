package io.dsk.bench.live;

import io.dsk.bench.measure.LatencyHistogram;

/**
 * What one server did in one fan-out cell.
 *
 * @param latency append-to-subscriber latency of the messages appended in the window
 * @param deliveriesPerSecond messages received by all subscribers per second of the window
 * @param expectedDeliveries appends sent and not refused, times subscribers per stream
 * @param writer what the writer did
 * @param reconnects connections the server closed and the subscribers reopened
 * @param failedSubscribers subscribers that gave up after an error
 * @param firstFailure the first subscriber error, or null
 * @param generatorShare this process's CPU over the window, as a share of the machine
 * @param serverCores the server's CPU over the window, in cores
 */
record FanOutResult(LatencyHistogram latency, double deliveriesPerSecond, long expectedDeliveries,
        PacedWriter.Result writer, long reconnects, int failedSubscribers, String firstFailure,
        double generatorShare, double serverCores) {

    /** The share of expected deliveries that arrived before the drain deadline, in percent. */
    double deliveredPercent() {
        return expectedDeliveries == 0 ? 0 : 100.0 * latency.count() / expectedDeliveries;
    }
}
