package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The held small-stream reads of the catch-up scenario and the readiness check of a reopened
 * server, against a small in-process HTTP server on an ephemeral port.
 */
class ReadsAndReadinessIT {

    private HttpServer http;
    private ServerUnderTest server;
    private final Map<String, AtomicInteger> readsByPath = new ConcurrentHashMap<>();
    private final AtomicInteger readyzCalls = new AtomicInteger();
    /** Method, path and Content-Type of every request with a body type, and the bodies of appends. */
    private final List<String> typedRequests = new CopyOnWriteArrayList<>();
    private final List<byte[]> appendBodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/v1/stream/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                typedRequests.add(exchange.getRequestMethod() + " " + path + " " + type);
            }
            if (exchange.getRequestMethod().equals("POST")) {
                appendBodies.add(exchange.getRequestBody().readAllBytes());
            }
            readsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = path.endsWith("/short") ? new byte[3] : new byte[10];
            exchange.sendResponseHeaders(path.endsWith("/missing") ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.createContext("/readyz", exchange -> {
            boolean ready = readyzCalls.incrementAndGet() > 3;
            exchange.sendResponseHeaders(ready ? 200 : 503, -1);
            exchange.close();
        });
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.start();
        URI base = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/v1/stream/");
        server = new FakeServer(base);
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    @Test
    void heldReadsGoOverEveryStreamInTurnUntilTheWindowEnds() throws IOException {
        List<String> streams = List.of("s/0", "s/1", "s/2");
        ClosedLoopLoad.Result result = CatchupReads.readRepeatedly(server, streams, 10, 2, Duration.ofMillis(300));

        assertThat(result.completed()).isGreaterThan(3);
        assertThat(result.failures()).isZero();
        assertThat(readsByPath.keySet()).containsExactlyInAnyOrder("/v1/stream/s/0", "/v1/stream/s/1",
                "/v1/stream/s/2");
        assertThat(readsByPath.values()).allSatisfy(n -> assertThat(n.get()).isGreaterThan(1));
    }

    @Test
    void smallJsonStreamsAreCreatedAsJsonAndHoldOneArrayOfMessages() throws IOException {
        List<String> streams = CatchupReads.writeSmallJsonStreams(server, "j", 2, 1000);

        assertThat(streams).containsExactly("j/s0", "j/s1");
        assertThat(typedRequests).containsExactly("PUT /v1/stream/j/s0 application/json",
                "PUT /v1/stream/j/s1 application/json", "POST /v1/stream/j/s0 application/json",
                "POST /v1/stream/j/s1 application/json");
        byte[] payload = PreEncodedRequests.jsonPayload(1000);
        assertThat(appendBodies).hasSize(2).allSatisfy(body -> assertThat(body).isEqualTo(payload));
        assertThat(new String(payload, StandardCharsets.US_ASCII)).startsWith("[{\"n\":0,").endsWith("\"}]");
    }

    @Test
    void streamsToReadFromTableFilesAreCreatedBetweenTheAppendStreams() throws IOException {
        StreamsScenario.Measurements appends = new StreamsScenario.Measurements(null,
                new StreamsScenario.Settings(List.of(3), List.of(1), Duration.ofSeconds(1), 256, false,
                        Duration.ZERO, List.of(), 1, "off", false, false));
        List<String> small = CatchupReads.smallStreams("t", 2);

        appends.prepare(server, 3, "r0", small.stream()
                .map(s -> PreEncodedRequests.create(server, s, PreEncodedRequests.CONTENT_TYPE)).toList());

        assertThat(typedRequests).hasSize(5).allSatisfy(r -> assertThat(r).startsWith("PUT "));
        List<String> paths = typedRequests.stream().map(r -> r.split(" ")[1]).toList();
        assertThat(paths.get(1)).isEqualTo("/v1/stream/t/s0");
        assertThat(paths.get(3)).isEqualTo("/v1/stream/t/s1");
        assertThat(List.of(paths.get(0), paths.get(2), paths.get(4)))
                .allSatisfy(p -> assertThat(p).startsWith("/v1/stream/bench/streams/r0-3-"))
                .extracting(p -> p.substring(p.lastIndexOf('/')))
                .containsExactly("/s0", "/s1", "/s2");
    }

    @Test
    void aHeldReadThatDoesNotReturnTheWholeStreamFailsTheRun() {
        assertThatThrownBy(() -> CatchupReads.readRepeatedly(server, List.of("s/0", "s/short"), 10, 1,
                Duration.ofMillis(200))).isInstanceOf(IOException.class).hasMessageContaining("failed");
    }

    @Test
    void readinessWaitsForTheFirst200OfReadyzAndTheLastStreamMustBeReadable() throws IOException {
        long start = System.nanoTime();
        double seconds = Readiness.await(server, start, Duration.ofMinutes(1));

        assertThat(readyzCalls.get()).isEqualTo(4);
        assertThat(seconds).isPositive();
        Readiness.requireReadable(server, "/v1/stream/s/9");
        assertThatThrownBy(() -> Readiness.requireReadable(server, "/v1/stream/s/missing"))
                .hasMessageContaining("answered 404");
    }

    /** The in-process server as the scenarios see a server. */
    private record FakeServer(URI baseUri) implements ServerUnderTest {

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public long pid() {
            return ProcessHandle.current().pid();
        }

        @Override
        public long rssBytes() {
            return 0;
        }

        @Override
        public double cpuSeconds() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
