package io.dsk.bench.floor;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's HTTP server, Undertow, with nothing of the gateway in it: the same listener and IO
 * threads (one per core), answering on the IO thread as {@link FloorServer} does (a {@code PUT}
 * {@code 201}, a {@code POST} {@code 204} once its body has been read, anything else {@code 200}
 * with a 1,000-byte body). Between {@link FloorServer} and the gateway, it separates what the HTTP
 * server costs per request from what the gateway's own handling does.
 *
 * <p>Run: {@code java -cp dsk-bench.jar:lib/* io.dsk.bench.floor.UndertowFloor}; it prints
 * {@value FloorServer#READY} and the stream root once it listens on an ephemeral port of 127.0.0.1.
 */
public final class UndertowFloor {

    private static final HttpString NEXT_OFFSET = new HttpString("Stream-Next-Offset");
    private static final String OFFSET = "0000000000000000_0000000000000000";
    private static final ByteBuffer READ = ByteBuffer.wrap("x".repeat(1000).getBytes(StandardCharsets.US_ASCII));

    private UndertowFloor() {
    }

    public static void main(String[] args) throws InterruptedException {
        Undertow server = Undertow.builder().setIoThreads(Runtime.getRuntime().availableProcessors())
                .setWorkerThreads(2).addHttpListener(0, "127.0.0.1").setHandler(UndertowFloor::answer).build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        System.out.println(FloorServer.READY + "http://127.0.0.1:" + port + "/v1/stream/");
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void answer(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(NEXT_OFFSET, OFFSET);
        HttpString method = exchange.getRequestMethod();
        if (Methods.PUT.equals(method)) {
            exchange.setStatusCode(201);
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
            exchange.endExchange();
        } else if (Methods.POST.equals(method)) {
            exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
                ex.setStatusCode(204);
                ex.endExchange();
            });
        } else {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
            exchange.getResponseSender().send(READ.duplicate());
        }
    }
}
