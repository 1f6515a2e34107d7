package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.ForwardingKeyValueStore;
import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.KeyValueCursor;
import io.dsk.gateway.store.KeyValueStore;
import io.dsk.gateway.store.NotInMemoryException;
import io.dsk.gateway.store.RocksDbKeyValueStore;
import io.dsk.gateway.store.WriteBatch;
import io.undertow.Undertow;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catch-up GETs answered on the IO thread from memory, against the same GETs run on a worker: the
 * answers are the same byte for byte, and a read whose data is not in memory is run on the worker.
 */
class IoThreadReadIT {

    private static final List<String> READS = List.of(
            "bytes?offset=-1", "bytes", "bytes?offset=now", "json?offset=-1", "json?offset=now",
            "closed?offset=-1", "closed?offset=now", "empty?offset=-1", "fork?offset=-1", "src?offset=-1",
            "missing?offset=-1", "bytes?offset=nonsense", "bytes?offset=-1&offset=-1",
            "bytes?offset=-1&cursor=a&cursor=b", "bytes?offset=" + StreamOffset.format(1_000_000),
            "closed?offset=-1&live=nonsense");

    /** Long-polls answered at once: with data, closed at the tail, or refused. */
    private static final List<String> LONG_POLLS = List.of(
            "bytes?offset=-1", "json?offset=-1", "closed?offset=-1", "closed?offset=now", "fork?offset=-1",
            "bytes?offset=-1&cursor=1", "src?offset=-1", "missing?offset=-1", "bytes?x=1", "bytes?offset=nonsense",
            "bytes?offset=-1&offset=-1", "bytes?offset=-1&cursor=a&cursor=b",
            "bytes?offset=" + StreamOffset.format(1_000_000), "bytes?offset=-1&live=sse");
    /** Long-polls with nothing new: parked until they time out. */
    private static final List<String> PARKED_LONG_POLLS = List.of(
            "empty?offset=-1", "bytes?offset=now", "json?offset=now", "fork?offset=now");
    private static final long LONG_POLL_TIMEOUT_MILLIS = 300;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Server> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(Server::close);
    }

    @Test
    void answersFromMemoryOnTheIoThreadAreTheWorkersAnswers() throws Exception {
        FilledPair pair = startFilledPair();
        ObservedStore fast = pair.fast();
        Server inMemory = pair.inMemory();
        Server onWorker = pair.onWorker();
        List<String> reads = new ArrayList<>(READS);
        reads.add("bytes?offset=" + pair.bytesAt());

        for (String read : reads) {
            Answer expected = get(onWorker, read, null);
            assertThat(get(inMemory, read, null)).as(read).isEqualTo(expected);
            if (expected.headers().containsKey("etag")) {
                String etag = expected.headers().get("etag");
                assertThat(get(inMemory, read, etag)).as(read + " If-None-Match").isEqualTo(get(onWorker, read, etag));
            }
        }

        assertThat(fast.blockingReads).as("reads that may block, on the fast server").hasValue(0);
        assertThat(pair.slow().refusedReads.get()).isPositive();
    }

    @Test
    void headsAnsweredFromMemoryOnTheIoThreadAreTheWorkersAnswers() throws Exception {
        FilledPair pair = startFilledPair();

        for (String stream : List.of("bytes", "json", "closed", "empty", "fork", "src", "missing")) {
            Answer expected = head(pair.onWorker(), stream);
            assertThat(head(pair.inMemory(), stream)).as(stream).isEqualTo(expected);
        }

        assertThat(pair.fast().blockingReads).as("reads that may block, on the fast server").hasValue(0);
        assertThat(pair.slow().refusedReads.get()).isPositive();
    }

    @Test
    void longPollsAnsweredOrParkedOnTheIoThreadGiveTheWorkersAnswers() throws Exception {
        FilledPair pair = startFilledPair();
        ObservedStore fast = pair.fast();
        Server inMemory = pair.inMemory();
        Server onWorker = pair.onWorker();
        List<String> answeredAtOnce = new ArrayList<>(LONG_POLLS);
        answeredAtOnce.add("bytes?offset=" + pair.bytesAt());

        for (String read : answeredAtOnce) {
            String poll = read + "&live=long-poll";
            assertLongPollAnswer(get(inMemory, poll, null), get(onWorker, poll, null), poll);
        }
        assertThat(fast.blockingReads).as("reads that may block, on the fast server").hasValue(0);

        for (String read : PARKED_LONG_POLLS) {
            String poll = read + "&live=long-poll";
            Answer expected = get(onWorker, poll, null);
            assertThat(expected.status()).as(poll).isEqualTo(204);
            assertLongPollAnswer(get(inMemory, poll, null), expected, poll);
        }
        assertThat(fast.ioThreadBlockingReads).as("reads that may block, on the fast server's IO threads").hasValue(0);
        assertThat(pair.slow().refusedReads.get()).isPositive();
    }

    @Test
    void sseReadsOpenedOnTheIoThreadGiveTheWorkersAnswers() throws Exception {
        FilledPair pair = startFilledPair();
        ObservedStore fast = pair.fast();
        Server inMemory = pair.inMemory();
        Server onWorker = pair.onWorker();

        for (String read : List.of("missing?offset=-1", "src?offset=-1", "bytes?offset=-1&cursor=a&cursor=b",
                "bytes?offset=" + StreamOffset.format(1_000_000))) {
            String sse = read + "&live=sse";
            assertThat(get(inMemory, sse, null)).as(sse).isEqualTo(get(onWorker, sse, null));
        }
        assertThat(fast.blockingReads).as("refused on the IO thread: no read that may block").hasValue(0);

        for (String read : List.of("closed?offset=-1", "closed?offset=now", "json?offset=-1&cursor=1")) {
            String sse = read + "&live=sse";
            if (read.startsWith("json")) {
                // A live stream's session stays open: only its status and headers are compared.
                assertThat(sseHead(inMemory, sse)).as(sse).isEqualTo(sseHead(onWorker, sse));
            } else {
                assertThat(get(inMemory, sse, null)).as(sse).isEqualTo(get(onWorker, sse, null));
            }
        }
        assertThat(fast.ioThreadBlockingReads).as("reads that may block, on the fast server's IO threads").hasValue(0);
    }

    /** The status and headers of an SSE response, which then is left. */
    private Answer sseHead(Server server, String read) throws Exception {
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(URI.create(server.base + read))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return new Answer(response.statusCode(), headersButDate(response), "");
    }

    /** The same answer but for the cursor's value, which moves with the clock: both have one or neither. */
    private static void assertLongPollAnswer(Answer actual, Answer expected, String poll) {
        assertThat(actual.headers().containsKey("stream-cursor")).as(poll + " cursor")
                .isEqualTo(expected.headers().containsKey("stream-cursor"));
        assertThat(actual.withoutCursor()).as(poll).isEqualTo(expected.withoutCursor());
    }

    @Test
    void aLongPollOfDataOnlyOnDiskIsRunOnAWorker(@TempDir Path dataDir) throws Exception {
        Server first = start(RocksDbKeyValueStore.open(dataDir), dataDir);
        send(first, "PUT", "big", "application/octet-stream", "", Map.of());
        String middle = null;
        String tail = null;
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            String piece = Character.toString('a' + i % 26).repeat(1000);
            tail = send(first, "POST", "big", "application/octet-stream", piece, Map.of())
                    .headers().firstValue("Stream-Next-Offset").orElseThrow();
            if (i == 31) {
                middle = tail;
            } else if (i > 31) {
                rest.append(piece);
            }
        }
        first.close();
        servers.remove(first);
        RocksStore cold = new RocksStore(RocksDbKeyValueStore.open(dataDir));
        Server reopened = start(cold, dataDir);

        Answer fromDisk = get(reopened, "big?offset=" + middle + "&live=long-poll", null);

        assertThat(cold.misses).as("memory-only reads that needed the disk").hasPositiveValue();
        assertThat(fromDisk.status()).isEqualTo(200);
        assertThat(fromDisk.body()).isEqualTo(rest.toString());
        assertThat(fromDisk.headers()).containsEntry("stream-next-offset", tail).containsKey("stream-cursor");
    }

    @Test
    void pipelinedReadsAnsweredOnTheIoThreadComeBackInOrder() throws Exception {
        ObservedStore fast = new ObservedStore(false);
        Server server = start(fast);
        fill(server);
        fast.blockingReads.set(0);
        int port = URI.create(server.base).getPort();
        byte[] requests = RawHttp.concat(RawHttp.concat(RawHttp.head("GET", "/v1/stream/bytes?offset=-1"),
                        RawHttp.head("GET", "/v1/stream/missing?offset=-1")),
                RawHttp.head("GET", "/v1/stream/json?offset=-1", "Connection: close"));

        String answers;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(RawHttp.READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(requests);
            answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answers).startsWith("HTTP/1.1 200");
        int notFound = answers.indexOf("HTTP/1.1 404");
        int json = answers.indexOf("HTTP/1.1 200", 1);
        assertThat(notFound).isPositive();
        assertThat(json).isGreaterThan(notFound);
        assertThat(answers.substring(0, notFound)).endsWith("\r\n\r\nhello world");
        assertThat(answers).endsWith("[{\"a\":1},{\"b\":2},3]");
        assertThat(fast.blockingReads).hasValue(0);
    }

    @Test
    void aReadOfAStreamWithATtlRunsOnAWorkerAndRecordsItsAccessOnce() throws Exception {
        ObservedStore fast = new ObservedStore(false);
        Server server = start(fast);
        assertThat(send(server, "PUT", "ttl", "text/plain", "kept", Map.of("Stream-TTL", "3600"))
                .statusCode()).isEqualTo(201);
        fast.blockingReads.set(0);
        fast.writes.set(0);

        Answer read = get(server, "ttl?offset=-1", null);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("kept");
        assertThat(fast.writes).as("the access time, written once").hasValue(1);
        assertThat(fast.blockingReads.get()).as("read on a worker").isPositive();
    }

    @Test
    void aReadOfDataOnlyOnDiskIsRunOnAWorkerThenServedFromTheCache(@TempDir Path dataDir) throws Exception {
        Server first = start(RocksDbKeyValueStore.open(dataDir), dataDir);
        send(first, "PUT", "big", "application/octet-stream", "", Map.of());
        String middle = null;
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            String piece = Character.toString('a' + i % 26).repeat(1000);
            String next = send(first, "POST", "big", "application/octet-stream", piece, Map.of())
                    .headers().firstValue("Stream-Next-Offset").orElseThrow();
            if (i == 31) {
                middle = next;
            } else if (i > 31) {
                rest.append(piece);
            }
        }
        String read = "big?offset=" + middle;
        Answer before = get(first, read, null);
        first.close();
        servers.remove(first);
        // Closing flushed everything to table files of many blocks; the reopened store's block cache
        // holds only what opening it read.
        RocksStore cold = new RocksStore(RocksDbKeyValueStore.open(dataDir));
        Server reopened = start(cold, dataDir);

        Answer fromDisk = get(reopened, read, null);
        int misses = cold.misses.get();
        Answer fromCache = get(reopened, read, null);

        assertThat(fromDisk).isEqualTo(before);
        assertThat(fromDisk.body()).isEqualTo(rest.toString());
        assertThat(misses).as("memory-only reads that needed the disk").isPositive();
        assertThat(fromCache).isEqualTo(before);
        assertThat(cold.misses).as("no miss once the blocks are cached").hasValue(misses);
    }

    /**
     * Starts a server whose memory-only view reads everything and one whose view misses everything (so
     * that every GET runs on a worker), fills both alike, and clears the fast one's count of reads that
     * may block.
     */
    private FilledPair startFilledPair() throws Exception {
        ObservedStore fast = new ObservedStore(false);
        ObservedStore slow = new ObservedStore(true);
        Server inMemory = start(fast);
        Server onWorker = start(slow);
        String bytesAt = fill(inMemory);
        assertThat(fill(onWorker)).isEqualTo(bytesAt);
        fast.blockingReads.set(0);
        return new FilledPair(fast, slow, inMemory, onWorker, bytesAt);
    }

    /** Two servers holding the same streams; {@code bytesAt} is the offset after the first append of "bytes". */
    private record FilledPair(ObservedStore fast, ObservedStore slow, Server inMemory, Server onWorker,
                              String bytesAt) {
    }

    /** Creates the same streams on any server; returns the offset after the first append of "bytes". */
    private String fill(Server server) throws Exception {
        send(server, "PUT", "bytes", "application/octet-stream", "", Map.of());
        String after = send(server, "POST", "bytes", "application/octet-stream", "hello ", Map.of())
                .headers().firstValue("Stream-Next-Offset").orElseThrow();
        send(server, "POST", "bytes", "application/octet-stream", "world", Map.of());
        send(server, "PUT", "json", "application/json", "[{\"a\":1}]", Map.of());
        send(server, "POST", "json", "application/json", "[{\"b\":2},3]", Map.of());
        send(server, "PUT", "closed", "text/plain", "x", Map.of());
        send(server, "POST", "closed", "text/plain", "", Map.of("Stream-Closed", "true"));
        send(server, "PUT", "empty", "text/plain", "", Map.of());
        send(server, "PUT", "src", "text/plain", "inherited;", Map.of());
        send(server, "PUT", "fork", "text/plain", "", Map.of("Stream-Forked-From", "/v1/stream/src"));
        send(server, "POST", "fork", "text/plain", "own;", Map.of());
        assertThat(send(server, "DELETE", "src", "text/plain", "", Map.of()).statusCode()).isEqualTo(204);
        return after;
    }

    private HttpResponse<String> send(Server server, String method, String path, String type, String body,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base + path))
                .header("Content-Type", type)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Answer head(Server server, String stream) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.base + stream))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        return answer(response);
    }

    private Answer get(Server server, String read, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base + read));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    private static Answer answer(HttpResponse<byte[]> response) {
        return new Answer(response.statusCode(), headersButDate(response),
                new String(response.body(), StandardCharsets.UTF_8));
    }

    /** The response's headers but {@code Date}, which moves with the clock; names in lower case. */
    private static Map<String, String> headersButDate(HttpResponse<?> response) {
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("date")) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join("\n", values));
            }
        });
        return headers;
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        Answer withoutCursor() {
            Map<String, String> others = new TreeMap<>(headers);
            others.remove("stream-cursor");
            return new Answer(status, others, body);
        }
    }

    private Server start(KeyValueStore engine) {
        return start(engine, null);
    }

    private Server start(KeyValueStore engine, Path dataDir) {
        GatewaySettings.Builder settings = GatewaySettings.builder().port(0)
                .longPollTimeout(Duration.ofMillis(LONG_POLL_TIMEOUT_MILLIS));
        if (dataDir == null) {
            settings.inMemory(true);
        } else {
            settings.dataDir(dataDir);
        }
        StreamsApi api = StreamsApi.open(settings.build(), new GatewayMetrics(), engine);
        ApiServer http = ApiServer.start(api.handler());
        Server server = new Server(api, http, http.streamBase());
        servers.add(server);
        return server;
    }

    private record Server(StreamsApi api, ApiServer http, String base) {
        void close() {
            api.close();
            http.close();
        }
    }

    /**
     * An in-memory engine that counts the reads that may block (those not made through its
     * memory-only view) made for requests, on Undertow's threads (not the sweepers'), and its
     * writes; its memory-only view reads the same data, or, when
     * {@code refusing}, refuses every read as if nothing were in memory, so that every GET runs on
     * a worker.
     */
    private static final class ObservedStore extends ForwardingKeyValueStore {
        final AtomicInteger blockingReads = new AtomicInteger();
        /** Of {@link #blockingReads}, those made on an IO thread. */
        final AtomicInteger ioThreadBlockingReads = new AtomicInteger();
        final AtomicInteger refusedReads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        private final KeyValueStore memoryOnly;

        ObservedStore(boolean refusing) {
            super(new InMemoryKeyValueStore());
            KeyValueStore data = engine();
            this.memoryOnly = !refusing ? new ForwardingKeyValueStore(data) { } : new ForwardingKeyValueStore(data) {
                @Override
                public byte[] get(byte[] key) {
                    throw refused();
                }

                @Override
                public KeyValueCursor scan(byte[] from, byte[] to) {
                    throw refused();
                }

                @Override
                public KeyValue floor(byte[] lowerBound, byte[] key) {
                    throw refused();
                }

                @Override
                public KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk) {
                    throw refused();
                }
            };
        }

        private void countBlockingRead() {
            String thread = Thread.currentThread().getName();
            if (thread.startsWith("XNIO-")) {
                blockingReads.incrementAndGet();
                if (thread.contains("I/O")) {
                    ioThreadBlockingReads.incrementAndGet();
                }
            }
        }

        private NotInMemoryException refused() {
            refusedReads.incrementAndGet();
            return new NotInMemoryException("not in memory (test double)");
        }

        @Override
        public KeyValueStore memoryOnly() {
            return memoryOnly;
        }

        @Override
        public byte[] get(byte[] key) {
            countBlockingRead();
            return super.get(key);
        }

        @Override
        public KeyValueCursor scan(byte[] from, byte[] to) {
            countBlockingRead();
            return super.scan(from, to);
        }

        @Override
        public KeyValue floor(byte[] lowerBound, byte[] key) {
            countBlockingRead();
            return super.floor(lowerBound, key);
        }

        @Override
        public KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk) {
            countBlockingRead();
            return super.scanFromFloor(lowerBound, key, to, bulk);
        }

        @Override
        public void write(WriteBatch batch, boolean durable) {
            writes.incrementAndGet();
            super.write(batch, durable);
        }
    }

    /** RocksDB whose memory-only view counts the reads that needed the disk. */
    private static final class RocksStore extends ForwardingKeyValueStore {
        final AtomicInteger misses = new AtomicInteger();
        private final KeyValueStore memoryOnly;

        RocksStore(RocksDbKeyValueStore rocks) {
            super(rocks);
            this.memoryOnly = new ForwardingKeyValueStore(rocks.memoryOnly()) {
                @Override
                public byte[] get(byte[] key) {
                    return counted(() -> super.get(key));
                }

                @Override
                public KeyValueCursor scan(byte[] from, byte[] to) {
                    return counted(() -> super.scan(from, to));
                }

                @Override
                public KeyValue floor(byte[] lowerBound, byte[] key) {
                    return counted(() -> super.floor(lowerBound, key));
                }

                @Override
                public KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk) {
                    return counted(() -> super.scanFromFloor(lowerBound, key, to, bulk));
                }
            };
        }

        private <T> T counted(java.util.function.Supplier<T> read) {
            try {
                return read.get();
            } catch (NotInMemoryException e) {
                misses.incrementAndGet();
                throw e;
            }
        }

        @Override
        public KeyValueStore memoryOnly() {
            return memoryOnly;
        }
    }
}
