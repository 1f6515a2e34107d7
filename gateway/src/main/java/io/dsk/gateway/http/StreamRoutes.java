package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.subscriptions.SubscriptionRoute;
import io.dsk.path.InvalidStreamPathException;
import io.dsk.path.StreamPath;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;

/**
 * Routes {@code /v1/stream/<path>} by method, enforces the path limit, and sends
 * {@code /v1/stream/__ds/...} to the control APIs. The stream path is read from the raw request URI by
 * {@link StreamPath#fromRequestPath(String)}, the rule the auth layer applies too, never from Undertow's
 * decoded path (which drops {@code ;} path parameters and replaces invalid UTF-8).
 */
final class StreamRoutes implements HttpHandler {

    static final String PREFIX = StreamPath.URL_PREFIX;
    private static final String SOURCE_OFFSETS = StreamPath.CONTROL_SEGMENT + "/source-offsets";
    private static final String STREAMS = StreamPath.CONTROL_SEGMENT + "/streams";

    private final int maxPathLength;
    private final RequestBodies bodies;
    private final CreateHandler create;
    private final AppendHandler append;
    private final ReadHandler read;
    private final MetadataHandlers metadata;
    private final SourceOffsetsHandler sourceOffsets;
    private final StreamListingHandler listing;
    private final HttpHandler subscriptions;

    StreamRoutes(int maxPathLength, RequestBodies bodies, CreateHandler create, AppendHandler append,
                 ReadHandler read, MetadataHandlers metadata, SourceOffsetsHandler sourceOffsets,
                 StreamListingHandler listing, HttpHandler subscriptions) {
        this.maxPathLength = maxPathLength;
        this.bodies = bodies;
        this.create = create;
        this.append = append;
        this.read = read;
        this.metadata = metadata;
        this.sourceOffsets = sourceOffsets;
        this.listing = listing;
        this.subscriptions = subscriptions;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (SubscriptionRoute.matches(exchange.getRequestURI())) {
            subscriptions.handleRequest(exchange);
            return;
        }
        StreamPath streamPath;
        try {
            streamPath = StreamPath.fromRequestPath(exchange.getRequestURI());
        } catch (InvalidStreamPathException e) {
            Responses.text(exchange, e.notStreamPath() ? 404 : 400, e.getMessage());
            return;
        }
        String path = streamPath.name();
        // A char is at most three UTF-8 bytes, so a short name is not encoded to be measured.
        if (path.length() > maxPathLength / 3 && path.getBytes(StandardCharsets.UTF_8).length > maxPathLength) {
            Responses.text(exchange, 414, "stream path is longer than the limit of " + maxPathLength + " bytes");
            return;
        }
        if (streamPath.isReserved()) {
            control(exchange, path);
            return;
        }
        HttpString method = exchange.getRequestMethod();
        if (method.equals(Methods.PUT)) {
            bodies.receive(exchange, (ex, body) -> create.handle(ex, path, body));
        } else if (method.equals(Methods.POST)) {
            bodies.receiveOnIoThread(exchange, (ex, body) -> append.handle(ex, path, body));
        } else if (method.equals(Methods.GET)) {
            if (!read.answerInMemory(exchange, path)) {
                Work.onWorker(exchange, () -> read.handle(exchange, path));
            }
        } else if (method.equals(Methods.HEAD)) {
            if (!metadata.headInMemory(exchange, path)) {
                Work.onWorker(exchange, () -> metadata.head(exchange, path));
            }
        } else if (method.equals(Methods.DELETE)) {
            Work.onWorker(exchange, () -> metadata.delete(exchange, path));
        } else {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD, PUT, POST, DELETE, OPTIONS");
            Responses.text(exchange, 405, "method not allowed on a stream");
        }
    }

    private void control(HttpServerExchange exchange, String path) {
        if (path.equals(SOURCE_OFFSETS)) {
            getOnly(exchange, "source-offsets", () -> sourceOffsets.handle(exchange));
            return;
        }
        if (path.equals(STREAMS)) {
            getOnly(exchange, "streams", () -> listing.handle(exchange));
            return;
        }
        Responses.refuse(exchange, ProtocolException.notFound(
                "paths starting with " + StreamPath.CONTROL_SEGMENT + " are reserved for control APIs"));
    }

    private static void getOnly(HttpServerExchange exchange, String api, Work.Step step) {
        if (!exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, OPTIONS");
            Responses.text(exchange, 405, api + " only answers GET");
            return;
        }
        Work.onWorker(exchange, step);
    }
}
