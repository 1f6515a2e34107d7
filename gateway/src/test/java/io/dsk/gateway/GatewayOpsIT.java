package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.config.GatewayOption;
import io.dsk.gateway.config.GatewayOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway jar's operations surface as an operator meets it: start-up, endpoints, limits, shutdown. */
class GatewayOpsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static GatewayProcess gateway;

    @TempDir
    Path temp;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayProcess.start("ops", "--port", "0", "--in-memory", "--max-header-bytes", "8KiB");
    }

    @AfterAll
    static void stopGateway() throws InterruptedException {
        gateway.close();
    }

    @Test
    void readyLineNamesTheEphemeralPortActuallyBound() {
        assertThat(gateway.baseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(gateway.baseUrl().getPort()).isPositive().isNotEqualTo(GatewaySettings.DEFAULT_PORT);
        assertThat(gateway.lastOutput()).filteredOn(l -> l.contains(GatewayServer.READY_LINE_PREFIX))
                .singleElement().asString().endsWith(GatewayServer.READY_LINE_PREFIX + gateway.baseUrl());
    }

    @Test
    void healthzAndReadyzAnswerOk() throws Exception {
        HttpResponse<String> health = get("/healthz");
        HttpResponse<String> ready = get("/readyz");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreServedInPrometheusFormatAndCountRequestsByRoute() throws Exception {
        get("/v1/stream/ops-metrics-missing");

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains("# TYPE dsk_http_requests_total counter")
                .containsPattern("dsk_http_requests_total\\{route=\"read\",status=\"404\"\\} [1-9]")
                .doesNotContain("ops-metrics-missing");
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertThat(get("/v2/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void headersOverTheLimitAre431() throws Exception {
        String big = "a".repeat(9000);
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/healthz")).header("X-Big", big).build();

        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(431);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void badOptionExitsWithStatus2AndOneLineNamingIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", System.getProperty("dsk.gateway.jar"),
                "--long-poll-timeout", "soon").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.strip()).doesNotContain("\n")
                .startsWith("dsk-gateway: --long-poll-timeout: expected a whole number with unit ms, s, m, h or d");
    }

    @Test
    void helpPrintsEveryOptionAndExitsZero() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", System.getProperty("dsk.gateway.jar"), "--help")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        for (GatewayOption<?> option : GatewayOptions.ALL) {
            assertThat(output).contains(option.flag());
        }
    }

    @Test
    void sigtermLetsAnInFlightAppendFinishThenStops() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        try (GatewayProcess own = GatewayProcess.start("ops-shutdown", "--port", "0", "--data-dir", dataDir.toString())) {
            int created = HTTP.send(HttpRequest.newBuilder(own.uri("/v1/stream/shutdown"))
                    .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(created).isEqualTo(201);

            try (Socket socket = new Socket(own.baseUrl().getHost(), own.baseUrl().getPort())) {
                socket.setSoTimeout((int) DEADLINE.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/stream/shutdown HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                awaitWritesInFlight(own, 1);
                own.signalTerminate();
                own.awaitOutput("shutting down: 1 write(s) in flight", DEADLINE);
                out.write("6\r\n world\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(statusLine).matches("HTTP/1\\.1 20[04] .*");
            }
            own.awaitOutput("dsk-gateway stopped", DEADLINE);
            own.awaitExit(DEADLINE);
        }
    }

    @Test
    void appendAfterShutdownBeganIsRefusedWith503() throws Exception {
        try (GatewayProcess own = GatewayProcess.start("ops-refuse", "--port", "0", "--in-memory",
                "--shutdown-grace", "1m")) {
            try (Socket slowWriter = new Socket(own.baseUrl().getHost(), own.baseUrl().getPort())) {
                slowWriter.getOutputStream().write(("PUT /v1/stream/slow HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: text/plain\r\nContent-Length: 10\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII));
                slowWriter.getOutputStream().flush();
                awaitWritesInFlight(own, 1);
                own.signalTerminate();
                own.awaitOutput("shutting down: 1 write(s) in flight", DEADLINE);

                HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(own.uri("/v1/stream/late"))
                        .timeout(DEADLINE).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(503);
            }
            own.awaitExit(DEADLINE);
        }
    }

    /** Polls the in-flight gauge, so that SIGTERM is sent only once the write reached the handler. */
    private static void awaitWritesInFlight(GatewayProcess process, int count) throws Exception {
        String expected = "dsk_writes_in_flight " + count + ".0\n";
        Eventually.within(DEADLINE).until(expected.strip(), () -> HTTP.send(
                HttpRequest.newBuilder(process.uri("/metrics")).timeout(DEADLINE).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains(expected));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(gateway.uri(path)).timeout(DEADLINE).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
