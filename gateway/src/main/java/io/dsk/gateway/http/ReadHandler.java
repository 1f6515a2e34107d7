package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ContentTypes;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.ReadResult;
import io.dsk.gateway.streams.StreamBody;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.Map;

/** GET: catch-up reads (PROTOCOL.md 5.6), and the entry to long-poll (5.7) and SSE (5.8). */
final class ReadHandler {

    private final LiveContext live;
    private final ReadResponses responses;

    ReadHandler(LiveContext live, ReadResponses responses) {
        this.live = live;
        this.responses = responses;
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
        long started = System.nanoTime();
        StreamMetadata meta = live.streams.openRead(path, offset);
        long position = live.streams.readStart(meta, offset);
        String cursor = single(query, "cursor");
        if ("long-poll".equals(mode)) {
            new LongPollRead(live, responses, exchange, meta.id(), position, cursor).start(meta);
            return;
        }
        if ("sse".equals(mode)) {
            new SseSession(live, exchange, meta, position, cursor).start();
            return;
        }
        if (offset.isNow()) {
            responses.now(exchange, meta);
            return;
        }
        if (!ContentTypes.isJson(meta.contentType())) {
            StreamBody body = live.streams.body(meta, position, live.settings.readResponseBytes());
            responses.body(exchange, body, started);
            return;
        }
        ReadResult result = live.streams.read(meta, position, live.settings.readChunkBytes());
        live.metrics.storeLatency("read", System.nanoTime() - started);
        responses.chunk(exchange, result, null);
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
