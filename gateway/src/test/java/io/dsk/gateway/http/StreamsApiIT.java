package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.gateway.Eventually;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.ops.GatewayMetrics;
import io.undertow.Undertow;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol handler over a real Undertow listener and a RocksDB store. */
class StreamsApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final GatewayMetrics metrics = new GatewayMetrics();
    private StreamsApi api;
    private ApiServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        GatewaySettings settings = GatewaySettings.builder().dataDir(dataDir).port(0)
                .longPollTimeout(Duration.ofSeconds(3)).maxAppendBytes(1024).maxPathLength(64).maxForkDepth(2)
                .sseCloseInterval(Duration.ofSeconds(4)).sseKeepAliveInterval(Duration.ofMillis(300)).build();
        api = StreamsApi.open(settings, metrics);
        server = ApiServer.start(api.handler());
        base = server.streamBase();
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void createAppendAndReadRoundTripWithCachingHeaders() throws Exception {
        HttpResponse<String> created = send("PUT", "a/b", "text/plain", "hello ");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue(base + "a/b");
        assertThat(send("POST", "a/b", "text/plain", "world").statusCode()).isEqualTo(204);

        HttpResponse<String> read = get("a/b?offset=-1");
        assertThat(read.body()).isEqualTo("hello world");
        assertThat(read.headers().firstValue("Stream-Up-To-Date")).hasValue("true");
        assertThat(read.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String etag = read.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "a/b?offset=-1"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void acknowledgedAppendsAndClosureSurviveReopeningTheStore() throws Exception {
        send("PUT", "durable", "text/plain", "kept");
        HttpRequest close = HttpRequest.newBuilder(URI.create(base + "durable")).header("Stream-Closed", "true")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(http.send(close, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);

        stop();
        start();

        HttpResponse<String> read = get("durable?offset=-1");
        assertThat(read.body()).isEqualTo("kept");
        assertThat(read.headers().firstValue("Stream-Closed")).hasValue("true");
    }

    @Test
    void anAppendBodyOverTheLimitIsRefusedWith413WhetherDeclaredOrChunked() throws Exception {
        send("PUT", "big", "text/plain", "");
        String tooBig = "x".repeat(2048);

        assertThat(send("POST", "big", "text/plain", tooBig).statusCode()).isEqualTo(413);
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(base + "big"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(get("big").body()).isEmpty();
    }

    @Test
    void aPathOverTheLimitIsRefusedWith414() throws Exception {
        assertThat(send("PUT", "p".repeat(65), "text/plain", "").statusCode()).isEqualTo(414);
        // The limit is in UTF-8 bytes: 33 two-byte characters are 66 of them, 32 are 64.
        assertThat(send("PUT", "%C3%A9".repeat(33), "text/plain", "").statusCode()).isEqualTo(414);
        assertThat(send("PUT", "%C3%A9".repeat(32), "text/plain", "").statusCode()).isEqualTo(201);
        // Three-byte characters: 22 are 66 bytes.
        assertThat(send("PUT", "%E2%82%AC".repeat(22), "text/plain", "").statusCode()).isEqualTo(414);
    }

    @Test
    void theReservedPrefixIsNotAStreamPath() throws Exception {
        assertThat(send("PUT", "__ds/mine", "text/plain", "").statusCode()).isEqualTo(404);
    }

    @Test
    void aParkedLongPollIsAnsweredByTheNextAppend() throws Exception {
        String tail = send("PUT", "lp", "text/plain", "").headers().firstValue("Stream-Next-Offset").orElseThrow();

        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "lp?live=long-poll&offset=" + tail)).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitLiveConnections(1);
        send("POST", "lp", "text/plain", "news");

        HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("news");
        assertThat(answer.headers().firstValue("Stream-Cursor")).isPresent();
    }

    @Test
    void aLongPollWithNothingNewTimesOutWith204() throws Exception {
        String tail = send("PUT", "quiet", "text/plain", "x").headers().firstValue("Stream-Next-Offset").orElseThrow();

        HttpResponse<String> answer = get("quiet?live=long-poll&offset=" + tail);

        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(answer.headers().firstValue("Stream-Up-To-Date")).hasValue("true");
        assertThat(answer.headers().firstValue("Stream-Next-Offset")).hasValue(tail);
    }

    @Test
    void sseSendsDataAndControlEventsAndEndsAtTheEndOfAClosedStream() throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(base + "sse")).header("Content-Type", "text/plain")
                .header("Stream-Closed", "true").PUT(HttpRequest.BodyPublishers.ofString("a\nb")).build();
        assertThat(http.send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);

        HttpResponse<String> sse = get("sse?live=sse&offset=-1");

        assertThat(sse.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(sse.body()).contains("event: data\ndata:a\ndata:b\n\n")
                .contains("\"streamClosed\":true").doesNotContain("streamCursor");
    }

    @Test
    void anOpenSseConnectionGetsKeepAlivesAndIsClosedByTheServerAfterTheCloseInterval() throws Exception {
        String tail = send("PUT", "tick", "text/plain", "x").headers().firstValue("Stream-Next-Offset").orElseThrow();

        HttpResponse<String> sse = http.send(HttpRequest.newBuilder(URI.create(base + "tick?live=sse&offset=" + tail))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(sse.body()).startsWith("event: control\ndata:{\"streamNextOffset\":\"" + tail + "\"")
                .contains("\"upToDate\":true").contains(": keep-alive\n\n").doesNotContain("streamClosed");
    }

    @Test
    void anSseConnectionGetsKeepAlivesOnlyForIntervalsInWhichItWroteNothingElse() throws Exception {
        GatewayMetrics busyMetrics = new GatewayMetrics();
        GatewaySettings settings = GatewaySettings.builder().dataDir(dataDir.resolve("busy")).port(0)
                .sseCloseInterval(Duration.ofSeconds(7)).sseKeepAliveInterval(Duration.ofSeconds(1)).build();
        try (StreamsApi busyApi = StreamsApi.open(settings, busyMetrics);
                ApiServer busyServer = ApiServer.start(busyApi.handler())) {
            URI stream = URI.create(busyServer.streamBase() + "busy");
            String tail = http.send(HttpRequest.newBuilder(stream).header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .headers().firstValue("Stream-Next-Offset").orElseThrow();
            CompletableFuture<HttpResponse<String>> sse = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(stream + "?live=sse&offset=" + tail)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Eventually.within(Duration.ofSeconds(10)).until("1 live connection", busyMetrics::openLiveConnections,
                    open -> open == 1);

            // Data every 50 ms for 3.5 s (three keep-alive intervals), then nothing until the server closes.
            long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
            while (System.nanoTime() < until) {
                http.send(HttpRequest.newBuilder(stream).header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("m;")).build(), HttpResponse.BodyHandlers.discarding());
                Thread.sleep(50);
            }

            String events = sse.get(20, TimeUnit.SECONDS).body();
            int lastData = events.lastIndexOf("m;");
            assertThat(lastData).isPositive();
            assertThat(events.substring(0, lastData)).as("no keep-alive while data flows").doesNotContain(": keep-alive");
            assertThat(events.substring(lastData)).as("keep-alives once idle").contains(": keep-alive\n\n");
        }
    }

    @Test
    void sseOnAForkDeliversInheritedDataAndOnlyTheForksOwnAppends() throws Exception {
        send("PUT", "base", "text/plain", "inherited;");
        HttpResponse<String> forked = http.send(HttpRequest.newBuilder(URI.create(base + "branch"))
                .header("Stream-Forked-From", "/v1/stream/base").PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forked.statusCode()).isEqualTo(201);
        assertThat(forked.headers().firstValue("Content-Type")).hasValue("text/plain");

        CompletableFuture<HttpResponse<String>> sse = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "branch?live=sse&offset=-1")).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitLiveConnections(1);
        send("POST", "base", "text/plain", "source-only;");
        send("POST", "branch", "text/plain", "fork-only;");

        String events = sse.get(20, TimeUnit.SECONDS).body();
        assertThat(events).contains("data:inherited;").contains("data:fork-only;").doesNotContain("source-only");
    }

    @Test
    void aLongPollOnAStreamDeletedWhileWaitingAnswers404() throws Exception {
        String tail = send("PUT", "doomed", "text/plain", "").headers().firstValue("Stream-Next-Offset").orElseThrow();
        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "doomed?live=long-poll&offset=" + tail)).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitLiveConnections(1);

        assertThat(send("DELETE", "doomed", "text/plain", "").statusCode()).isEqualTo(204);

        assertThat(poll.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    }

    @Test
    void aForkDeeperThanMaxForkDepthIsABadRequestNamingTheLimitAndTheChainDeletesCleanly() throws Exception {
        assertThat(send("PUT", "chain/0", "text/plain", "0").statusCode()).isEqualTo(201);
        assertThat(fork("chain/1", "/v1/stream/chain/0").statusCode()).isEqualTo(201);
        assertThat(fork("chain/2", "chain/1").statusCode()).isEqualTo(201);

        HttpResponse<String> tooDeep = fork("chain/3", "/v1/stream/chain/2");

        assertThat(tooDeep.statusCode()).isEqualTo(400);
        assertThat(tooDeep.body()).contains("max-fork-depth").contains("2");
        assertThat(get("chain/3").statusCode()).isEqualTo(404);
        for (String level : List.of("chain/1", "chain/0", "chain/2")) {
            assertThat(send("DELETE", level, "text/plain", "").statusCode()).isEqualTo(204);
        }
        for (String level : List.of("chain/0", "chain/1", "chain/2")) {
            assertThat(get(level).statusCode()).isEqualTo(404);
        }
        assertThat(send("PUT", "chain/0", "text/plain", "new").statusCode()).isEqualTo(201);
    }

    @Test
    void aForkSourceIsPercentDecodedOnceAndAMalformedOneIsABadRequest() throws Exception {
        assertThat(send("PUT", "caf%C3%A9/src", "text/plain", "x").statusCode()).isEqualTo(201);

        assertThat(fork("copy", "/v1/stream/caf%C3%A9/src").statusCode()).isEqualTo(201);
        assertThat(get("copy?offset=-1").body()).isEqualTo("x");
        assertThat(fork("odd", "/v1/stream/caf%ZZ/src").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> fork(String path, String source) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Stream-Forked-From", source)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLongPollOnASourceSoftDeletedWhileWaitingAnswers410() throws Exception {
        String tail = send("PUT", "parent", "text/plain", "p").headers().firstValue("Stream-Next-Offset").orElseThrow();
        http.send(HttpRequest.newBuilder(URI.create(base + "child")).header("Stream-Forked-From", "/v1/stream/parent")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "parent?live=long-poll&offset=" + tail)).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitLiveConnections(1);

        assertThat(send("DELETE", "parent", "text/plain", "").statusCode()).isEqualTo(204);

        assertThat(poll.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(410);
        assertThat(get("child").body()).isEqualTo("p");
    }

    @Test
    void malformedRequestsAreRefusedWithAShortPlainReason() throws Exception {
        send("PUT", "strict", "text/plain", "");
        HttpResponse<String> partialProducer = http.send(HttpRequest.newBuilder(URI.create(base + "strict"))
                .header("Content-Type", "text/plain").header("Producer-Id", "p")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> badRange = http.send(HttpRequest.newBuilder(URI.create(base + "strict"))
                .header("Content-Type", "text/plain").header("DSK-Source-Range", "orders/0/9/1")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> badLive = get("strict?offset=-1&live=forever");
        HttpResponse<String> patch = send("PATCH", "strict", "text/plain", "x");

        assertThat(partialProducer.statusCode()).isEqualTo(400);
        assertThat(partialProducer.body()).contains("Producer-Epoch");
        assertThat(badRange.statusCode()).isEqualTo(400);
        assertThat(badRange.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(badLive.statusCode()).isEqualTo(400);
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(get("strict").body()).isEmpty();
    }

    @Test
    void sourceRangesDeduplicateAndMapKafkaOffsetsToStreamOffsets() throws Exception {
        send("PUT", "orders", "text/plain", "");
        HttpResponse<String> first = append("orders", "0", "orders/0/100/109", "ten");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("DSK-Source-Watermark")).hasValue("109");

        HttpResponse<String> dup = append("orders", "1", "orders/0/100/109", "ten");
        assertThat(dup.statusCode()).isEqualTo(204);
        assertThat(dup.headers().firstValue("DSK-Source-Watermark")).hasValue("109");

        HttpResponse<String> straddle = append("orders", "2", "orders/0/105/115", "overlap");
        assertThat(straddle.statusCode()).isEqualTo(409);
        assertThat(straddle.headers().firstValue("DSK-Source-Watermark")).hasValue("109");
        assertThat(append("orders", "2", "orders/0/110/115", "six").statusCode()).isEqualTo(200);

        JsonNode found = JSON.readTree(get("__ds/source-offsets?path=orders&topic=orders&partition=0&offset=112").body());
        assertThat(found.get("streamOffset").asText()).isEqualTo("0000000000000000_0000000000000003");
        assertThat(found.get("streamNextOffset").asText()).isEqualTo("0000000000000000_0000000000000006");
        assertThat(found.get("batchFirstOffset").asLong()).isEqualTo(110);
        assertThat(found.get("batchLastOffset").asLong()).isEqualTo(115);

        HttpResponse<String> missing = get("__ds/source-offsets?path=orders&topic=orders&partition=0&offset=99");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).contains("never written");

        JsonNode marks = JSON.readTree(get("__ds/source-offsets?path=orders").body());
        assertThat(marks.get("watermarks").get(0).get("offset").asLong()).isEqualTo(115);
    }

    /**
     * A batch's source range covers offsets of its partition that were routed to other streams. The lookup
     * cannot tell those from its own records, and says so: only the range's ends are certainly this stream's.
     */
    @Test
    void aSourceOffsetInsideABatchsRangeIsAnsweredAsWithinTheRangeNotAsWritten() throws Exception {
        send("PUT", "odd", "text/plain", "");
        send("PUT", "even", "text/plain", "");
        assertThat(append("odd", "0", "numbers/0/1/3", "1,3").statusCode()).isEqualTo(200);
        assertThat(append("even", "0", "numbers/0/2/2", "2").statusCode()).isEqualTo(200);

        JsonNode inside = JSON.readTree(get("__ds/source-offsets?path=odd&topic=numbers&partition=0&offset=2").body());
        assertThat(inside.get("match").asText()).isEqualTo("range");
        assertThat(inside.get("batchFirstOffset").asLong()).isEqualTo(1);
        assertThat(inside.get("batchLastOffset").asLong()).isEqualTo(3);
        JsonNode end = JSON.readTree(get("__ds/source-offsets?path=odd&topic=numbers&partition=0&offset=3").body());
        assertThat(end.get("match").asText()).isEqualTo("exact");
        JsonNode own = JSON.readTree(get("__ds/source-offsets?path=even&topic=numbers&partition=0&offset=2").body());
        assertThat(own.get("match").asText()).isEqualTo("exact");
    }

    @Test
    void theAppendsOfAStreamFedByASharedPartitionAreListedWithTheirSourceRangesPageByPage() throws Exception {
        send("PUT", "conv-a", "text/plain", "");
        send("PUT", "conv-b", "text/plain", "");
        for (int i = 0; i < 5; i++) {
            assertThat(append("conv-a", Integer.toString(i), "ai.tokens/0/" + (i * 20) + "/" + (i * 20), "a" + i)
                    .statusCode()).isEqualTo(200);
            assertThat(append("conv-b", Integer.toString(i), "ai.tokens/0/" + (i * 20 + 1) + "/" + (i * 20 + 1), "b")
                    .statusCode()).isEqualTo(200);
        }

        JsonNode page = JSON.readTree(get("__ds/source-offsets?path=conv-a&from=-1&limit=2").body());
        assertThat(page.get("appends")).hasSize(2);
        JsonNode first = page.get("appends").get(0);
        assertThat(first.get("streamOffset").asText()).isEqualTo("0000000000000000_0000000000000000");
        assertThat(first.get("streamNextOffset").asText()).isEqualTo("0000000000000000_0000000000000002");
        assertThat(first.get("topic").asText()).isEqualTo("ai.tokens");
        assertThat(first.get("partition").asInt()).isEqualTo(0);
        assertThat(first.get("firstOffset").asLong()).isZero();
        assertThat(first.get("lastOffset").asLong()).isZero();
        assertThat(page.get("next").asText()).isEqualTo("0000000000000000_0000000000000004");

        JsonNode rest = JSON.readTree(get("__ds/source-offsets?path=conv-a&from=" + page.get("next").asText()).body());
        assertThat(rest.get("appends")).extracting(a -> a.get("firstOffset").asLong()).containsExactly(40L, 60L, 80L);
        assertThat(rest.has("next")).as("the last page has no next").isFalse();
    }

    @Test
    void aBadListingOfAppendsIsA400WithAReason() throws Exception {
        send("PUT", "listed", "text/plain", "");
        assertThat(reason(get("__ds/source-offsets?path=listed&from=12"))).contains("from must be -1 or a stream offset");
        assertThat(reason(get("__ds/source-offsets?path=listed&from=now"))).contains("from must be -1 or a stream offset");
        assertThat(reason(get("__ds/source-offsets?path=listed&from=-1&limit=0"))).contains("between 1 and 1000");
        assertThat(reason(get("__ds/source-offsets?path=listed&from=-1&limit=1001"))).contains("between 1 and 1000");
        assertThat(reason(get("__ds/source-offsets?path=listed&from=-1&limit=ten"))).contains("limit must be");
        assertThat(reason(get("__ds/source-offsets?path=listed&from=-1&topic=t&partition=0&offset=1")))
                .contains("not both");
        assertThat(get("__ds/source-offsets?path=missing&from=-1").statusCode()).isEqualTo(404);
    }

    private static String reason(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(400);
        return JSON.readTree(response.body()).get("error").asText();
    }

    @Test
    void preflightAllowsConditionalAndAuthorizedRequestsAndExposesProtocolHeaders() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(base + "any"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "if-none-match, authorization").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        String allowed = preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow();
        assertThat(allowed).contains("If-None-Match").contains("Authorization").contains("X-Request-Id");
        // Every response header, the protocol's and DSK's; requests with credentials are never read
        // cross-origin (no Access-Control-Allow-Credentials), so the wildcard holds.
        assertThat(preflight.headers().firstValue("Access-Control-Expose-Headers")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void writesAnswerCorsOnlyToBrowsersWhileReadsAlwaysCarryItForCaches() throws Exception {
        send("PUT", "cors", "text/plain", "a");
        HttpResponse<String> fromServer = send("POST", "cors", "text/plain", "b");
        HttpResponse<String> fromBrowser = http.send(HttpRequest.newBuilder(URI.create(base + "cors"))
                .header("Origin", "https://app.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("c")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read = get("cors?offset=-1");

        assertThat(fromServer.statusCode()).isEqualTo(204);
        assertThat(fromServer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(fromServer.headers().firstValue("Access-Control-Expose-Headers")).isEmpty();
        assertThat(fromServer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(fromBrowser.statusCode()).isEqualTo(204);
        assertThat(fromBrowser.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        assertThat(fromBrowser.headers().firstValue("Access-Control-Expose-Headers")).hasValue("*");
        // A read may be cached and later served to a browser, so it carries CORS even without Origin.
        assertThat(read.body()).isEqualTo("abc");
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(read.headers().firstValue("Access-Control-Expose-Headers")).hasValue("*");
        assertThat(read.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void requestsPipelinedBehindAnAppendAreAnsweredInOrderOnceItIsCommitted() throws Exception {
        send("PUT", "piped", "text/plain", "");
        String host = URI.create(base).getAuthority();
        String append = "POST /v1/stream/piped HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\n";
        String read = "GET /v1/stream/piped?offset=-1 HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(base).getPort())) {
            socket.setSoTimeout(10_000);
            // Three requests in one write: the second and third arrive while the first waits for its commit.
            socket.getOutputStream().write((append + "a" + append + "b" + read)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.InputStream in = socket.getInputStream();
            String answers = "";
            while (!answers.endsWith("\r\n\r\nab")) {
                int b = in.read();
                assertThat(b).as("answers so far: %s", answers).isNotEqualTo(-1);
                answers += (char) b;
            }
            assertThat(answers.split("HTTP/1.1 ", -1)).extracting(a -> a.isEmpty() ? "" : a.substring(0, 3))
                    .containsExactly("", "204", "204", "200");

            // A body in two pieces, the second arriving with a pipelined read: the append counts once.
            socket.getOutputStream().write(("POST /v1/stream/piped HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nc")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(200); // let the gateway read the first piece on its own
            socket.getOutputStream().write(("d" + read).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            answers = "";
            while (!answers.endsWith("\r\n\r\nabcd")) {
                int b = in.read();
                assertThat(b).as("answers so far: %s", answers).isNotEqualTo(-1);
                answers += (char) b;
            }
            assertThat(answers.split("HTTP/1.1 ", -1)).extracting(a -> a.isEmpty() ? "" : a.substring(0, 3))
                    .containsExactly("", "204", "200");
        }
    }

    @Test
    void aClientThatHangsUpWhileItsAppendCommitsLeavesTheAppendAndOtherClientsServed() throws Exception {
        send("PUT", "hangup", "text/plain", "");
        String host = URI.create(base).getAuthority();
        for (int i = 0; i < 20; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(base).getPort())) {
                socket.getOutputStream().write(("POST /v1/stream/hangup HTTP/1.1\r\nHost: " + host
                        + "\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nx")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
        }
        // Every append was whole when its client hung up, so each is kept (a client cannot take one back).
        assertThat(Eventually.within(Duration.ofSeconds(10)).until("all 20 appends kept",
                () -> get("hangup?offset=-1").body(), body -> body.length() >= 20)).isEqualTo("x".repeat(20));
        assertThat(send("POST", "hangup", "text/plain", "y").statusCode()).isEqualTo(204);
    }

    @Test
    void anOffsetInsideAMessageIsAnsweredWithThatMessageWholeByCatchUpLongPollAndSse() throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(base + "yjs")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("[\"aaaa\",\"bbbb\"]")).build();
        String tail = http.send(put, HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("Stream-Next-Offset").orElseThrow();
        String inside = "0000000000000000_0000000000000008";

        HttpResponse<String> catchUp = get("yjs?offset=" + inside);
        HttpResponse<String> longPoll = get("yjs?live=long-poll&offset=" + inside);

        for (HttpResponse<String> read : java.util.List.of(catchUp, longPoll)) {
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(read.body())).isEqualTo(JSON.readTree("[\"bbbb\"]"));
            assertThat(read.headers().firstValue("Stream-Next-Offset")).hasValue(tail);
        }
        HttpRequest close = HttpRequest.newBuilder(URI.create(base + "yjs")).header("Stream-Closed", "true")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(http.send(close, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        HttpResponse<String> sse = get("yjs?live=sse&offset=" + inside);
        assertThat(sse.body()).contains("event: data\ndata:[\"bbbb\"]\n\n").doesNotContain("aaaa")
                .contains("\"streamNextOffset\":\"" + tail + "\"");
    }

    @Test
    void anOffsetInsideAByteMessageIsAnsweredFromThatMessagesStart() throws Exception {
        send("PUT", "bytes", "application/octet-stream", "hello");
        String tail = send("POST", "bytes", "application/octet-stream", "world").headers()
                .firstValue("Stream-Next-Offset").orElseThrow();

        HttpResponse<String> read = get("bytes?offset=0000000000000000_0000000000000006");

        assertThat(read.body()).isEqualTo("world");
        assertThat(read.headers().firstValue("Stream-Next-Offset")).hasValue(tail);
    }

    private HttpResponse<String> append(String path, String seq, String range, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "text/plain")
                .header("Producer-Id", "connector-orders-0").header("Producer-Epoch", "0")
                .header("Producer-Seq", seq).header("DSK-Source-Range", range)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitLiveConnections(long count) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(10)).until(count + " live connections",
                metrics::openLiveConnections, open -> open == count);
    }
}
