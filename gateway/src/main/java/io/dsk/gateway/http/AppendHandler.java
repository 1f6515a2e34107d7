package io.dsk.gateway.http;

import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.SourceRange;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.AppendResult;
import io.dsk.gateway.streams.Streams;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;

/** POST: append, close, or both (PROTOCOL.md 5.2, 5.2.1, 5.3) with the DSK source-range extension. */
final class AppendHandler {

    private final Streams streams;
    private final GatewayMetrics metrics;

    AppendHandler(Streams streams, GatewayMetrics metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    /** Parses the request and queues the append; runs on the IO thread and answers once the append is durable. */
    void handle(HttpServerExchange exchange, String path, byte[] body) {
        ProducerHeaders producer = ProducerHeaders.parse(
                RequestHeaders.first(exchange, ProtocolHeaders.PRODUCER_ID),
                RequestHeaders.first(exchange, ProtocolHeaders.PRODUCER_EPOCH),
                RequestHeaders.first(exchange, ProtocolHeaders.PRODUCER_SEQ));
        SourceRange range = SourceRange.parse(RequestHeaders.first(exchange, ProtocolHeaders.DSK_SOURCE_RANGE));
        String contentType = RequestHeaders.first(exchange, Headers.CONTENT_TYPE);
        AppendRequest request = new AppendRequest(path, contentType, body, RequestHeaders.streamClosed(exchange),
                RequestHeaders.first(exchange, ProtocolHeaders.STREAM_SEQ), producer, range);
        long started = System.nanoTime();
        streams.submitAppend(request, (result, failure) -> {
            metrics.storeLatency("append", System.nanoTime() - started);
            Responses.onIoThread(exchange, () -> Work.guarded(exchange, () -> answer(exchange, request, result, failure)));
        });
    }

    private void answer(HttpServerExchange exchange, AppendRequest request, AppendResult result,
                        RuntimeException failure) {
        if (failure != null) {
            throw failure;
        }
        if (result.appended()) {
            metrics.appended(request.body().length);
        }
        HeaderMap out = exchange.getResponseHeaders();
        out.put(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(result.tail()));
        if (result.closed()) {
            out.put(ProtocolHeaders.STREAM_CLOSED, "true");
        }
        if (result.producer() != null) {
            out.put(ProtocolHeaders.PRODUCER_EPOCH, Long.toString(result.producer().epoch()));
            out.put(ProtocolHeaders.PRODUCER_SEQ, Long.toString(result.producer().lastSeq()));
        }
        if (result.watermark() != null) {
            out.put(ProtocolHeaders.DSK_SOURCE_WATERMARK, Long.toString(result.watermark()));
        }
        Responses.empty(exchange, request.producer() != null && result.appended() ? 200 : 204);
    }
}
