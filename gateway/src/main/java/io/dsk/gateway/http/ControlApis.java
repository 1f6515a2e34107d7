package io.dsk.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.gateway.protocol.ProtocolException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.UncheckedIOException;
import java.util.Deque;

/**
 * What the JSON control APIs under {@code /v1/stream/__ds/} share: single-valued query
 * parameters and uncacheable JSON answers, refusals included.
 */
final class ControlApis {

    static final ObjectMapper JSON = new ObjectMapper();

    private ControlApis() {
    }

    /**
     * The one value of a query parameter.
     *
     * @return the value, or {@code fallback} when the parameter is absent
     * @throws ProtocolException 400 when the parameter is sent more than once
     */
    static String param(HttpServerExchange exchange, String name, String fallback) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        if (values.size() > 1) {
            throw ProtocolException.badRequest("send the " + name + " parameter once");
        }
        return values.getFirst();
    }

    /** Sends {@code body} as an uncacheable JSON answer. */
    static void send(HttpServerExchange exchange, int status, ObjectNode body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        try {
            Responses.body(exchange, status, JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a refusal as JSON {@code {"error": reason}} with its status and headers. */
    static void refuse(HttpServerExchange exchange, ProtocolException e) {
        e.headers().forEach((name, value) -> exchange.getResponseHeaders().put(name, value));
        send(exchange, e.status(), JSON.createObjectNode().put("error", e.getMessage()));
    }
}
