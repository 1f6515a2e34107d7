package io.dsk.gateway.subscriptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsk.gateway.http.RequestBodies;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StoreException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription control APIs over HTTP (PROTOCOL.md 6.2 - 6.5, 7.1, 7.2): reads the body (at most
 * {@value #MAX_BODY_BYTES} bytes) on the IO thread, then runs the operation on a worker thread, since
 * it commits to the store. Answers are JSON; refusals are {@code {"error": {"code", "message"}}}.
 */
public final class SubscriptionApi implements HttpHandler {

    /** The largest body these APIs read. */
    public static final int MAX_BODY_BYTES = 256 << 10;
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionApi.class);
    
    private final SubscriptionService service;
    private final RequestBodies bodies;

    /** {@code bodies} reads request bodies of at most {@link #MAX_BODY_BYTES} and answers with {@link #refuseBody}. */
    public SubscriptionApi(SubscriptionService service, RequestBodies bodies) {
        this.service = service;
        this.bodies = bodies;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        SubscriptionRoute route;
        try {
            route = SubscriptionRoute.parse(exchange.getRequestURI());
        } catch (SubscriptionException e) {
            refuse(exchange, e);
            return;
        }
        HttpString method = exchange.getRequestMethod();
        boolean hasBody = Methods.PUT.equals(method) || Methods.POST.equals(method);
        if (!hasBody) {
            runWithoutBody(exchange, route);
            return;
        }
        bodies.receive(exchange, (ex, body) -> answer(ex, route, body));
    }

    private void runWithoutBody(HttpServerExchange exchange, SubscriptionRoute route) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(() -> answer(exchange, route, null));
        } else {
            answer(exchange, route, null);
        }
    }

    /**
     * Answers a body refused before the operation ran (over {@value #MAX_BODY_BYTES} bytes, stalled,
     * or framed unreadably) as JSON, like every other refusal of these APIs.
     */
    public static void refuseBody(HttpServerExchange exchange, int status, String reason) {
        String code = switch (status) {
            case 413 -> "BODY_TOO_LARGE";
            case 408 -> "BODY_TIMEOUT";
            case 501 -> "NOT_IMPLEMENTED";
            default -> "BAD_REQUEST";
        };
        refuse(exchange, new SubscriptionException(status, code, reason));
    }

    private void answer(HttpServerExchange exchange, SubscriptionRoute route, byte[] body) {
        try {
            handle(exchange, route, body);
        } catch (SubscriptionException e) {
            refuse(exchange, e);
        } catch (ProtocolException e) {
            // from the streams or, in a cluster, from the command log (503: not applied in time)
            refuse(exchange, new SubscriptionException(e.status(), e.status() >= 500 ? "UNAVAILABLE" : "BAD_REQUEST",
                    e.getMessage()));
        } catch (StoreException e) {
            LOG.error("subscription request failed in the store", e);
            refuse(exchange, new SubscriptionException(503, "UNAVAILABLE", "the store refused the change; retry"));
        } catch (RuntimeException e) {
            LOG.error("subscription request failed", e);
            refuse(exchange, new SubscriptionException(500, "INTERNAL", "the request failed on the server"));
        }
    }

    private void handle(HttpServerExchange exchange, SubscriptionRoute route, byte[] body) {
        HttpString method = exchange.getRequestMethod();
        switch (route.operation()) {
            case JWKS -> {
                only(method, "GET, HEAD", Methods.GET, Methods.HEAD);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/jwk-set+json");
                exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "public, max-age=300");
                send(exchange, 200, service.jwks(), false);
            }
            case SUBSCRIPTION -> subscription(exchange, route, method, body);
            case STREAMS -> {
                only(method, "POST", Methods.POST);
                JsonNode json = json(body);
                if (!json.isObject() || !json.has("streams")) {
                    throw SubscriptionException.badRequest("the body must be {\"streams\": [paths]}");
                }
                service.addStreams(route.id(), SubscriptionConfig.streamList(json.get("streams")));
                empty(exchange, 204);
            }
            case STREAM -> {
                only(method, "DELETE", Methods.DELETE);
                service.removeStream(route.id(), route.stream());
                empty(exchange, 204);
            }
            case CLAIM -> {
                only(method, "POST", Methods.POST);
                JsonNode json = json(body);
                JsonNode worker = json.get("worker");
                if (worker == null || !worker.isTextual() || worker.asText().isEmpty() || worker.asText().length() > 200) {
                    throw SubscriptionException.badRequest("the body must name the worker: {\"worker\": \"name\"}");
                }
                send(exchange, 200, service.claim(route.id(), worker.asText()), true);
            }
            case ACK, CALLBACK -> {
                only(method, "POST", Methods.POST);
                boolean next = service.ack(route.id(), bearer(exchange), json(body));
                send(exchange, 200, SubscriptionViews.JSON.createObjectNode().put("ok", true).put("next_wake", next),
                        true);
            }
            case RELEASE -> {
                only(method, "POST", Methods.POST);
                service.release(route.id(), bearer(exchange), json(body));
                empty(exchange, 204);
            }
            default -> throw SubscriptionException.notFound("no such subscription API");
        }
    }

    private void subscription(HttpServerExchange exchange, SubscriptionRoute route, HttpString method, byte[] body) {
        if (Methods.PUT.equals(method)) {
            SubscriptionConfig config = SubscriptionConfig.parse(route.id(), json(body));
            Subscriptions.PutResult result = service.put(config, baseUrl(exchange));
            if (result.outcome() == Subscriptions.PutOutcome.CONFLICT) {
                throw new SubscriptionException(409, "CONFLICT",
                        "a subscription with this id exists with another configuration");
            }
            int status = result.outcome() == Subscriptions.PutOutcome.CREATED ? 201 : 200;
            send(exchange, status, service.view(result.subscription()), true);
        } else if (Methods.GET.equals(method) || Methods.HEAD.equals(method)) {
            Subscription s = service.get(route.id())
                    .orElseThrow(() -> SubscriptionException.notFound("no subscription " + route.id()));
            send(exchange, 200, service.view(s), true);
        } else if (Methods.DELETE.equals(method)) {
            service.delete(route.id());
            empty(exchange, 204);
        } else {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD, PUT, DELETE, OPTIONS");
            throw new SubscriptionException(405, "METHOD_NOT_ALLOWED", "a subscription answers GET, PUT and DELETE");
        }
    }

    private void only(HttpString method, String allow, HttpString... allowed) {
        for (HttpString m : allowed) {
            if (m.equals(method)) {
                return;
            }
        }
        throw new SubscriptionException(405, "METHOD_NOT_ALLOWED", "this API answers " + allow);
    }

    private static String bearer(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    private static JsonNode json(byte[] body) {
        if (body == null || body.length == 0) {
            throw SubscriptionException.badRequest("the body must be JSON");
        }
        try {
            JsonNode node = SubscriptionViews.JSON.readTree(body);
            if (node == null) {
                throw SubscriptionException.badRequest("the body must be JSON");
            }
            return node;
        } catch (IOException e) {
            throw SubscriptionException.badRequest("the body is not valid JSON");
        }
    }

    /** Scheme and authority the client used: where callback and JWKS URLs point. */
    private static String baseUrl(HttpServerExchange exchange) {
        return exchange.getRequestScheme() + "://" + exchange.getHostAndPort();
    }

    private static void refuse(HttpServerExchange exchange, SubscriptionException e) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        send(exchange, e.status(), e.body(), true);
    }

    private static void send(HttpServerExchange exchange, int status, ObjectNode body, boolean noStore) {
        byte[] bytes;
        try {
            bytes = SubscriptionViews.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = "{}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.setStatusCode(status);
        if (!exchange.getResponseHeaders().contains(Headers.CONTENT_TYPE)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        }
        if (noStore) {
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        if (Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    private static void empty(HttpServerExchange exchange, int status) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.endExchange();
    }
}
