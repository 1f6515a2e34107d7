package io.dsk.gateway.http;

import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.ContentTypes;
import io.dsk.gateway.protocol.JsonMessages;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.ReadResult;
import io.dsk.gateway.streams.StreamBody;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.Set;

/** Writes read responses: data chunks (catch-up and long-poll 200) and caught-up answers. */
final class ReadResponses {

    private final String historicalCacheControl;
    private final GatewayMetrics metrics;
    private final BodyBuffers buffers = new BodyBuffers();
    private final Set<StreamBodySender> senders;

    /**
     * @param senders where bodies being sent register, so that shutdown can end them
     */
    ReadResponses(String historicalCacheControl, GatewayMetrics metrics, Set<StreamBodySender> senders) {
        this.historicalCacheControl = historicalCacheControl;
        this.metrics = metrics;
        this.senders = senders;
    }

    /** The entity tag of a chunk; it changes when the stream closes (PROTOCOL.md 10.1). */
    static String etag(long id, long from, long next, boolean endOfStream) {
        return "\"" + id + ":" + StreamOffset.format(from) + ":" + StreamOffset.format(next)
                + (endOfStream ? ":c" : "") + "\"";
    }

    /**
     * Sends a chunk with status 200, or 304 when {@code If-None-Match} names its entity tag.
     *
     * @param cursor the cursor for live reads, or null for catch-up
     */
    void chunk(HttpServerExchange exchange, ReadResult r, String cursor) {
        StreamMetadata meta = r.stream();
        if (notModified(exchange, meta, r.from(), r.next(), r.upToDate(), cursor)) {
            return;
        }
        if (ContentTypes.isJson(meta.contentType())) {
            ByteBuffer[] array = JsonMessages.arrayParts(r.bytes());
            metrics.bytesOut(r.bytes().length == 0 ? 2 : r.bytes().length + 1L);
            Responses.body(exchange, 200, array);
            return;
        }
        metrics.bytesOut(r.bytes().length);
        Responses.body(exchange, 200, r.bytes());
    }

    /**
     * Sends a catch-up body of a byte stream with status 200, or 304 when {@code If-None-Match}
     * names its entity tag. The first piece is read before anything is sent, so a stream dropped
     * since the read was opened is still answered 404.
     *
     * @param startedNanos when the read started, for the store latency metric
     */
    void body(HttpServerExchange exchange, StreamBody body, long startedNanos) {
        ByteBuffer first = buffers.take(body.remaining());
        try {
            body.fill(first);
        } catch (RuntimeException e) {
            buffers.give(first);
            throw e;
        }
        metrics.storeLatency("read", System.nanoTime() - startedNanos);
        first.flip();
        if (notModified(exchange, body.stream(), body.from(), body.next(), body.upToDate(), null)) {
            buffers.give(first);
            return;
        }
        metrics.bytesOut(body.next() - body.from());
        if (body.remaining() == 0) {
            Responses.body(exchange, 200, first);
            return;
        }
        new StreamBodySender(exchange, body, first, buffers, senders).start();
    }

    /** Sets the headers of a chunk; answers 304 and returns true when {@code If-None-Match} names it. */
    private boolean notModified(HttpServerExchange exchange, StreamMetadata meta, long from, long next,
                                boolean upToDate, String cursor) {
        HeaderMap out = exchange.getResponseHeaders();
        boolean endOfStream = upToDate && meta.closed();
        out.put(Headers.CONTENT_TYPE, meta.contentType());
        out.put(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(next));
        if (upToDate) {
            out.put(ProtocolHeaders.STREAM_UP_TO_DATE, "true");
        }
        if (endOfStream) {
            out.put(ProtocolHeaders.STREAM_CLOSED, "true");
        } else if (cursor != null) {
            out.put(ProtocolHeaders.STREAM_CURSOR, cursor);
        }
        String etag = etag(meta.id(), from, next, endOfStream);
        out.put(Headers.ETAG, etag);
        boolean cacheable = next > from || meta.closed();
        out.put(Headers.CACHE_CONTROL, cacheable ? cacheControl(exchange) : "no-store");
        String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            Responses.empty(exchange, 304);
            return true;
        }
        return false;
    }

    /** {@code offset=now} catch-up: no data, the tail offset, never cached. */
    void now(HttpServerExchange exchange, StreamMetadata meta) {
        HeaderMap out = exchange.getResponseHeaders();
        out.put(Headers.CONTENT_TYPE, meta.contentType());
        out.put(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(meta.tail()));
        out.put(ProtocolHeaders.STREAM_UP_TO_DATE, "true");
        if (meta.closed()) {
            out.put(ProtocolHeaders.STREAM_CLOSED, "true");
        }
        out.put(Headers.CACHE_CONTROL, "no-store");
        byte[] body = ContentTypes.isJson(meta.contentType()) ? JsonMessages.toArray(new byte[0]) : new byte[0];
        Responses.body(exchange, 200, body);
    }

    /** Long-poll 204: caught up at {@code tail}; EOF when the stream is closed. */
    void caughtUp(HttpServerExchange exchange, StreamMetadata meta, long tail, String cursor) {
        HeaderMap out = exchange.getResponseHeaders();
        out.put(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(tail));
        out.put(ProtocolHeaders.STREAM_UP_TO_DATE, "true");
        if (meta.closed()) {
            out.put(ProtocolHeaders.STREAM_CLOSED, "true");
        } else {
            out.put(ProtocolHeaders.STREAM_CURSOR, cursor);
        }
        out.put(Headers.CACHE_CONTROL, "no-store");
        Responses.empty(exchange, 204);
    }

    /**
     * The historical {@code Cache-Control}; a request that carries credentials is never cached by
     * shared caches, so {@code public} becomes {@code private} (PROTOCOL.md 10.1).
     */
    private String cacheControl(HttpServerExchange exchange) {
        if (exchange.getRequestHeaders().contains(Headers.AUTHORIZATION)) {
            return historicalCacheControl.replace("public", "private");
        }
        return historicalCacheControl;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
