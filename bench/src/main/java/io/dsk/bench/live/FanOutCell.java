package io.dsk.bench.live;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One load point of the fan-out scenario.
 *
 * @param mode how subscribers read
 * @param subscribers subscribers in all
 * @param streams streams they are spread over as evenly as they divide (1 = everyone on one
 *     stream; 2,048 over 100: 21 on each of the first 48 streams, 20 on the others)
 * @param appendsPerSecond the writer's rate over all streams together, appends round-robin
 */
record FanOutCell(LiveMode mode, int subscribers, int streams, double appendsPerSecond) {

    FanOutCell {
        if (streams < 1 || subscribers < streams) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "subscribers (%d) must be at least the streams (%d), and those at least 1", subscribers, streams));
        }
        if (!(appendsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + appendsPerSecond);
        }
    }

    /** The subscribers of stream {@code stream} (0-based). */
    int subscribersOf(int stream) {
        return subscribers / streams + (stream < subscribers % streams ? 1 : 0);
    }

    /**
     * The deliveries owed: every append that did not fail, once to each subscriber of its stream.
     *
     * @param deliverablePerStream per stream, appends sent and not refused
     */
    long expectedDeliveries(long[] deliverablePerStream) {
        long expected = 0;
        for (int stream = 0; stream < deliverablePerStream.length; stream++) {
            expected += deliverablePerStream[stream] * subscribersOf(stream);
        }
        return expected;
    }

    /** The figure parameters of this cell, in reading order. */
    Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mode", mode.queryValue());
        p.put("subscribers", subscribers);
        p.put("streams", streams);
        p.put("appends/s", appendsPerSecond);
        return p;
    }

    /** A short label, e.g. {@code sse-10000-on-1}. */
    String label() {
        return mode.queryValue() + "-" + subscribers + "-on-" + streams;
    }
}
