package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ContentTypes;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.store.NotInMemoryException;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.CatchUpReads;
import io.dsk.gateway.streams.ReadResult;
import io.dsk.gateway.streams.StreamBody;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.Deque;
import java.util.Map;

/**
 * GET: catch-up reads (PROTOCOL.md 5.6), and the entry to long-poll (5.7) and SSE (5.8).
 *
 * <p>Every GET is first tried on the IO thread, from memory only ({@link #answerInMemory}): a
 * catch-up read or a long-poll answered (or the long-poll parked) there costs no hand-off to a
 * worker and back; an SSE read is opened there and its session's steps run on workers. One that
 * would need the disk, a write (a stream with a TTL) or a long body is run on a worker by
 * {@link #handle}, from the start.
 */
final class ReadHandler {

    private static final String LONG_POLL = "long-poll";

    private final LiveContext live;
    private final ReadResponses responses;

    ReadHandler(LiveContext live, ReadResponses responses) {
        this.live = live;
        this.responses = responses;
    }

    /**
     * On the IO thread: answers a catch-up read or a long-poll whose data is in memory, parks the
     * long-poll or starts an SSE session, as {@link #handle} would, or leaves the exchange untouched
     * and returns false, and then {@link #handle} runs it on a worker.
     *
     * @return true if the read was answered, refused, parked or started
     */
    boolean answerInMemory(HttpServerExchange exchange, String path) {
        return Work.fromMemory(exchange, live.streams.inMemory(), memory -> {
            Map<String, Deque<String>> query = exchange.getQueryParameters();
            String mode = mode(query);
            ReadOffset offset = ReadOffset.parse(single(query, "offset"));
            if (mode == null) {
                return catchUp(exchange, path, query, offset, memory, true);
            }
            if (mode.equals(LONG_POLL)) {
                longPoll(exchange, path, query, offset, memory);
            } else {
                sse(exchange, path, query, offset, memory);
            }
            return true;
        });
    }

    void handle(HttpServerExchange exchange, String path) {
        Map<String, Deque<String>> query = exchange.getQueryParameters();
        String mode = mode(query);
        ReadOffset offset = ReadOffset.parse(single(query, "offset"));
        if (mode == null) {
            catchUp(exchange, path, query, offset, live.streams, false);
            return;
        }
        if (mode.equals(LONG_POLL)) {
            longPoll(exchange, path, query, offset, live.streams);
            return;
        }
        sse(exchange, path, query, offset, live.streams);
    }

    /** The live mode asked for, or null for a catch-up read; refuses a bad one or one without an offset. */
    private static String mode(Map<String, Deque<String>> query) {
        String offsetParam = single(query, "offset");
        String mode = single(query, "live");
        if (mode != null && !mode.equals(LONG_POLL) && !mode.equals("sse")) {
            throw ProtocolException.badRequest("live must be long-poll or sse");
        }
        if (mode != null && offsetParam == null) {
            throw ProtocolException.badRequest("live reads need an offset: -1, now, or a Stream-Next-Offset value");
        }
        return mode;
    }

    /**
     * Opens a long-poll through {@code reads} and answers or parks it. Where changes stand is taken
     * before the read, so that the park learns without a store read whether the stream changed since.
     * Every read through {@code reads} comes before anything is sent, counted or registered.
     */
    private void longPoll(HttpServerExchange exchange, String path, Map<String, Deque<String>> query,
                          ReadOffset offset, CatchUpReads reads) {
        long seenUpTo = live.waiters.changesSoFar();
        StreamMetadata meta = reads.openRead(path, offset);
        long position = reads.readStart(meta, offset);
        String cursor = single(query, "cursor");
        new LongPollRead(live, responses, exchange, meta.id(), position, cursor, seenUpTo).start(reads, meta);
    }

    /**
     * A catch-up read through {@code reads}; every store read comes before anything is sent or
     * counted, so a read from memory only that meets {@link NotInMemoryException} has no effect.
     *
     * @param inMemory on the IO thread: a body longer than one buffer is left to a worker
     * @return false if the read was left to a worker, untouched
     */
    private boolean catchUp(HttpServerExchange exchange, String path, Map<String, Deque<String>> query,
                            ReadOffset offset, CatchUpReads reads, boolean inMemory) {
        long started = System.nanoTime();
        StreamMetadata meta = reads.openRead(path, offset);
        long position = reads.readStart(meta, offset);
        single(query, "cursor"); // refused when sent twice, as for a live read
        if (offset.isNow()) {
            responses.now(exchange, meta);
            return true;
        }
        if (!ContentTypes.isJson(meta.contentType())) {
            StreamBody body = reads.body(meta, position, live.settings.readResponseBytes());
            if (inMemory && body.remaining() > BodyBuffers.BUFFER_BYTES) {
                return false;
            }
            responses.body(exchange, body, started);
            return true;
        }
        ReadResult result = reads.read(meta, position, live.settings.readChunkBytes());
        live.metrics.storeLatency("read", System.nanoTime() - started);
        responses.chunk(exchange, result, null);
        return true;
    }

    /**
     * Opens an SSE read through {@code reads} and starts the session: on the IO thread, its headers
     * are set there once the handler returned, and its first step runs on a worker as on any thread.
     */
    private void sse(HttpServerExchange exchange, String path, Map<String, Deque<String>> query,
                     ReadOffset offset, CatchUpReads reads) {
        StreamMetadata meta = reads.openRead(path, offset);
        long position = reads.readStart(meta, offset);
        String cursor = single(query, "cursor");
        SseSession session = new SseSession(live, exchange, meta, position, cursor);
        if (exchange.isInIoThread()) {
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> Work.guarded(exchange, session::start));
        } else {
            session.start();
        }
    }

    private static String single(Map<String, Deque<String>> query, String name) {
        Deque<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ProtocolException.badRequest("send the " + name + " parameter once");
        }
        return values.getFirst();
    }
}
