package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.Eventually;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.ops.GatewayMetrics;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SSE client that stops reading must not make the server read the whole stream into memory:
 * the session reads the next chunk only once the socket took the previous one.
 */
class SseBackpressureIT {

    private static final int APPEND_BYTES = 1 << 20;
    private static final int APPENDS = 48;
    private static final long TOTAL = (long) APPEND_BYTES * APPENDS;

    private final GatewayMetrics metrics = new GatewayMetrics();
    private final HttpClient http = HttpClient.newHttpClient();
    private StreamsApi api;
    private ApiServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        GatewaySettings settings = GatewaySettings.builder().inMemory(true).port(0)
                .maxAppendBytes(APPEND_BYTES).readChunkBytes(64 << 10)
                .sseCloseInterval(Duration.ofMinutes(5)).build();
        api = StreamsApi.open(settings, metrics);
        server = ApiServer.start(api.handler());
        port = server.port();
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void aClientThatStopsReadingHoldsBackTheServerAndStillGetsEverythingLater() throws Exception {
        create();
        appendAll();

        try (Socket socket = subscribe()) {
            long stalledAt = awaitStableBytesOut();
            assertThat(stalledAt).isGreaterThan(0).isLessThan(TOTAL / 2);

            long payload = drainUntilUpToDate(socket.getInputStream());
            assertThat(payload).isEqualTo(TOTAL);
            assertThat(bytesOut()).isEqualTo(TOTAL);
        }
    }

    @Test
    void aLiveClientThatStopsReadingHoldsBackTheServerWhileAppendsGoOn() throws Exception {
        create();

        try (Socket socket = subscribe()) {
            awaitLiveConnection();
            appendAll();

            long stalledAt = awaitStableBytesOut();
            assertThat(stalledAt).isGreaterThan(0).isLessThan(TOTAL / 2);

            long payload = drainUntilUpToDate(socket.getInputStream());
            assertThat(payload).isEqualTo(TOTAL);
            assertThat(bytesOut()).isEqualTo(TOTAL);
        }
    }

    private void create() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(base() + "firehose")).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private void appendAll() throws Exception {
        byte[] chunk = "y".repeat(APPEND_BYTES).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < APPENDS; i++) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base() + "firehose"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(chunk)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(204);
        }
    }

    /** An SSE reader from the start with a small receive buffer, which reads nothing until told. */
    private Socket subscribe() throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(64 << 10);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/stream/firehose?offset=-1&live=sse HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/v1/stream/";
    }

    private void awaitLiveConnection() throws InterruptedException {
        Eventually.within(Duration.ofSeconds(30)).until("the SSE session opened",
                () -> metrics.openLiveConnections() == 1);
    }

    /** Polls the bytes-out counter until it stops moving. */
    private long awaitStableBytesOut() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long last = -1;
        int unchanged = 0;
        while (unchanged < 10) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("bytes out never settled");
            }
            Thread.sleep(100);
            long now = bytesOut();
            unchanged = now == last && now > 0 ? unchanged + 1 : 0;
            last = now;
        }
        return last;
    }

    private long bytesOut() {
        Matcher m = Pattern.compile("\ndsk_bytes_out_total ([0-9.E]+)\n").matcher(metrics.scrape());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    /** Reads the SSE response until a control event says up to date; returns the count of 'y' payload bytes. */
    private static long drainUntilUpToDate(InputStream in) throws Exception {
        skipHeaders(in);
        byte[] buffer = new byte[1 << 16];
        long ys = 0;
        StringBuilder recent = new StringBuilder();
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == 'y') {
                    ys++;
                }
            }
            recent.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            if (recent.length() > 4096) {
                recent.delete(0, recent.length() - 4096);
            }
            if (ys == TOTAL && recent.indexOf("\"upToDate\":true") >= 0) {
                break;
            }
        }
        return ys;
    }

    private static void skipHeaders(InputStream in) throws Exception {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed inside the response headers");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
