package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a small in-process HTTP server on an ephemeral port. */
class ClosedLoopLoadIT {

    private HttpServer server;
    private URI base;
    private final AtomicInteger appends = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/stream/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("POST")) {
                appends.incrementAndGet();
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/bad") ? 404 : 204, -1);
            } else {
                byte[] body = "hello".getBytes();
                exchange.getResponseHeaders().add("Stream-Next-Offset", "5");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/stream/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ByteBuffer request(String method, String path) {
        return PreEncodedRequests.request(method, ClosedLoopLoad.host(base), base.getPath() + path, Map.of(),
                new byte[] {1, 2, 3});
    }

    @Test
    void aTimedLoadCountsEveryAcknowledgedRequestInTheWindow() throws IOException {
        ByteBuffer append = request("POST", "a");
        ClosedLoopLoad.Result result = new ClosedLoopLoad(base, 8)
                .run(i -> append, (i, r) -> r.status() == 204, Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(result.completed()).isPositive();
        assertThat(result.failures()).isZero();
        assertThat(result.latencies().count()).isEqualTo(result.completed());
        assertThat(result.allSucceeded()).isGreaterThanOrEqualTo(result.completed()).isEqualTo(appends.get());
        assertThat(result.seconds()).isEqualTo(0.5);
    }

    @Test
    void aFiniteLoadEndsWhenTheRequestsRunOutAndCountsBodies() throws IOException {
        int[] left = {50};
        ByteBuffer read = request("GET", "a?offset=-1");
        ClosedLoopLoad.Result result = new ClosedLoopLoad(base, 4)
                .run(i -> left[0]-- > 0 ? read : null, (i, r) -> r.status() == 200, Duration.ZERO,
                        Duration.ofMinutes(5));
        assertThat(result.completed()).isEqualTo(50);
        assertThat(result.bodyBytes()).isEqualTo(250);
        assertThat(result.seconds()).isLessThan(300);
    }

    @Test
    void rejectedResponsesAreCountedAndTheLoadGoesOn() throws IOException {
        int[] left = {10};
        ByteBuffer bad = request("POST", "bad");
        ClosedLoopLoad.Result result = new ClosedLoopLoad(base, 2)
                .run(i -> left[0]-- > 0 ? bad : null, (i, r) -> r.status() == 204, Duration.ZERO, Duration.ofMinutes(5));
        assertThat(result.failures()).isEqualTo(10);
        assertThat(result.completed()).isZero();
        assertThat(result.firstFailure()).contains("status 404");
    }
}
