package io.dsk.bench.live;

import io.dsk.bench.measure.LatencyHistogram;
import io.dsk.bench.run.ServerCpu;

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
 * @param receivedInWindow messages received by all subscribers together inside the window
 * @param serverCpu the server's CPU time over the window, by thread group too
 */
record FanOutResult(LatencyHistogram latency, double deliveriesPerSecond, long expectedDeliveries,
        PacedWriter.Result writer, long reconnects, int failedSubscribers, String firstFailure,
        double generatorShare, double serverCores, long receivedInWindow, ServerCpu serverCpu) {

    /**
     * The server's CPU time over the window divided by the messages delivered in it (each
     * subscriber's copy counted): server CPU per subscriber per message, in microseconds. The
     * appends' own cost is in it, spread over their subscribers.
     */
    double serverMicrosPerDelivery() {
        return serverCpu.microsPer(receivedInWindow);
    }

    /** The share of expected deliveries that arrived before the drain deadline, in percent. */
    double deliveredPercent() {
        return expectedDeliveries == 0 ? 0 : 100.0 * latency.count() / expectedDeliveries;
    }
}
