package io.dsk.gateway.http;

import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.CatchUpReads;
import io.dsk.gateway.streams.Streams;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;

/**
 * HEAD (PROTOCOL.md 5.5) and DELETE (5.4). A HEAD is first tried on the IO thread from memory only
 * ({@link #headInMemory}), as a GET is, and otherwise run on a worker by {@link #head}.
 */
final class MetadataHandlers {

    private final Streams streams;
    private final GatewayMetrics metrics;

    MetadataHandlers(Streams streams, GatewayMetrics metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    /**
     * On the IO thread: answers the HEAD from memory as {@link #head} would, or leaves the exchange
     * untouched and returns false, and then {@link #head} runs it on a worker.
     *
     * @return true if the HEAD was answered or refused
     */
    boolean headInMemory(HttpServerExchange exchange, String path) {
        return Work.fromMemory(exchange, streams.inMemory(), memory -> {
            head(exchange, path, memory);
            return true;
        });
    }

    void head(HttpServerExchange exchange, String path) {
        head(exchange, path, streams);
    }

    /** Reads everything the answer needs before it sets a header, so a read that fails leaves none. */
    private void head(HttpServerExchange exchange, String path, CatchUpReads reads) {
        long started = System.nanoTime();
        StreamMetadata meta = reads.head(path);
        long earliest = reads.earliest(meta);
        metrics.storeLatency("head", System.nanoTime() - started);
        HeaderMap out = exchange.getResponseHeaders();
        out.put(Headers.CONTENT_TYPE, meta.contentType());
        out.put(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(meta.tail()));
        out.put(Headers.CACHE_CONTROL, "no-store");
        out.put(ProtocolHeaders.DSK_EARLIEST_OFFSET, StreamOffset.format(earliest));
        if (meta.retention().hasMaxAge()) {
            out.put(ProtocolHeaders.DSK_RETENTION_MAX_AGE, Long.toString((meta.retention().maxAgeMillis() + 999) / 1000));
        }
        if (meta.retention().hasMaxBytes()) {
            out.put(ProtocolHeaders.DSK_RETENTION_MAX_BYTES, Long.toString(meta.retention().maxBytes()));
        }
        if (meta.hasTtl()) {
            out.put(ProtocolHeaders.STREAM_TTL, Long.toString(meta.ttlSeconds()));
        }
        if (meta.hasExpiresAt()) {
            out.put(ProtocolHeaders.STREAM_EXPIRES_AT, meta.expiresAt());
        }
        if (meta.closed()) {
            out.put(ProtocolHeaders.STREAM_CLOSED, "true");
        }
        exchange.setStatusCode(200);
        Responses.end(exchange);
    }

    void delete(HttpServerExchange exchange, String path) {
        long started = System.nanoTime();
        streams.delete(path);
        metrics.storeLatency("delete", System.nanoTime() - started);
        Responses.empty(exchange, 204);
    }
}
