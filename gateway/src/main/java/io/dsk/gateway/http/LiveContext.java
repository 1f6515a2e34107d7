package io.dsk.gateway.http;

import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.live.StreamChange;
import io.dsk.gateway.live.StreamWaiters;
import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.StreamCursor;
import io.dsk.gateway.streams.Streams;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What live reads share: the streams, the waiter registry and its wake-up thread, one timer thread
 * for every timeout and keep-alive, the cursor source, and the open SSE sessions (so shutdown can end them).
 */
final class LiveContext {

    private static final Logger LOG = LoggerFactory.getLogger(LiveContext.class);

    final Streams streams;
    final StreamWaiters waiters;
    /** The thread that wakes a changed stream's waiters (see {@link StreamWaiters}). */
    final ExecutorService wakeups;
    final ScheduledExecutorService timer;
    final StreamCursor cursor;
    final GatewaySettings settings;
    final GatewayMetrics metrics;
    final Set<SseSession> sessions = ConcurrentHashMap.newKeySet();
    /** Catch-up bodies still being sent (they read the store as the client drains them). */
    final Set<StreamBodySender> bodies = ConcurrentHashMap.newKeySet();
    /** Woken long-polls whose answer is still being written. */
    final AtomicInteger answering = new AtomicInteger();

    LiveContext(Streams streams, StreamWaiters waiters, ExecutorService wakeups, ScheduledExecutorService timer, StreamCursor cursor,
                GatewaySettings settings, GatewayMetrics metrics) {
        this.streams = streams;
        this.waiters = waiters;
        this.wakeups = wakeups;
        this.timer = timer;
        this.cursor = cursor;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * One chunk of stream {@code streamId} from {@code position} as of now, shared with every reader
     * that {@code change} woke at the same position.
     *
     * @return the chunk, or null if the stream was deleted or expired
     */
    LiveChunk readAfter(StreamChange change, long streamId, long position) {
        return change.readOnce(position, at -> streams.current(streamId)
                .map(meta -> new LiveChunk(streams.read(meta, at, settings.readChunkBytes())))
                .orElse(null));
    }

    /**
     * One keep-alive pass, at the end of each keep-alive interval on the timer thread: every SSE
     * session that wrote nothing during the interval gets a comment.
     */
    void keepAlive() {
        for (SseSession session : sessions) {
            try {
                session.keepAliveTick();
            } catch (RuntimeException e) {
                // That session is closed; the pass goes on (a task that throws is never run again).
                LOG.warn("SSE keep-alive failed; the connection is closed", e);
            }
        }
    }

    /** Ends every live read: SSE sessions close, parked long-polls answer, catch-up bodies stop. */
    void endAll() {
        bodies.forEach(StreamBodySender::end);
        sessions.forEach(SseSession::end);
        waiters.wakeAll();
    }

    /**
     * Waits until every live read ended, at most {@code timeout}; the store must stay open until then.
     *
     * @return true if all ended
     */
    boolean awaitEnded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!sessions.isEmpty() || !bodies.isEmpty() || answering.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
