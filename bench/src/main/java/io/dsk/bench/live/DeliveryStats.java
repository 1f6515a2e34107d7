package io.dsk.bench.live;

import io.dsk.bench.measure.LatencyHistogram;
import java.util.Collection;

/**
 * Deliveries of one fan-out run.
 *
 * @param latency append-to-subscriber latency of the messages sent in the measurement window
 * @param receivedInWindow messages received (by all subscribers together) in the window
 */
record DeliveryStats(LatencyHistogram latency, long receivedInWindow) {

    /** The sum of several threads' statistics. */
    static DeliveryStats merge(Collection<DeliveryStats> parts) {
        LatencyHistogram all = new LatencyHistogram();
        long received = 0;
        for (DeliveryStats part : parts) {
            all.add(part.latency);
            received += part.receivedInWindow;
        }
        return new DeliveryStats(all, received);
    }
}
