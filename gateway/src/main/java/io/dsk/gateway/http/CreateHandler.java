package io.dsk.gateway.http;

import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.RetentionPolicy;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.CreateRequest;
import io.dsk.gateway.streams.CreateResult;
import io.dsk.gateway.streams.RetentionRules;
import io.dsk.gateway.streams.Streams;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.regex.Pattern;

/** PUT: create, fork, or confirm a stream (PROTOCOL.md 5.1, 4.2). */
final class CreateHandler {

    private static final Pattern SUB_OFFSET = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final Pattern RETENTION_BOUND = Pattern.compile("[1-9][0-9]{0,14}");

    private final Streams streams;
    private final int maxPathLength;
    private final GatewayMetrics metrics;
    private final RetentionRules retention;

    CreateHandler(Streams streams, int maxPathLength, GatewayMetrics metrics) {
        this(streams, maxPathLength, metrics, RetentionRules.NONE);
    }

    /**
     * @param retention the configured retention rules, resolved with a create's own bounds into the
     *                  policy the stream is stored with
     */
    CreateHandler(Streams streams, int maxPathLength, GatewayMetrics metrics, RetentionRules retention) {
        this.streams = streams;
        this.maxPathLength = maxPathLength;
        this.metrics = metrics;
        this.retention = retention;
    }

    void handle(HttpServerExchange exchange, String path, byte[] body) {
        CreateRequest request = parse(exchange, path, body);
        long started = System.nanoTime();
        CreateResult result = streams.create(request);
        metrics.storeLatency("create", System.nanoTime() - started);
        StreamMetadata meta = result.stream();
        if (result.created()) {
            exchange.getResponseHeaders().put(Headers.LOCATION, exchange.getRequestURL());
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, meta.contentType());
        exchange.getResponseHeaders().put(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(meta.tail()));
        if (meta.closed()) {
            exchange.getResponseHeaders().put(ProtocolHeaders.STREAM_CLOSED, "true");
        }
        Responses.empty(exchange, result.created() ? 201 : 200);
    }

    private CreateRequest parse(HttpServerExchange exchange, String path, byte[] body) {
        StreamExpiry expiry = StreamExpiry.parse(RequestHeaders.first(exchange, ProtocolHeaders.STREAM_TTL),
                RequestHeaders.first(exchange, ProtocolHeaders.STREAM_EXPIRES_AT));
        String contentType = RequestHeaders.first(exchange, Headers.CONTENT_TYPE);
        if (contentType != null && contentType.isBlank()) {
            contentType = null;
        }
        String forkedFrom = RequestHeaders.first(exchange, ProtocolHeaders.STREAM_FORKED_FROM);
        String forkOffset = RequestHeaders.first(exchange, ProtocolHeaders.STREAM_FORK_OFFSET);
        String subOffset = RequestHeaders.first(exchange, ProtocolHeaders.STREAM_FORK_SUB_OFFSET);
        if (forkedFrom == null && (forkOffset != null || subOffset != null)) {
            throw ProtocolException.badRequest("Stream-Fork-Offset and Stream-Fork-Sub-Offset need Stream-Forked-From");
        }
        String source = null;
        if (forkedFrom != null) {
            source = RequestHeaders.forkSource(forkedFrom).name();
            if (source.length() > maxPathLength) {
                throw ProtocolException.badRequest("Stream-Forked-From must name a stream path such as /v1/stream/a");
            }
            if (forkOffset != null) {
                StreamOffset.parse(forkOffset.trim(), "Stream-Fork-Offset");
                forkOffset = forkOffset.trim();
            }
        }
        long sub = 0;
        if (subOffset != null) {
            if (!SUB_OFFSET.matcher(subOffset.trim()).matches()) {
                throw ProtocolException.badRequest("Stream-Fork-Sub-Offset must be a non-negative integer such as 3");
            }
            sub = Long.parseLong(subOffset.trim());
        }
        RetentionPolicy requested = new RetentionPolicy(
                retentionBound(exchange, ProtocolHeaders.DSK_RETENTION_MAX_AGE, "seconds", 1000),
                retentionBound(exchange, ProtocolHeaders.DSK_RETENTION_MAX_BYTES, "bytes", 1));
        return new CreateRequest(path, contentType, expiry, RequestHeaders.streamClosed(exchange), body,
                source, forkOffset, sub, retention.resolve(path, requested));
    }

    /** A retention header's value times {@code scale}, or -1 when absent. */
    private static long retentionBound(HttpServerExchange exchange, HttpString header, String unit, long scale) {
        String value = RequestHeaders.first(exchange, header);
        if (value == null) {
            return -1;
        }
        if (!RETENTION_BOUND.matcher(value.trim()).matches()) {
            throw ProtocolException.badRequest(header + " must be a positive whole number of " + unit
                    + " such as 3600");
        }
        return Long.parseLong(value.trim()) * scale;
    }
}
