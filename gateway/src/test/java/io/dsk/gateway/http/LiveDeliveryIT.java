package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.Eventually;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.store.ForwardingKeyValueStore;
import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.KeyValueStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many live readers of one stream woken together by each change: every SSE session and every
 * long-poll follower gets every message exactly once and in the stream's order while appends race,
 * whatever position it started at, and a closed or deleted stream ends the sessions parked on it.
 */
class LiveDeliveryIT {

    private static final int SUBSCRIBERS = 12;
    private static final int WRITERS = 4;
    private static final int APPENDS_PER_WRITER = 25;

    private final GatewayMetrics metrics = new GatewayMetrics();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** Point reads of the store (stream metadata, mostly), but for those of its memory-only view. */
    private final AtomicLong gets = new AtomicLong();
    private StreamsApi api;
    private ApiServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        GatewaySettings settings = GatewaySettings.builder().inMemory(true).port(0)
                .longPollTimeout(Duration.ofSeconds(5)).sseCloseInterval(Duration.ofMinutes(5)).build();
        InMemoryKeyValueStore engine = new InMemoryKeyValueStore();
        api = StreamsApi.open(settings, metrics, new ForwardingKeyValueStore(engine) {
            @Override
            public byte[] get(byte[] key) {
                gets.incrementAndGet();
                return super.get(key);
            }

            @Override
            public KeyValueStore memoryOnly() {
                return engine;
            }
        });
        server = ApiServer.start(api.handler());
        base = server.streamBase();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        api.close();
        server.close();
    }

    @Test
    void everySseSessionAndLongPollFollowerGetsEveryMessageOnceAndInOrderWhileAppendsRace() throws Exception {
        String first = send("PUT", "fan", "first;", false).headers().firstValue("Stream-Next-Offset").orElseThrow();
        List<CompletableFuture<HttpResponse<String>>> fromStart = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> fromTail = new ArrayList<>();
        List<Future<String>> followers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS / 2; i++) {
            fromStart.add(sse("fan", "-1"));
            fromTail.add(sse("fan", first));
            followers.add(threads.submit(() -> follow("fan", first)));
        }
        awaitLiveConnections(3 * (SUBSCRIBERS / 2));

        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(threads.submit(() -> {
                for (int i = 0; i < APPENDS_PER_WRITER; i++) {
                    assertThat(send("POST", "fan", "w" + writer + "m" + i + ";", false).statusCode()).isEqualTo(204);
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        assertThat(send("POST", "fan", "", true).statusCode()).isEqualTo(204);

        String all = http.send(HttpRequest.newBuilder(URI.create(base + "fan?offset=-1")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(all).startsWith("first;").hasSize("first;".length() + WRITERS * APPENDS_PER_WRITER * "w0m00;".length()
                - WRITERS * 10);
        for (CompletableFuture<HttpResponse<String>> sse : fromStart) {
            String events = sse.get(30, TimeUnit.SECONDS).body();
            assertThat(SseEvents.data(events)).isEqualTo(all);
            assertThat(events).endsWith("\"upToDate\":true,\"streamClosed\":true}\n\n");
        }
        for (CompletableFuture<HttpResponse<String>> sse : fromTail) {
            assertThat(SseEvents.data(sse.get(30, TimeUnit.SECONDS).body())).isEqualTo(all.substring("first;".length()));
        }
        for (Future<String> follower : followers) {
            assertThat(follower.get(30, TimeUnit.SECONDS)).isEqualTo(all.substring("first;".length()));
        }
    }

    @Test
    void idleSseSessionsWokenByAnAppendShareItsReadAndParkAgainWithoutReadingTheStore() throws Exception {
        String tail = send("PUT", "shared", "", false).headers().firstValue("Stream-Next-Offset").orElseThrow();
        List<AtomicInteger> received = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            AtomicInteger messages = new AtomicInteger();
            received.add(messages);
            HttpResponse<java.util.stream.Stream<String>> sse = http.send(HttpRequest.newBuilder(
                    URI.create(base + "shared?live=sse&offset=" + tail)).build(), HttpResponse.BodyHandlers.ofLines());
            threads.submit(() -> sse.body().filter(line -> line.startsWith("data:m")).forEach(line -> messages.incrementAndGet()));
        }
        awaitLiveConnections(SUBSCRIBERS);
        int appends = 20;
        long before = gets.get();

        for (int k = 1; k <= appends; k++) {
            assertThat(send("POST", "shared", "m" + k + ";", false).statusCode()).isEqualTo(204);
            awaitEach(received, k);
        }

        // Before: two or three metadata reads per subscriber and message (the next step's read, the
        // check after registering), so at least 2 x 20 x 12 = 480; now about one per append and change.
        assertThat(gets.get() - before).isLessThan((long) appends * SUBSCRIBERS);
    }

    @Test
    void longPollFollowersOfAStreamInMemoryAreOpenedAndParkedWithoutReadingTheStore() throws Exception {
        String tail = send("PUT", "polled", "", false).headers().firstValue("Stream-Next-Offset").orElseThrow();
        List<AtomicInteger> received = new ArrayList<>();
        List<Future<String>> followers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            AtomicInteger messages = new AtomicInteger();
            received.add(messages);
            followers.add(threads.submit(() -> follow("polled", tail, messages)));
        }
        awaitLiveConnections(SUBSCRIBERS);
        int appends = 20;
        StringBuilder all = new StringBuilder();
        long before = gets.get();

        for (int k = 1; k <= appends; k++) {
            assertThat(send("POST", "polled", "m" + k + ";", false).statusCode()).isEqualTo(204);
            all.append("m").append(k).append(';');
            awaitEach(received, k);
        }
        long reads = gets.get() - before;
        assertThat(send("POST", "polled", "", true).statusCode()).isEqualTo(204);

        for (Future<String> follower : followers) {
            assertThat(follower.get(30, TimeUnit.SECONDS)).isEqualTo(all.toString());
        }
        // Before: each new long-poll opened and read on a worker, then checked the store again after
        // registering: at least 3 x 20 x 12 = 720; now about one per append and change.
        assertThat(reads).isLessThan((long) appends * SUBSCRIBERS);
    }

    @Test
    void sseSessionsParkedOnAStreamEndWithTheClosedControlEventWhenItCloses() throws Exception {
        String tail = send("PUT", "closing", "", false).headers().firstValue("Stream-Next-Offset").orElseThrow();
        List<CompletableFuture<HttpResponse<String>>> sessions = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            sessions.add(sse("closing", tail));
        }
        awaitLiveConnections(SUBSCRIBERS);

        send("POST", "closing", "last;", true);

        for (CompletableFuture<HttpResponse<String>> sse : sessions) {
            String events = sse.get(30, TimeUnit.SECONDS).body();
            assertThat(SseEvents.data(events)).isEqualTo("last;");
            assertThat(events).endsWith("\"upToDate\":true,\"streamClosed\":true}\n\n");
        }
        awaitLiveConnections(0);
    }

    @Test
    void sseSessionsParkedOnAStreamEndWhenItIsDeleted() throws Exception {
        String tail = send("PUT", "doomed", "", false).headers().firstValue("Stream-Next-Offset").orElseThrow();
        List<CompletableFuture<HttpResponse<String>>> sessions = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            sessions.add(sse("doomed", tail));
        }
        awaitLiveConnections(SUBSCRIBERS);

        assertThat(send("DELETE", "doomed", "", false).statusCode()).isEqualTo(204);

        for (CompletableFuture<HttpResponse<String>> sse : sessions) {
            assertThat(SseEvents.data(sse.get(30, TimeUnit.SECONDS).body())).isEmpty();
        }
        awaitLiveConnections(0);
    }

    private CompletableFuture<HttpResponse<String>> sse(String path, String offset) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + path + "?live=sse&offset=" + offset)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Long-polls from {@code offset} until the stream is closed; returns everything received. */
    private String follow(String path, String offset) throws Exception {
        return follow(path, offset, new AtomicInteger());
    }

    /** As {@link #follow(String, String)}, counting the {@code ;}-ended messages received in {@code messages}. */
    private String follow(String path, String offset, AtomicInteger messages) throws Exception {
        StringBuilder received = new StringBuilder();
        String at = offset;
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create(base + path + "?live=long-poll&offset=" + at)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isIn(200, 204);
            received.append(r.body());
            messages.addAndGet((int) r.body().chars().filter(c -> c == ';').count());
            at = r.headers().firstValue("Stream-Next-Offset").orElseThrow();
            if (r.headers().firstValue("Stream-Closed").isPresent()) {
                return received.toString();
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String body, boolean close) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty() || method.equals("PUT")) {
            request.header("Content-Type", "text/plain");
        }
        if (close) {
            request.header("Stream-Closed", "true");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitEach(List<AtomicInteger> received, int count) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(20)).until("every subscriber received message " + count,
                () -> received.stream().map(AtomicInteger::get).toList(),
                counts -> counts.stream().allMatch(n -> n >= count));
    }

    private void awaitLiveConnections(long count) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(20)).until(count + " live connections",
                metrics::openLiveConnections, open -> open == count);
    }

    /** The payload of an SSE response's data events, back to back. */
    private static final class SseEvents {

        static String data(String events) {
            StringBuilder data = new StringBuilder();
            for (String event : events.split("\n\n")) {
                if (!event.startsWith("event: data\n")) {
                    continue;
                }
                List<String> lines = new ArrayList<>();
                for (String line : event.split("\n")) {
                    if (line.startsWith("data:")) {
                        lines.add(line.substring("data:".length()));
                    }
                }
                data.append(String.join("\n", lines));
            }
            return data.toString();
        }
    }
}
