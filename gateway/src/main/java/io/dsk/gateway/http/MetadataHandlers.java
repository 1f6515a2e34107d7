package io.dsk.gateway.http;

import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.Streams;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;

/** HEAD (PROTOCOL.md 5.5) and DELETE (5.4). */
final class MetadataHandlers {

    private final Streams streams;
    private final GatewayMetrics metrics;

    MetadataHandlers(Streams streams, GatewayMetrics metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    void head(HttpServerExchange exchange, String path) {
        long started = System.nanoTime();
        StreamMetadata meta = streams.head(path);
        metrics.storeLatency("head", System.nanoTime() - started);
        HeaderMap out = exchange.getResponseHeaders();
        out.put(Headers.CONTENT_TYPE, meta.contentType());
        out.put(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(meta.tail()));
        out.put(Headers.CACHE_CONTROL, "no-store");
        out.put(ProtocolHeaders.DSK_EARLIEST_OFFSET, StreamOffset.format(streams.earliest(meta)));
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
