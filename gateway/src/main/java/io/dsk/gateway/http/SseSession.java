package io.dsk.gateway.http;

import io.dsk.gateway.live.SerialExecutor;
import io.dsk.gateway.live.StreamChange;
import io.dsk.gateway.live.StreamWaiters;
import io.dsk.gateway.protocol.ContentTypes;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.SseFrames;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.ReadResult;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * One SSE connection (PROTOCOL.md 5.8). Its steps run one at a time ({@link SerialExecutor}): read a
 * chunk, write it as a data event and a control event without blocking, and only read the next chunk
 * once the socket took the previous one (backpressure). Caught up, it parks on the stream's waiters.
 * A change wakes it on the wake-up thread, which writes the change's shared chunk to every idle
 * session of the stream in turn and parks each again without a store read. Keep-alive comments are
 * written by the shared timer thread, in one pass over every session at the end of each keep-alive
 * interval, to those that wrote nothing else in it (a stream with data more often than that gets
 * none). Catching up, resuming after a full socket and the periodic close run on worker threads. A
 * session whose stream is in memory is opened and started (headers set) on the IO thread; its first
 * step runs on a worker.
 */
final class SseSession implements StreamWaiters.Waiter {

    private static final String MODE = "sse";

    private final LiveContext live;
    private final HttpServerExchange exchange;
    private final long streamId;
    private final boolean base64;
    private final boolean json;
    private final String clientCursor;
    private final SerialExecutor serial;
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    private StreamSinkChannel channel;
    /** Frames waiting to be written (a shared data frame, then this session's control frame). */
    private ByteBuffer[] pending;
    private long position;
    /** The change that last woke this session, until its next step reads; touched only in serial steps. */
    private StreamChange wokenBy;
    private boolean controlSent;
    /**
     * Whether anything was written since the last keep-alive tick; touched only in serial steps.
     * True at first: the session writes its first events itself.
     */
    private boolean wroteSinceKeepAlive = true;
    private boolean finishing;
    private volatile boolean ended;
    private ScheduledFuture<?> closeTimer;

    SseSession(LiveContext live, HttpServerExchange exchange, StreamMetadata meta, long position, String clientCursor) {
        this.live = live;
        this.exchange = exchange;
        this.streamId = meta.id();
        this.base64 = !ContentTypes.isSseText(meta.contentType());
        this.json = ContentTypes.isJson(meta.contentType());
        this.position = position;
        this.clientCursor = clientCursor;
        this.serial = new SerialExecutor(exchange.getConnection().getWorker());
    }

    /** Sends the response headers and starts streaming. */
    void start() {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        if (base64) {
            exchange.getResponseHeaders().put(ProtocolHeaders.STREAM_SSE_DATA_ENCODING, "base64");
        }
        live.metrics.liveConnectionOpened(MODE);
        exchange.addExchangeCompleteListener((ex, next) -> {
            cleanUp();
            next.proceed();
        });
        channel = exchange.getResponseChannel();
        // Published with its channel: the keep-alive pass and shutdown reach it from other threads.
        live.sessions.add(this);
        closeTimer = live.timer.schedule(this::end, live.settings.sseCloseInterval().toMillis(), TimeUnit.MILLISECONDS);
        serial.execute(this::pump);
    }

    /** Ends the connection after what is queued has been written (periodic close, shutdown). */
    void end() {
        serial.execute(() -> {
            finishing = true;
            pump();
        });
    }

    /**
     * Runs on the wake-up thread: the session writes what the change brought there and then, unless
     * a step of it is running or queued (then the step is queued on the worker pool).
     */
    @Override
    public void wake(StreamChange change) {
        serial.executeHere(() -> {
            wokenBy = change;
            pump();
        });
    }

    /**
     * One turn: write what is queued, read one chunk and write it. A chunk that was up to date as
     * of its read, once written, parks the session; anything else takes another turn.
     */
    private void pump() {
        if (ended) {
            return;
        }
        try {
            if (!flushPending()) {
                return;
            }
            if (finishing) {
                finish();
                return;
            }
            StreamChange readWith = wokenBy;
            wokenBy = null;
            boolean upToDate = step(readWith);
            if (!flushPending()) {
                return;
            }
            if (finishing) {
                finish();
            } else if (upToDate) {
                park(readWith);
            } else {
                serial.execute(this::pump);
            }
        } catch (IOException e) {
            abort();
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /**
     * Reads the chunk at the session's position (shared with the other readers {@code change} woke
     * there) and queues its frames.
     *
     * @param change the change that woke the session, or null for a read of its own
     * @return true if the client is up to date as of the read once the queued frames are written
     */
    private boolean step(StreamChange change) {
        LiveChunk chunk = live.readAfter(change != null ? change : StreamChange.unshared(), streamId, position);
        if (chunk == null) {
            finishing = true;
            return false;
        }
        ReadResult r = chunk.result();
        StreamMetadata meta = r.stream();
        if (r.bytes().length > 0) {
            live.metrics.bytesOut(chunk.payloadBytes(json));
            position = r.next();
            pending = new ByteBuffer[] {ByteBuffer.wrap(chunk.sseData(base64, json)),
                ByteBuffer.wrap(control(r.next(), r.upToDate(), r.endOfStream()).getBytes(StandardCharsets.UTF_8))};
            finishing = r.endOfStream();
            return r.upToDate();
        }
        if (meta.closed()) {
            queue(control(position, true, true));
            finishing = true;
            return false;
        }
        if (!controlSent) {
            queue(control(position, true, false));
        }
        return true;
    }

    /**
     * Waits for the next change. If none was announced since {@code readWith} woke the session, its
     * read saw everything committed and no store check is needed; otherwise the stream is checked.
     */
    private void park(StreamChange readWith) {
        if (live.waiters.register(streamId, this, readWith)) {
            return;
        }
        Optional<StreamMetadata> again = live.streams.current(streamId);
        if (again.isEmpty() || again.get().tail() > position || again.get().closed()) {
            live.waiters.unregister(streamId, this);
            serial.execute(this::pump);
        }
    }

    private String control(long next, boolean upToDate, boolean closed) {
        controlSent = true;
        return SseFrames.control(StreamOffset.format(next), closed ? null : live.cursor.next(clientCursor),
                upToDate, closed);
    }

    private void queue(String frames) {
        pending = new ByteBuffer[] {ByteBuffer.wrap(frames.getBytes(StandardCharsets.UTF_8))};
    }

    /**
     * On the timer thread at the end of each keep-alive interval ({@link LiveContext#keepAlive()}):
     * a keep-alive is one small non-blocking write, made there rather than on a worker, unless a
     * step of the session is running or queued.
     */
    void keepAliveTick() {
        serial.executeHere(this::keepAlive);
    }

    /** A comment, unless the connection wrote something since the last tick. */
    private void keepAlive() {
        if (ended || pending != null) {
            return;
        }
        if (wroteSinceKeepAlive) {
            wroteSinceKeepAlive = false;
            return;
        }
        pending = new ByteBuffer[] {ByteBuffer.wrap(SseFrames.KEEP_ALIVE)};
        try {
            flushPending();
            wroteSinceKeepAlive = false;
        } catch (IOException e) {
            abort();
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Writes what is queued; false if the socket is full (the write listener resumes the pump). */
    private boolean flushPending() throws IOException {
        if (pending != null) {
            while (pending[pending.length - 1].hasRemaining()) {
                if (channel.write(pending) == 0) {
                    awaitWritable();
                    return false;
                }
            }
            pending = null;
            wroteSinceKeepAlive = true;
        }
        if (!channel.flush()) {
            awaitWritable();
            return false;
        }
        return true;
    }

    private void awaitWritable() {
        channel.getWriteSetter().set(ch -> {
            ch.suspendWrites();
            serial.execute(this::pump);
        });
        channel.resumeWrites();
    }

    private void finish() {
        ended = true;
        cleanUp();
        exchange.endExchange();
    }

    private void abort() {
        ended = true;
        cleanUp();
        IoUtils.safeClose(exchange.getConnection());
    }

    private void cleanUp() {
        if (!cleanedUp.compareAndSet(false, true)) {
            return;
        }
        ended = true;
        live.waiters.unregister(streamId, this);
        if (closeTimer != null) {
            closeTimer.cancel(false);
        }
        live.sessions.remove(this);
        live.metrics.liveConnectionClosed(MODE);
    }
}
