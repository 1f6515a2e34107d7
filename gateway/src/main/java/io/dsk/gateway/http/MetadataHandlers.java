package io.dsk.gateway.http;

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

    MetadataHandlers(Streams streams) {
        this.streams = streams;
    }

    void head(HttpServerExchange exchange, String path) {
        StreamMetadata meta = streams.head(path);
        HeaderMap out = exchange.getResponseHeaders();
        out.put(Headers.CONTENT_TYPE, meta.contentType());
        out.put(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(meta.tail()));
        out.put(Headers.CACHE_CONTROL, "no-store");
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
        exchange.endExchange();
    }

    void delete(HttpServerExchange exchange, String path) {
        streams.delete(path);
        Responses.empty(exchange, 204);
    }
}
