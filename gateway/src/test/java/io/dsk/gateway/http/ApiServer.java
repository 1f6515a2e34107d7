package io.dsk.gateway.http;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;

/**
 * An Undertow listener on an ephemeral loopback port that serves a protocol handler under
 * {@code /v1/stream}, as the gateway mounts it, for the tests that run the handler over real sockets.
 */
public final class ApiServer implements AutoCloseable {

    private final Undertow undertow;
    private final int port;

    private ApiServer(Undertow undertow) {
        this.undertow = undertow;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Starts serving {@code streams} (the protocol handler, or it wrapped) under {@code /v1/stream}. */
    public static ApiServer start(HttpHandler streams) {
        Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/v1/stream", streams)).build();
        undertow.start();
        return new ApiServer(undertow);
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>/v1/stream/}, to which a stream path is appended. */
    public String streamBase() {
        return origin() + "/v1/stream/";
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
