package io.dsk.connector.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.connector.delivery.client.AppendRequest;
import io.dsk.connector.delivery.client.CreateRequest;
import io.dsk.connector.delivery.client.SourceWatermarkAnswer;
import io.dsk.connector.delivery.client.StreamTransport;
import io.dsk.connector.delivery.client.TransportResponse;
import io.dsk.protocol.HeaderNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory Durable Streams server following PROTOCOL 5.1, 5.2 and 5.2.1 and the source-watermark
 * extension, with injectable faults: refused requests, lost answers, 503s.
 */
final class FakeGateway implements StreamTransport {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final class Stream {
        final String contentType;
        final List<String> messages = new ArrayList<>();
        final Map<String, long[]> producers = new HashMap<>();
        final Map<String, Long> watermarks = new HashMap<>();
        boolean closed;
        String closedBy;

        Stream(String contentType) {
            this.contentType = contentType;
        }
    }

    final Map<String, Stream> streams = new HashMap<>();
    final AtomicInteger appends = new AtomicInteger();
    final AtomicInteger creates = new AtomicInteger();
    private final ExecutorService answers = Executors.newFixedThreadPool(4);
    private final Random random;
    boolean extension = true;
    boolean watermarkOnSequenceDuplicate;
    double refuseRate;
    double loseAnswerRate;
    double unavailableRate;
    int maxBodyBytes = Integer.MAX_VALUE;

    FakeGateway(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public CompletableFuture<TransportResponse> append(AppendRequest request) {
        appends.incrementAndGet();
        return answer(() -> doAppend(request));
    }

    @Override
    public CompletableFuture<TransportResponse> create(CreateRequest request) {
        creates.incrementAndGet();
        return answer(() -> doCreate(request));
    }

    @Override
    public CompletableFuture<SourceWatermarkAnswer> sourceWatermark(String path, String topic, int partition) {
        synchronized (this) {
            Stream stream = streams.get(path);
            Long mark = stream == null || !extension ? null : stream.watermarks.get(topic + "/" + partition);
            return CompletableFuture.completedFuture(SourceWatermarkAnswer.found(
                    mark == null ? OptionalLong.empty() : OptionalLong.of(mark)));
        }
    }

    private interface Handler {
        TransportResponse handle();
    }

    private CompletableFuture<TransportResponse> answer(Handler handler) {
        boolean refuse;
        boolean lose;
        boolean unavailable;
        synchronized (this) {
            refuse = random.nextDouble() < refuseRate;
            unavailable = !refuse && random.nextDouble() < unavailableRate;
            lose = random.nextDouble() < loseAnswerRate;
        }
        return CompletableFuture.supplyAsync(() -> {
            if (refuse) {
                throw new UncheckedIOException(new ConnectException("Connection refused"));
            }
            if (unavailable) {
                return TransportResponse.of(503, Map.of(HeaderNames.RETRY_AFTER, "0"), "restarting");
            }
            TransportResponse response;
            synchronized (this) {
                response = handler.handle();
            }
            if (lose) {
                throw new UncheckedIOException(new IOException("connection reset before the answer"));
            }
            return response;
        }, answers);
    }

    synchronized TransportResponse doCreate(CreateRequest request) {
        Stream existing = streams.get(request.path());
        if (existing == null) {
            streams.put(request.path(), new Stream(request.contentType()));
            return TransportResponse.of(201, Map.of(), "");
        }
        return existing.contentType.equals(request.contentType()) && !existing.closed
                ? TransportResponse.of(200, Map.of(), "") : TransportResponse.of(409, Map.of(), "config differs");
    }

    synchronized TransportResponse doAppend(AppendRequest request) {
        Stream stream = streams.get(request.path());
        if (stream == null) {
            return TransportResponse.of(404, Map.of(), "no such stream");
        }
        String tuple = request.producerId() + "/" + request.epoch() + "/" + request.seq();
        if (stream.closed) {
            return tuple.equals(stream.closedBy)
                    ? TransportResponse.of(204, Map.of(HeaderNames.STREAM_CLOSED, "true"), "")
                    : TransportResponse.of(409, Map.of(HeaderNames.STREAM_CLOSED, "true"), "closed");
        }
        if (request.body().length > maxBodyBytes) {
            return TransportResponse.of(413, Map.of(), "too large");
        }
        if (request.body().length > 0 && !stream.contentType.equals(request.contentType())) {
            return TransportResponse.of(409, Map.of(), "content type mismatch");
        }
        long[] state = stream.producers.get(request.producerId());
        Map<String, String> headers = new HashMap<>();
        headers.put(HeaderNames.PRODUCER_EPOCH, Long.toString(request.epoch()));
        if (state != null && request.epoch() < state[0]) {
            return TransportResponse.of(403, Map.of(HeaderNames.PRODUCER_EPOCH, Long.toString(state[0])), "stale");
        }
        boolean newEpoch = state == null || request.epoch() > state[0];
        if (newEpoch && request.seq() != 0) {
            return TransportResponse.of(400, Map.of(), "new epoch must start at seq 0");
        }
        String source = request.source().topic() + "/" + request.source().partition();
        Long mark = stream.watermarks.get(source);
        if (!newEpoch) {
            if (request.seq() <= state[1]) {
                if (extension && watermarkOnSequenceDuplicate && mark != null) {
                    headers.put(HeaderNames.DSK_SOURCE_WATERMARK, Long.toString(mark));
                }
                return TransportResponse.of(204, headers, "");
            }
            if (request.seq() > state[1] + 1) {
                return TransportResponse.of(409, Map.of(HeaderNames.PRODUCER_EXPECTED_SEQ,
                        Long.toString(state[1] + 1)), "sequence gap");
            }
        }
        if (extension && mark != null) {
            headers.put(HeaderNames.DSK_SOURCE_WATERMARK, Long.toString(mark));
            if (request.source().lastOffset() <= mark) {
                stream.producers.put(request.producerId(), new long[] {request.epoch(), request.seq()});
                return TransportResponse.of(204, headers, "");
            }
            if (request.source().firstOffset() <= mark) {
                return TransportResponse.of(409, headers, "straddles the source watermark");
            }
        }
        if (request.body().length > 0) {
            if (!store(stream, request.body())) {
                return TransportResponse.of(400, Map.of(), "invalid JSON");
            }
        }
        stream.producers.put(request.producerId(), new long[] {request.epoch(), request.seq()});
        if (extension) {
            stream.watermarks.put(source, request.source().lastOffset());
            headers.put(HeaderNames.DSK_SOURCE_WATERMARK, Long.toString(request.source().lastOffset()));
        }
        if (request.close()) {
            stream.closed = true;
            stream.closedBy = tuple;
            headers.put(HeaderNames.STREAM_CLOSED, "true");
        }
        return TransportResponse.of(200, headers, "");
    }

    private static boolean store(Stream stream, byte[] body) {
        if (!stream.contentType.equals("application/json")) {
            stream.messages.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            return true;
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node.isArray()) {
                if (node.isEmpty()) {
                    return false;
                }
                node.forEach(element -> stream.messages.add(element.toString()));
            } else {
                stream.messages.add(node.toString());
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    synchronized List<String> messages(String path) {
        Stream stream = streams.get(path);
        return stream == null ? List.of() : List.copyOf(stream.messages);
    }

    synchronized boolean isClosed(String path) {
        Stream stream = streams.get(path);
        return stream != null && stream.closed;
    }

    synchronized void setFaults(double refuse, double loseAnswer, double unavailable) {
        this.refuseRate = refuse;
        this.loseAnswerRate = loseAnswer;
        this.unavailableRate = unavailable;
    }

    @Override
    public String urlOf(String path) {
        return "http://fake.invalid/v1/stream/" + path;
    }

    @Override
    public void close() {
        // Shared across engine sessions in tests; shut down with shutdown().
    }

    void shutdown() {
        answers.shutdownNow();
    }
}
