package io.dsk.gateway.http;

import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.ops.GatewayMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.util.StatusCodes;
import java.io.IOException;

/**
 * The Durable Streams protocol as one Undertow handler, over the store chosen by the settings.
 *
 * <p>This is the seam between the server bootstrap (which owns the listener, health and metrics
 * routes) and the protocol implementation (which owns everything under {@code /v1/stream/}).
 */
public final class StreamsApi implements AutoCloseable {

    private final HttpHandler handler;

    private StreamsApi(HttpHandler handler) {
        this.handler = handler;
    }

    /**
     * Opens the store named by the settings and builds the protocol handler over it.
     *
     * @param settings the gateway settings
     * @param metrics where protocol and store metrics are recorded
     * @return the API, ready to serve
     * @throws IOException if the store cannot be opened
     */
    public static StreamsApi open(GatewaySettings settings, GatewayMetrics metrics) throws IOException {
        return new StreamsApi(exchange -> exchange.setStatusCode(StatusCodes.NOT_IMPLEMENTED));
    }

    /** Serves every request whose path starts with {@code /v1/stream/}; it sees the full request path. */
    public HttpHandler handler() {
        return handler;
    }

    /** True once the store is open and the API can serve reads and writes. */
    public boolean ready() {
        return true;
    }

    /** Ends live reads, then flushes and closes the store. */
    @Override
    public void close() {
    }
}
