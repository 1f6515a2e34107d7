package io.dsk.bench.live;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One load point of the fan-out scenario.
 *
 * @param mode how subscribers read
 * @param subscribers subscribers in all
 * @param streams streams they are spread over evenly (1 = everyone on one stream)
 * @param appendsPerSecond the writer's rate over all streams together, appends round-robin
 */
record FanOutCell(LiveMode mode, int subscribers, int streams, double appendsPerSecond) {

    FanOutCell {
        if (subscribers < 1 || streams < 1 || subscribers % streams != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "fanout.subscribers (%d) must be a positive multiple of fanout.streams (%d)", subscribers, streams));
        }
        if (!(appendsPerSecond > 0)) {
            throw new IllegalArgumentException("fanout.rate must be positive, got " + appendsPerSecond);
        }
    }

    int subscribersPerStream() {
        return subscribers / streams;
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
