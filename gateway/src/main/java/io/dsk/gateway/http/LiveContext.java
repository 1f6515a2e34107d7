package io.dsk.gateway.http;

import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.live.StreamWaiters;
import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.StreamCursor;
import io.dsk.gateway.streams.Streams;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What live reads share: the streams, the waiter registry, one timer thread for every timeout and
 * keep-alive, the cursor source, and the open SSE sessions (so shutdown can end them).
 */
final class LiveContext {

    final Streams streams;
    final StreamWaiters waiters;
    final ScheduledExecutorService timer;
    final StreamCursor cursor;
    final GatewaySettings settings;
    final GatewayMetrics metrics;
    final Set<SseSession> sessions = ConcurrentHashMap.newKeySet();

    LiveContext(Streams streams, StreamWaiters waiters, ScheduledExecutorService timer, StreamCursor cursor,
                GatewaySettings settings, GatewayMetrics metrics) {
        this.streams = streams;
        this.waiters = waiters;
        this.timer = timer;
        this.cursor = cursor;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Ends every live read: SSE sessions close, parked long-polls answer. */
    void endAll() {
        sessions.forEach(SseSession::end);
        waiters.wakeAll();
    }
}
