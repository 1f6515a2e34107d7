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
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * GET: catch-up reads (PROTOCOL.md 5.6), and the entry to long-poll (5.7) and SSE (5.8).
 *
 * <p>A catch-up read is first tried on the IO thread, from memory only ({@link #answerInMemory}):
 * answered there, it costs no hand-off to a worker and back. One that would need the disk, a write
 * (a stream with a TTL) or a long body is run on a worker by {@link #handle}, from the start.
 */
final class ReadHandler {

    private final LiveContext live;
    private final ReadResponses responses;

    ReadHandler(LiveContext live, ReadResponses responses) {
        this.live = live;
        this.responses = responses;
    }

    /**
     * On the IO thread: answers a catch-up read whose data is in memory, as {@link #handle} would, or
     * leaves the exchange untouched and returns false, and then {@link #handle} runs it on a worker.
     *
     * @return true if the read was answered (or refused)
     */
    boolean answerInMemory(HttpServerExchange exchange, String path) {
        Optional<CatchUpReads> memory = live.streams.inMemory();
        Map<String, Deque<String>> query = exchange.getQueryParameters();
        if (memory.isEmpty() || !exchange.isInIoThread() || query.containsKey("live")) {
            return false;
        }
        try {
            return catchUp(exchange, path, query, ReadOffset.parse(single(query, "offset")), memory.get(), true);
        } catch (NotInMemoryException e) {
            return false;
        } catch (Throwable t) {
            Responses.fail(exchange, t); // as Work.guarded answers a failure on a worker
            return true;
        }
    }

    void handle(HttpServerExchange exchange, String path) {
        Map<String, Deque<String>> query = exchange.getQueryParameters();
        String offsetParam = single(query, "offset");
        String mode = single(query, "live");
        if (mode != null && !mode.equals("long-poll") && !mode.equals("sse")) {
            throw ProtocolException.badRequest("live must be long-poll or sse");
        }
        if (mode != null && offsetParam == null) {
            throw ProtocolException.badRequest("live reads need an offset: -1, now, or a Stream-Next-Offset value");
        }
        ReadOffset offset = ReadOffset.parse(offsetParam);
        if (mode == null) {
            catchUp(exchange, path, query, offset, live.streams, false);
            return;
        }
        StreamMetadata meta = live.streams.openRead(path, offset);
        long position = live.streams.readStart(meta, offset);
        String cursor = single(query, "cursor");
        if ("long-poll".equals(mode)) {
            new LongPollRead(live, responses, exchange, meta.id(), position, cursor).start(meta);
            return;
        }
        new SseSession(live, exchange, meta, position, cursor).start();
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
