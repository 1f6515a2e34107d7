package io.dsk.gateway.protocol;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Server-generated cursors for CDN collapsing (PROTOCOL.md 10.1): the number of fixed intervals since
 * 2024-10-09T00:00:00Z; when the client's cursor is not behind the current interval, the answer jumps
 * ahead of it by a random 1-3600 seconds (at least one interval), so cursors never go backwards.
 */
public final class StreamCursor {

    /** The protocol's cursor epoch. */
    public static final long EPOCH_MILLIS = Instant.parse("2024-10-09T00:00:00Z").toEpochMilli();
    private static final int MAX_JITTER_SECONDS = 3600;

    private final long intervalSeconds;
    private final LongSupplier clockMillis;
    private final LongSupplier jitterSeconds;

    public StreamCursor(int intervalSeconds) {
        this(intervalSeconds, System::currentTimeMillis,
                () -> ThreadLocalRandom.current().nextLong(1, MAX_JITTER_SECONDS + 1));
    }

    /** For tests: a fixed clock and jitter source. */
    public StreamCursor(int intervalSeconds, LongSupplier clockMillis, LongSupplier jitterSeconds) {
        this.intervalSeconds = intervalSeconds;
        this.clockMillis = clockMillis;
        this.jitterSeconds = jitterSeconds;
    }

    /** The current interval number. */
    public long currentInterval() {
        return Math.floorDiv(clockMillis.getAsLong() - EPOCH_MILLIS, intervalSeconds * 1000L);
    }

    /**
     * The cursor to return given the client's echoed {@code cursor} query parameter (null if none or
     * not a number).
     */
    public String next(String clientCursor) {
        long current = currentInterval();
        Long client = parse(clientCursor);
        if (client == null || client < current) {
            return Long.toString(current);
        }
        long jitterIntervals = Math.max(1, (jitterSeconds.getAsLong() + intervalSeconds - 1) / intervalSeconds);
        return Long.toString(client + jitterIntervals);
    }

    private static Long parse(String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > 18) {
            return null;
        }
        for (int i = 0; i < cursor.length(); i++) {
            if (!Character.isDigit(cursor.charAt(i))) {
                return null;
            }
        }
        return Long.parseLong(cursor);
    }
}
