package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;

/**
 * Routes {@code /v1/stream/<path>} by method, enforces the path limit, and sends
 * {@code /v1/stream/__ds/...} to the control APIs.
 */
final class StreamRoutes implements HttpHandler {

    static final String PREFIX = "/v1/stream/";
    static final String RESERVED_SEGMENT = "__ds";

    private final int maxPathLength;
    private final RequestBodies bodies;
    private final CreateHandler create;
    private final AppendHandler append;
    private final ReadHandler read;
    private final MetadataHandlers metadata;
    private final SourceOffsetsHandler sourceOffsets;
    private final StreamListingHandler listing;

    StreamRoutes(int maxPathLength, RequestBodies bodies, CreateHandler create, AppendHandler append,
                 ReadHandler read, MetadataHandlers metadata, SourceOffsetsHandler sourceOffsets,
                 StreamListingHandler listing) {
        this.maxPathLength = maxPathLength;
        this.bodies = bodies;
        this.create = create;
        this.append = append;
        this.read = read;
        this.metadata = metadata;
        this.sourceOffsets = sourceOffsets;
        this.listing = listing;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String full = exchange.getRequestPath();
        if (!full.startsWith(PREFIX) || full.length() == PREFIX.length()) {
            Responses.text(exchange, 404, "streams live under " + PREFIX + "<path>");
            return;
        }
        String path = full.substring(PREFIX.length());
        if (path.getBytes(StandardCharsets.UTF_8).length > maxPathLength) {
            Responses.text(exchange, 414, "stream path is longer than the limit of " + maxPathLength + " bytes");
            return;
        }
        if (path.equals(RESERVED_SEGMENT) || path.startsWith(RESERVED_SEGMENT + "/")) {
            control(exchange, path.substring(RESERVED_SEGMENT.length()));
            return;
        }
        HttpString method = exchange.getRequestMethod();
        if (method.equals(Methods.PUT)) {
            bodies.receive(exchange, (ex, body) -> create.handle(ex, path, body));
        } else if (method.equals(Methods.POST)) {
            bodies.receiveOnIoThread(exchange, (ex, body) -> append.handle(ex, path, body));
        } else if (method.equals(Methods.GET)) {
            Work.onWorker(exchange, () -> read.handle(exchange, path));
        } else if (method.equals(Methods.HEAD)) {
            Work.onWorker(exchange, () -> metadata.head(exchange, path));
        } else if (method.equals(Methods.DELETE)) {
            Work.onWorker(exchange, () -> metadata.delete(exchange, path));
        } else {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD, PUT, POST, DELETE, OPTIONS");
            Responses.text(exchange, 405, "method not allowed on a stream");
        }
    }

    private void control(HttpServerExchange exchange, String rest) {
        if (rest.equals("/source-offsets")) {
            getOnly(exchange, "source-offsets", () -> sourceOffsets.handle(exchange));
            return;
        }
        if (rest.equals("/streams")) {
            getOnly(exchange, "streams", () -> listing.handle(exchange));
            return;
        }
        Responses.refuse(exchange, ProtocolException.notFound(
                "paths starting with " + RESERVED_SEGMENT + " are reserved for control APIs"));
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
