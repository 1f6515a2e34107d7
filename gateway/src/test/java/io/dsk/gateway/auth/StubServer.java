package io.dsk.gateway.auth;

import io.dsk.gateway.http.RequestIdHandler;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real Undertow server on an ephemeral port whose stream handler is a stub answering 200 with a
 * public Cache-Control, wrapped by the auth chain under test; requests get their ids as in the gateway.
 */
final class StubServer implements AutoCloseable {

    /** What the stub protocol handler sends, as the real one does for historical reads. */
    static final String STUB_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

    private final Undertow undertow;
    private final int port;
    /** Monotonic clock of the rate limiters, moved by tests instead of sleeping. */
    final AtomicLong nanoTime;

    private StubServer(Undertow undertow, AtomicLong nanoTime) {
        this.undertow = undertow;
        this.nanoTime = nanoTime;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    static StubServer start(AuthSettings auth, RateLimitSettings limits) throws IOException {
        AtomicLong nanoTime = new AtomicLong(1_000_000_000_000L);
        HttpHandler wrapped = AuthHandlers.wrap(StubServer::answer, auth, limits,
                Clock.fixed(TestTokens.NOW, ZoneOffset.UTC), nanoTime::get);
        Undertow undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(new RequestIdHandler(Handlers.path().addPrefixPath("/v1/stream", wrapped)))
                .build();
        undertow.start();
        return new StubServer(undertow, nanoTime);
    }

    /** The stub protocol handler: echoes what it was handed, including the size of any body. */
    private static void answer(HttpServerExchange exchange) {
        if (exchange.getRequestMethod().equals(Methods.POST) || exchange.getRequestMethod().equals(Methods.PUT)) {
            exchange.getRequestReceiver().receiveFullBytes((ex, body) -> echo(ex, " body=" + body.length));
        } else {
            echo(exchange, "");
        }
    }

    private static void echo(HttpServerExchange exchange, String body) {
        VerifiedToken token = exchange.getAttachment(AuthHandlers.VERIFIED_TOKEN);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, STUB_CACHE_CONTROL);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        exchange.getResponseSender().send("stub " + exchange.getRequestMethod() + " " + exchange.getRequestPath()
                + " query=" + exchange.getQueryString()
                + " params=" + exchange.getQueryParameters().keySet()
                + " sub=" + (token == null ? "-" : token.subject().orElse("?")) + body);
    }

    int port() {
        return port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /**
     * Sends a request exactly as written, for paths that java.net.http would refuse or rewrite.
     *
     * @return the status code of the response
     */
    int rawStatus(String method, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                statusLine.append((char) c);
            }
            String[] parts = statusLine.toString().split(" ");
            if (parts.length < 2) {
                throw new IOException("no status line for " + method + " " + target + ": '" + statusLine + "'");
            }
            return Integer.parseInt(parts[1]);
        }
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
