package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.streams.Streams;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catch-up reads of byte streams longer than one buffer, over a real listener and a RocksDB store. */
class CatchUpReadIT {

    private static final String BYTES = "application/octet-stream";
    private static final int RESPONSE_LIMIT = 16 << 20;
    private static final int MAX_APPEND = 1 << 20;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StreamsApi api;
    private ApiServer server;
    private int port;
    private String base;

    @BeforeEach
    void start() throws Exception {
        GatewaySettings settings = GatewaySettings.builder().dataDir(dataDir).port(0)
                .maxAppendBytes(MAX_APPEND).readResponseBytes(RESPONSE_LIMIT).build();
        api = StreamsApi.open(settings, new GatewayMetrics());
        server = ApiServer.start(api.handler());
        port = server.port();
        base = server.streamBase();
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void aBodyOfManyPiecesIsByteExactAndEndsAtTheTail() throws Exception {
        byte[] all = pattern(0, 2_100_000);
        create("s");
        append("s", all, 0, 700_000);
        append("s", all, 700_000, 1_400_000);
        append("s", all, 1_400_000, all.length);

        HttpResponse<byte[]> whole = get("s", "-1");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(all);
        assertThat(whole.headers().firstValue("Content-Length")).hasValue(Integer.toString(all.length));
        assertThat(whole.headers().firstValue("Stream-Next-Offset")).hasValue(StreamOffset.format(all.length));
        assertThat(whole.headers().firstValue("Stream-Up-To-Date")).hasValue("true");

        // 100 001 lies in the second stored piece of the first append, [65 536, 131 072): a read from an
        // offset the gateway never issued starts at that piece, never in its middle.
        HttpResponse<byte[]> inside = get("s", StreamOffset.format(100_001));
        assertThat(inside.body()).isEqualTo(Arrays.copyOfRange(all, Streams.MAX_ENTRY_BYTES, all.length));

        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create(base + "s?offset=-1"))
                .header("If-None-Match", whole.headers().firstValue("ETag").orElseThrow()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void aBodyLongerThanTheResponseLimitEndsThereAndTheNextReadResumes() throws Exception {
        byte[] all = pattern(0, RESPONSE_LIMIT + 1_000_000);
        create("s");
        appendAll("s", all);

        HttpResponse<byte[]> first = get("s", "-1");
        assertThat(first.body()).hasSize(RESPONSE_LIMIT);
        assertThat(first.headers().firstValue("Stream-Next-Offset")).hasValue(StreamOffset.format(RESPONSE_LIMIT));
        assertThat(first.headers().firstValue("Stream-Up-To-Date")).isEmpty();
        HttpResponse<byte[]> rest = get("s", StreamOffset.format(RESPONSE_LIMIT));
        assertThat(rest.headers().firstValue("Stream-Up-To-Date")).hasValue("true");

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(first.body());
        joined.writeBytes(rest.body());
        assertThat(joined.toByteArray()).isEqualTo(all);
    }

    @Test
    void aReadRacingAppendsSeesAConsistentPrefixUpToItsNextOffset() throws Exception {
        create("s");
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            long position = 0;
            try {
                while (writing.get() && position < 20_000_000) {
                    byte[] piece = pattern(position, 300_001);
                    append("s", piece, 0, piece.length);
                    position += piece.length;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            for (int i = 0; i < 20; i++) {
                HttpResponse<byte[]> read = get("s", "-1");
                long next = StreamOffset.parse(read.headers().firstValue("Stream-Next-Offset").orElseThrow(), "next");
                assertThat(read.body()).hasSize((int) next).isEqualTo(pattern(0, (int) next));
            }
        } finally {
            writing.set(false);
            writer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingTheApiEndsABodyThatItsClientStoppedReading() throws Exception {
        byte[] all = pattern(0, 12_000_000);
        create("s");
        appendAll("s", all);

        try (Socket stalled = new Socket("127.0.0.1", port)) {
            stalled.setReceiveBufferSize(256 << 10);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /v1/stream/s?offset=-1 HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = stalled.getInputStream();
            assertThat(in.read(new byte[100])).isPositive();

            CompletableFuture.runAsync(api::close).get(10, TimeUnit.SECONDS);

            long received = 100;
            byte[] sink = new byte[65536];
            for (int n = in.read(sink); n >= 0; n = in.read(sink)) {
                received += n;
            }
            assertThat(received).isLessThan(all.length);
        }
    }

    /** Bytes {@code [from, from + length)} of a stream whose every byte is a function of its position. */
    private static byte[] pattern(long from, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            long p = from + i;
            bytes[i] = (byte) (p * 31 + p / 251);
        }
        return bytes;
    }

    private void create(String path) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", BYTES)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(201);
    }

    private void append(String path, byte[] bytes, int from, int to) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", BYTES)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes, from, to - from)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(204);
    }

    private void appendAll(String path, byte[] bytes) throws Exception {
        for (int from = 0; from < bytes.length; from += MAX_APPEND) {
            append(path, bytes, from, Math.min(bytes.length, from + MAX_APPEND));
        }
    }

    private HttpResponse<byte[]> get(String path, String offset) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path + "?offset=" + offset)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
