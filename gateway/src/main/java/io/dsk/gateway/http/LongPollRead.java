package io.dsk.gateway.http;

import io.dsk.gateway.live.StreamChange;
import io.dsk.gateway.live.StreamWaiters;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.CatchUpReads;
import io.dsk.gateway.streams.ReadResult;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One long-poll read (PROTOCOL.md 5.7). Data at the offset is answered at once; otherwise the
 * exchange is parked (no thread held) until the stream changes or the shared timer fires, then it
 * answers 200 with the new data or 204 caught up: after a change from the chunk the change's readers
 * share, written on the connection's IO thread; after the timeout or its own check, from a worker.
 * A closed stream at its tail answers 204 at once.
 *
 * <p>Where it runs: on a single node, a read whose stream is in memory is opened, read, answered or
 * parked on the IO thread ({@link ReadHandler#answerInMemory}); any other on a worker. Either way the
 * park needs no second store read: {@link StreamWaiters#changesSoFar} is taken before the read, and
 * the registration says whether the stream changed since; only then is the store checked, on a worker.
 */
final class LongPollRead implements StreamWaiters.Waiter {

    private static final String MODE = "long-poll";

    private final LiveContext live;
    private final ReadResponses responses;
    private final HttpServerExchange exchange;
    private final long streamId;
    private final long position;
    private final String clientCursor;
    /** {@link StreamWaiters#changesSoFar} before the read that found nothing new. */
    private final long seenUpTo;
    private final Executor worker;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    LongPollRead(LiveContext live, ReadResponses responses, HttpServerExchange exchange, long streamId,
                 long position, String clientCursor, long seenUpTo) {
        this.live = live;
        this.responses = responses;
        this.exchange = exchange;
        this.streamId = streamId;
        this.position = position;
        this.clientCursor = clientCursor;
        this.seenUpTo = seenUpTo;
        this.worker = exchange.getConnection().getWorker();
    }

    /**
     * Answers at once if there is something to say, otherwise parks the exchange. The read through
     * {@code reads} comes first: one from memory only that fails has had no effect.
     */
    void start(CatchUpReads reads, StreamMetadata meta) {
        ReadResult result = reads.read(meta, position, live.settings.readChunkBytes());
        if (result.bytes().length > 0) {
            responses.chunk(exchange, result, live.cursor.next(clientCursor));
        } else if (meta.closed()) {
            responses.caughtUp(exchange, meta, meta.tail(), null);
        } else {
            live.metrics.liveConnectionOpened(MODE);
            exchange.dispatch(SameThreadExecutor.INSTANCE, this::park);
        }
    }

    /**
     * Registers and arms the timeout. If the stream changed since {@link #seenUpTo} the store is
     * checked: here on a worker, from a worker on the IO thread.
     */
    private void park() {
        boolean unchanged = live.waiters.register(streamId, this, seenUpTo);
        timeout = live.timer.schedule(this::timedOut, live.settings.longPollTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        if (unchanged) {
            return;
        }
        if (!exchange.isInIoThread()) {
            checkStore();
            return;
        }
        try {
            worker.execute(this::checkStoreGuarded);
        } catch (RuntimeException e) {
            checkStore(); // shutting down
        }
    }

    private void checkStoreGuarded() {
        try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(exchange)) {
            checkStore();
        } catch (Throwable t) {
            if (claim()) {
                Responses.fail(exchange, t);
            }
        }
    }

    /** Wakes this read if the stream changed (or went) since its read. */
    private void checkStore() {
        if (answered.get()) {
            return;
        }
        Optional<StreamMetadata> now = live.streams.current(streamId);
        if (now.isEmpty() || now.get().tail() > position || now.get().closed()) {
            wake(StreamChange.unshared());
        }
    }

    /**
     * A shared change is answered from its shared chunk: read here, on the wake-up thread, and
     * written on the connection's IO thread in one task with the other answers the change hands to
     * that thread. A check of its own is answered on a worker.
     */
    @Override
    public void wake(StreamChange change) {
        if (!claim()) {
            return;
        }
        if (change.isShared()) {
            answerFrom(change);
        } else {
            answer(() -> answerAfterChange(change));
        }
    }

    private void answerFrom(StreamChange change) {
        live.answering.incrementAndGet();
        boolean handedOff = false;
        try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(exchange)) {
            ReadResult result = resultAfter(change);
            String cursor = live.cursor.next(clientCursor);
            change.handOff(exchange.getIoThread(), () -> {
                try {
                    Work.guarded(exchange, () -> send(result, cursor));
                } finally {
                    live.answering.decrementAndGet();
                }
            });
            handedOff = true;
        } catch (Throwable t) {
            Responses.fail(exchange, t);
        } finally {
            if (!handedOff) {
                live.answering.decrementAndGet();
            }
        }
    }

    private void timedOut() {
        if (claim()) {
            answer(this::answerCaughtUp);
        }
    }

    private void answer(Work.Step step) {
        live.answering.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    Work.guarded(exchange, step);
                } finally {
                    live.answering.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            live.answering.decrementAndGet();
            Responses.fail(exchange, e);
        }
    }

    private boolean claim() {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        live.waiters.unregister(streamId, this);
        live.metrics.liveConnectionClosed(MODE);
        return true;
    }

    /** Answers with what the change brought; readers woken by it at the same position share one read. */
    private void answerAfterChange(StreamChange change) {
        send(resultAfter(change), live.cursor.next(clientCursor));
    }

    /** The chunk at the position after {@code change}: shared, or read fresh if the stream is gone. */
    private ReadResult resultAfter(StreamChange change) {
        LiveChunk chunk = live.readAfter(change, streamId, position);
        // A gone stream: live() answers 404 or 410 (or, had it come back, the read is fresh).
        return chunk != null ? chunk.result()
                : live.streams.read(live.streams.live(streamId), position, live.settings.readChunkBytes());
    }

    private void send(ReadResult result, String cursor) {
        StreamMetadata meta = result.stream();
        if (result.bytes().length > 0) {
            responses.chunk(exchange, result, cursor);
        } else {
            responses.caughtUp(exchange, meta, meta.tail(), cursor);
        }
    }

    private void answerCaughtUp() {
        StreamMetadata meta = live.streams.live(streamId);
        if (meta.tail() > position) {
            answerAfterChange(StreamChange.unshared());
            return;
        }
        responses.caughtUp(exchange, meta, position, live.cursor.next(clientCursor));
    }
}
