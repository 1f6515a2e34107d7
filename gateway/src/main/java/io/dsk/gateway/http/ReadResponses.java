package io.dsk.gateway.http;

import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.ContentTypes;
import io.dsk.gateway.protocol.JsonMessages;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.ReadResult;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/** Writes read responses: data chunks (catch-up and long-poll 200) and caught-up answers. */
final class ReadResponses {

    private final String historicalCacheControl;
    private final GatewayMetrics metrics;

    ReadResponses(String historicalCacheControl, GatewayMetrics metrics) {
        this.historicalCacheControl = historicalCacheControl;
        this.metrics = metrics;
    }

    /** The entity tag of a chunk; it changes when the stream closes (PROTOCOL.md 10.1). */
    static String etag(ReadResult r) {
        return "\"" + r.stream().id() + ":" + StreamOffset.format(r.from()) + ":" + StreamOffset.format(r.next())
                + (r.endOfStream() ? ":c" : "") + "\"";
    }

    /**
     * Sends a chunk with status 200, or 304 when {@code If-None-Match} names its entity tag.
     *
     * @param cursor the cursor for live reads, or null for catch-up
     */
    void chunk(HttpServerExchange exchange, ReadResult r, String cursor) {
        HeaderMap out = exchange.getResponseHeaders();
        StreamMetadata meta = r.stream();
        out.put(Headers.CONTENT_TYPE, meta.contentType());
        out.put(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(r.next()));
        if (r.upToDate()) {
            out.put(ProtocolHeaders.STREAM_UP_TO_DATE, "true");
        }
        if (r.endOfStream()) {
            out.put(ProtocolHeaders.STREAM_CLOSED, "true");
        } else if (cursor != null) {
            out.put(ProtocolHeaders.STREAM_CURSOR, cursor);
        }
        String etag = etag(r);
        out.put(Headers.ETAG, etag);
        boolean cacheable = r.bytes().length > 0 || meta.closed();
        out.put(Headers.CACHE_CONTROL, cacheable ? cacheControl(exchange) : "no-store");
        String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            Responses.empty(exchange, 304);
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
