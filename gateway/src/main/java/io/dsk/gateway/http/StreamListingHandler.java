package io.dsk.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.Streams;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * DSK extension {@code GET /v1/stream/__ds/streams[?prefix=P][&after=PATH][&limit=N]}: the live
 * streams whose path starts with {@code prefix}, in path order, a page at a time. The answer is
 * {@code {"streams":[{"path","contentType","nextOffset","closed"}...],"next":PATH|null}}; pass
 * {@code next} as {@code after} for the following page.
 */
final class StreamListingHandler {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Streams streams;

    StreamListingHandler(Streams streams) {
        this.streams = streams;
    }

    void handle(HttpServerExchange exchange) {
        try {
            String prefix = ControlApis.param(exchange, "prefix", "");
            String after = ControlApis.param(exchange, "after", null);
            int limit = limit(ControlApis.param(exchange, "limit", null));
            List<StreamMetadata> page = streams.list(prefix, after, limit);
            ObjectNode body = ControlApis.JSON.createObjectNode();
            ArrayNode list = body.putArray("streams");
            for (StreamMetadata meta : page) {
                list.addObject()
                        .put("path", meta.path())
                        .put("contentType", meta.contentType())
                        .put("nextOffset", StreamOffset.format(meta.tail()))
                        .put("closed", meta.closed());
            }
            if (page.size() == limit) {
                body.put("next", page.get(page.size() - 1).path());
            } else {
                body.putNull("next");
            }
            ControlApis.send(exchange, 200, body);
        } catch (ProtocolException e) {
            ControlApis.refuse(exchange, e);
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (!value.matches("[1-9][0-9]{0,3}")) {
            throw ProtocolException.badRequest("limit must be an integer from 1 to " + MAX_LIMIT);
        }
        int limit = Integer.parseInt(value);
        if (limit > MAX_LIMIT) {
            throw ProtocolException.badRequest("limit must be an integer from 1 to " + MAX_LIMIT);
        }
        return limit;
    }
}
