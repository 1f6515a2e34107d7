package io.dsk.gateway.attack;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JWKS server whose behaviour a case switches: it serves the good key set, or stalls, trickles,
 * floods, redirects, or lies about what it sends. Slow modes give up after {@link #STALL_MILLIS}
 * so that nothing outlives the suite.
 */
final class HostileKeyServer implements AutoCloseable {

    static final long STALL_MILLIS = 20_000;

    enum Mode { GOOD, SLOW_HEADERS, TRICKLE_BODY, HUGE, REDIRECT_LOOP, REDIRECT_AWAY, HTML, GARBAGE, NOT_FOUND,
        EMPTY_SET, DEEP_JSON }

    private final Undertow undertow;
    private final String goodSet;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.GOOD);
    private final int port;

    HostileKeyServer(String goodSet) {
        this.goodSet = goodSet;
        this.undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setWorkerThreads(16)
                .setHandler(this::handle).build();
        undertow.start();
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/jwks.json";
    }

    void mode(Mode next) {
        mode.set(next);
    }

    private void handle(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this::handle);
            return;
        }
        exchange.startBlocking();
        Mode now = exchange.getRequestPath().equals("/away") ? Mode.GOOD : mode.get();
        switch (now) {
            case SLOW_HEADERS:
                Thread.sleep(STALL_MILLIS);
                send(exchange, "application/json", goodSet);
                break;
            case TRICKLE_BODY:
                trickle(exchange);
                break;
            case HUGE:
                huge(exchange);
                break;
            case REDIRECT_LOOP:
                exchange.setStatusCode(302);
                exchange.getResponseHeaders().put(Headers.LOCATION, url());
                break;
            case REDIRECT_AWAY:
                exchange.setStatusCode(302);
                exchange.getResponseHeaders().put(Headers.LOCATION, "file:///etc/passwd");
                break;
            case HTML:
                send(exchange, "text/html", "<html><body>" + goodSet.replace("good", "html") + "</body></html>");
                break;
            case GARBAGE:
                send(exchange, "application/json", "{\"keys\": [\u0000\u0001 not json");
                break;
            case NOT_FOUND:
                exchange.setStatusCode(404);
                send(exchange, "text/plain", "no keys here");
                break;
            case EMPTY_SET:
                send(exchange, "application/json", "{\"keys\": []}");
                break;
            case DEEP_JSON:
                send(exchange, "application/json", "{\"keys\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}");
                break;
            default:
                send(exchange, "application/jwk-set+json", goodSet);
        }
    }

    private static void send(HttpServerExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        exchange.getOutputStream().write(bytes);
    }

    private void trickle(HttpServerExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 1_000_000);
        OutputStream out = exchange.getOutputStream();
        long end = System.currentTimeMillis() + STALL_MILLIS;
        out.write("{\"keys\": [".getBytes(StandardCharsets.US_ASCII));
        while (System.currentTimeMillis() < end) {
            out.write(' ');
            out.flush();
            Thread.sleep(100);
        }
    }

    private static void huge(HttpServerExchange exchange) throws IOException {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        OutputStream out = exchange.getOutputStream();
        byte[] spaces = new byte[64 * 1024];
        java.util.Arrays.fill(spaces, (byte) ' ');
        out.write("{\"keys\": [".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 1024; i++) {
            out.write(spaces);
        }
        out.write("]}".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
