package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dsk.gateway.GatewayServer;
import io.dsk.gateway.GatewaySettings;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Request bodies as an attacker frames them, over raw sockets against the whole gateway: the body
 * limit counts body bytes however they are framed, malformed framing is refused with 400 and the
 * connection closed, and every request gets an answer (no reset, no hang).
 */
class RequestBodiesIT {

    private static final int LIMIT = 65_536;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static GatewayServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = GatewayServer.start(GatewaySettings.builder().port(0).inMemory(true).maxAppendBytes(LIMIT)
                .bodyIdleTimeout(Duration.ofSeconds(1)).build());
        port = server.address().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBodyThatStopsArrivingIsAnswered408AndTheConnectionClosed() throws Exception {
        // Each body promises more than it sends: a chunk of 10 bytes with 5 sent, or 100 declared bytes.
        String[][] stalled = {{"Transfer-Encoding: chunked", "a\r\nhello"}, {"Content-Length: 100", "hello"}};
        for (String[] request : stalled) {
            String framing = request[0];
            RawHttp.Answer answer = RawHttp.send(port, RawHttp.concat(RawHttp.head("POST", createEmpty(),
                    "Content-Type: text/plain", framing),
                    request[1].getBytes(StandardCharsets.US_ASCII)), true);

            assertThat(answer.status()).as(framing + ": " + answer).isEqualTo(408);
            assertThat(answer.body()).contains("no body bytes");
            assertThat(answer.closedByServer()).as(framing + ": " + answer).isTrue();
        }
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitIsAcceptedWhateverItsChunkSize() throws Exception {
        byte[] body = filled(LIMIT);
        for (int chunkSize : new int[] {1, 1000, 8192, 65_536}) {
            String created = "/v1/stream/" + newPath();
            RawHttp.Answer put = RawHttp.send(port, RawHttp.concat(RawHttp.head("PUT", created,
                    "Content-Type: text/plain", "Transfer-Encoding: chunked"), RawHttp.chunked(body, chunkSize)), false);
            assertThat(put.status()).as("PUT in chunks of %d: %s", chunkSize, put).isEqualTo(201);
            assertThat(storedBytes(created)).isEqualTo(LIMIT);

            String appended = createEmpty();
            RawHttp.Answer post = RawHttp.send(port, RawHttp.concat(RawHttp.head("POST", appended,
                    "Content-Type: text/plain", "Transfer-Encoding: chunked"), RawHttp.chunked(body, chunkSize)), false);
            assertThat(post.status()).as("POST in chunks of %d: %s", chunkSize, post).isEqualTo(204);
            assertThat(storedBytes(appended)).isEqualTo(LIMIT);
        }
    }

    @Test
    void aDeclaredBodyOfExactlyTheLimitIsAccepted() throws Exception {
        String path = createEmpty();
        RawHttp.Answer post = RawHttp.send(port, RawHttp.concat(RawHttp.head("POST", path,
                "Content-Type: text/plain", "Content-Length: " + LIMIT), filled(LIMIT)), false);

        assertThat(post.status()).as(post.toString()).isEqualTo(204);
        assertThat(storedBytes(path)).isEqualTo(LIMIT);
    }

    @Test
    void underTheDefaultLimitABodyLargerThanTheHttpServersOwnDefaultIsAccepted() throws Exception {
        int size = 12 << 20;
        try (GatewayServer own = GatewayServer.start(GatewaySettings.builder().port(0).inMemory(true).build())) {
            URI stream = URI.create(own.url() + "/v1/stream/" + newPath());
            assertThat(HTTP.send(HttpRequest.newBuilder(stream).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(201);

            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(stream)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(filled(size))).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(post.statusCode()).as("a %d-byte append under the default %d-byte limit: %s", size,
                    GatewaySettings.DEFAULT_MAX_APPEND_BYTES, post.body()).isEqualTo(204);
        }
    }

    @Test
    void aBodyReadInPiecesIsNotKeptOnceItsAppendIsAnswered(@TempDir Path dir) throws Exception {
        int size = 512 << 10;
        int appends = 160;
        try (GatewayServer own = GatewayServer.start(GatewaySettings.builder().port(0).dataDir(dir)
                .maxAppendBytes(size).bodyIdleTimeout(Duration.ofMinutes(10)).build())) {
            URI stream = URI.create(own.url() + "/v1/stream/" + newPath());
            assertThat(HTTP.send(HttpRequest.newBuilder(stream).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(201);
            long before = heapUsedAfterCollection();

            for (int i = 0; i < appends; i++) {
                // A body this large arrives in several reads, so its idle check is scheduled.
                assertThat(HTTP.send(HttpRequest.newBuilder(stream).header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(filled(size))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
            }

            long retained = heapUsedAfterCollection() - before;
            assertThat(retained).as("heap bytes still reachable after %d answered appends of %d bytes, with a "
                    + "10-minute body idle timeout", appends, size).isLessThan((long) appends * size / 10);
        }
    }

    @Test
    void oneByteOverTheLimitIsAnswered413AndTheConnectionClosedWithoutAReset() throws Exception {
        byte[] body = filled(LIMIT + 1);
        for (String method : List.of("PUT", "POST")) {
            for (int chunkSize : new int[] {1000, 65_536}) {
                String path = method.equals("PUT") ? "/v1/stream/" + newPath() : createEmpty();
                RawHttp.Answer answer = RawHttp.send(port, RawHttp.concat(RawHttp.head(method, path,
                        "Content-Type: text/plain", "Transfer-Encoding: chunked"), RawHttp.chunked(body, chunkSize)), true);
                assertTooLarge(answer, method + " in chunks of " + chunkSize);
            }
            String path = method.equals("PUT") ? "/v1/stream/" + newPath() : createEmpty();
            RawHttp.Answer answer = RawHttp.send(port, RawHttp.concat(RawHttp.head(method, path,
                    "Content-Type: text/plain", "Content-Length: " + (LIMIT + 1)), body), true);
            assertTooLarge(answer, method + " with Content-Length");
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsAnswered413BeforeTheBodyIsSent() throws Exception {
        String path = createEmpty();
        RawHttp.Answer answer = RawHttp.send(port, RawHttp.head("POST", path, "Content-Type: text/plain",
                "Content-Length: 9000000000"), false);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(storedBytes(path)).isZero();
    }

    @Test
    void subscriptionBodiesOverTheirLimitOrStalledAreAnsweredInJsonAndTheConnectionClosedWithoutAReset()
            throws Exception {
        String path = "/v1/stream/__ds/subscriptions/" + newPath();
        byte[] body = filled(4 << 20);
        List<RawHttp.Answer> answers = List.of(
                RawHttp.send(port, RawHttp.concat(RawHttp.head("PUT", path, "Content-Type: application/json",
                        "Content-Length: " + body.length), body), true),
                RawHttp.send(port, RawHttp.concat(RawHttp.head("PUT", path, "Content-Type: application/json",
                        "Transfer-Encoding: chunked"), RawHttp.chunked(body, 65_536)), true));
        for (RawHttp.Answer answer : answers) {
            assertThat(answer.failure()).as(answer.toString()).isNull();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
            assertThat(answer.body()).contains("\"code\":\"BODY_TOO_LARGE\"");
            assertThat(answer.closedByServer()).as(answer.toString()).isTrue();
        }

        RawHttp.Answer stalled = RawHttp.send(port, RawHttp.concat(RawHttp.head("PUT", path,
                "Content-Type: application/json", "Content-Length: 100"), "{\"type\"".getBytes(StandardCharsets.UTF_8)),
                true);
        assertThat(stalled.status()).as(stalled.toString()).isEqualTo(408);
        assertThat(stalled.body()).contains("\"code\":\"BODY_TIMEOUT\"");
        assertThat(stalled.closedByServer()).as(stalled.toString()).isTrue();
    }

    @Test
    void malformedContentLengthsAreAnswered400() throws Exception {
        List<List<String>> cases = List.of(List.of("Content-Length: 18446744073709551616"),
                List.of("Content-Length: 99999999999999999999999999"), List.of("Content-Length: -1"),
                List.of("Content-Length: abc"), List.of("Content-Length: 5, 6"), List.of("Content-Length: +5"),
                List.of("Content-Length: 5", "Content-Length: 6"));
        for (List<String> lengths : cases) {
            for (String method : List.of("PUT", "POST")) {
                String path = method.equals("PUT") ? "/v1/stream/" + newPath() : createEmpty();
                String[] headers = concat(new String[] {"Content-Type: text/plain"}, lengths);
                RawHttp.Answer answer = RawHttp.send(port, RawHttp.concat(RawHttp.head(method, path, headers),
                        "hello".getBytes(StandardCharsets.US_ASCII)), true);
                assertThat(answer.status()).as("%s %s: %s", method, lengths, answer).isEqualTo(400);
                assertThat(answer.closedByServer()).as("%s %s: %s", method, lengths, answer).isTrue();
            }
        }
    }

    @Test
    void transferCodingsOtherThanChunkedAreRefusedAndTheConnectionClosed() throws Exception {
        record Case(String[] headers, byte[] body, int status) {
        }
        byte[] chunkedHello = RawHttp.chunked("hello".getBytes(StandardCharsets.US_ASCII), 5);
        List<Case> cases = List.of(
                new Case(new String[] {"Transfer-Encoding: identity"}, "hello".getBytes(StandardCharsets.US_ASCII), 400),
                new Case(new String[] {"Transfer-Encoding: gzip"}, "hello".getBytes(StandardCharsets.US_ASCII), 400),
                new Case(new String[] {"Transfer-Encoding: chunked, identity"}, chunkedHello, 400),
                new Case(new String[] {"Transfer-Encoding: chunked, chunked"}, chunkedHello, 400),
                new Case(new String[] {"Transfer-Encoding: gzip, chunked"}, chunkedHello, 501),
                new Case(new String[] {"Transfer-Encoding: gzip", "Transfer-Encoding: chunked"}, chunkedHello, 400),
                new Case(new String[] {"Transfer-Encoding: chunked", "Content-Length: 5"}, chunkedHello, 400),
                new Case(new String[] {"Transfer-Encoding: identity", "Content-Length: 5"},
                        "hello".getBytes(StandardCharsets.US_ASCII), 400));
        for (Case c : cases) {
            for (String method : List.of("PUT", "POST")) {
                String path = method.equals("PUT") ? "/v1/stream/" + newPath() : createEmpty();
                String[] headers = concat(new String[] {"Content-Type: text/plain"}, Arrays.asList(c.headers()));
                RawHttp.Answer answer = RawHttp.send(port, RawHttp.concat(RawHttp.head(method, path, headers), c.body()),
                        true);
                String what = method + " " + Arrays.toString(c.headers());
                assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(c.status());
                assertThat(answer.closedByServer()).as("%s: %s", what, answer).isTrue();
            }
        }
    }

    @Test
    void invalidUtf8AndUtf16LookingJsonBodiesAreAnswered400OnPostAndPut() throws Exception {
        String stream = "/v1/stream/" + newPath();
        assertThat(RawHttp.send(port, RawHttp.head("PUT", stream, "Content-Type: application/json",
                "Content-Length: 0"), false).status()).isEqualTo(201);
        List<byte[]> bodies = List.of(new byte[] {'"', (byte) 0xC0, (byte) 0xAE, '"'},
                new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
                new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, new byte[] {'1', 0}, new byte[] {0, '1'});
        for (byte[] body : bodies) {
            RawHttp.Answer post = RawHttp.send(port, RawHttp.concat(RawHttp.head("POST", stream,
                    "Content-Type: application/json", "Content-Length: " + body.length), body), false);
            assertThat(post.status()).as("POST %s: %s", Arrays.toString(body), post).isEqualTo(400);
            RawHttp.Answer put = RawHttp.send(port, RawHttp.concat(RawHttp.head("PUT", "/v1/stream/" + newPath(),
                    "Content-Type: application/json", "Content-Length: " + body.length), body), false);
            assertThat(put.status()).as("PUT %s: %s", Arrays.toString(body), put).isEqualTo(400);
        }
        assertThat(storedBytes(stream)).isEqualTo(2); // "[]": nothing was stored
    }

    @Test
    void clientMistakesAreLoggedAsSingleLinesWithoutStackTraces() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        // a gateway of its own, so that the rate limit of its client error log starts afresh
        try (GatewayServer own = GatewayServer.start(GatewaySettings.builder().port(0).inMemory(true)
                .maxAppendBytes(LIMIT).build())) {
            int ownPort = own.address().getPort();
            String path = "/v1/stream/logged";
            RawHttp.send(ownPort, RawHttp.head("PUT", path, "Content-Type: text/plain", "Content-Length: 0"), false);
            RawHttp.send(ownPort, RawHttp.concat(RawHttp.head("POST", path, "Content-Type: text/plain",
                    "Transfer-Encoding: chunked"), RawHttp.chunked(filled(LIMIT + 1), 65_536)), true);
            RawHttp.send(ownPort, RawHttp.head("POST", path, "Content-Type: text/plain",
                    "Content-Length: 18446744073709551616"), true);
            RawHttp.send(ownPort, RawHttp.concat(RawHttp.head("POST", path, "Content-Type: text/plain",
                    "Transfer-Encoding: identity"), new byte[] {'x'}), true);
        } finally {
            root.detachAppender(captured);
        }

        assertThat(captured.list).as("no stack trace for a client's mistake")
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull());
        assertThat(captured.list).filteredOn(e -> e.getLoggerName().equals(ClientErrorLog.CATEGORY))
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("POST stream: 413 request body is larger than the limit of 65536 bytes",
                        "POST stream: 400 Content-Length is too large to be a length",
                        "POST stream: 400 Transfer-Encoding must end with chunked, or the end of the body is unknown;"
                                + " send the body chunked or with a Content-Length");
    }

    private static void assertTooLarge(RawHttp.Answer answer, String what) {
        assertThat(answer.failure()).as("%s: %s", what, answer).isNull();
        assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(413);
        assertThat(answer.body()).contains("limit of " + LIMIT + " bytes");
        assertThat(answer.closedByServer()).as("%s: %s", what, answer).isTrue();
    }

    private static String createEmpty() throws Exception {
        String path = "/v1/stream/" + newPath();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return path;
    }

    private static int storedBytes(String path) throws Exception {
        HttpResponse<byte[]> read = HTTP.send(HttpRequest.newBuilder(uri(path + "?offset=-1")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(read.statusCode()).isEqualTo(200);
        return read.body().length;
    }

    private static long heapUsedAfterCollection() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String newPath() {
        return "bodies-" + STREAMS.incrementAndGet();
    }

    private static byte[] filled(int n) {
        byte[] body = new byte[n];
        Arrays.fill(body, (byte) 'x');
        return body;
    }

    private static String[] concat(String[] a, List<String> b) {
        String[] out = Arrays.copyOf(a, a.length + b.size());
        for (int i = 0; i < b.size(); i++) {
            out[a.length + i] = b.get(i);
        }
        return out;
    }
}
