package io.dsk.connector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker of one subscription (PROTOCOL.md 7) that processes the records of its streams exactly once with
 * nothing but the cursor protocol: for each stream of a wake it reads from the wake's {@code acked_offset}
 * (or, working the same wake again after a failure, from where its own acks in that wake moved the cursor),
 * and what it read counts as processed only once the ack that moves the cursor past it is answered
 * {@code 200}. A fenced ack ({@code 409}) discards what was read. An ack without an answer (the gateway died
 * or stopped under it) is settled by the cursor the gateway reports once it is back: the batch counts iff the
 * cursor is exactly where that ack put it and the batch started where the worker's output ends. The worker
 * never looks at a record's identity to drop a duplicate; the test does, afterwards.
 *
 * <p>The records are JSON messages {@code {"n": <number>, ...}}; "processing" appends {@code n} to
 * {@link #processed()}. Subclasses say how wakes arrive (a webhook, or a wake stream and claims).
 */
abstract class SubscriptionWorker implements AutoCloseable {

    /** How one ack ended; IN_DOUBT (no answer) only until it is settled. */
    enum Outcome { APPLIED, FENCED, NOT_APPLIED, IN_DOUBT }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(60);

    /** One stream's messages read from {@code from}; {@code to} is the offset after them. */
    private record Batch(String stream, String from, String to, List<Long> numbers) {
    }

    final String origin;
    final String subscription;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Long> processed = new ArrayList<>();
    /** Per stream, the offset the processed output reaches. */
    private final Map<String, String> position = new HashMap<>();
    private int settledInDoubt;
    /** The wake being worked, and where this worker's acks in it moved each stream's cursor. */
    private String currentWake;
    private final Map<String, String> ackedInWake = new HashMap<>();
    volatile boolean closed;

    /**
     * @param origin the gateway, e.g. {@code http://127.0.0.1:41234}
     */
    SubscriptionWorker(String origin, String subscription) {
        this.origin = origin;
        this.subscription = subscription;
    }

    /** The processed record numbers, in processing order. */
    synchronized List<Long> processed() {
        return List.copyOf(processed);
    }

    /** How many acks had no answer and were settled by the cursor afterwards. */
    synchronized int settledInDoubt() {
        return settledInDoubt;
    }

    String subscriptionPath() {
        return "/v1/stream/__ds/subscriptions/" + subscription;
    }

    /**
     * Works through one wake: reads each of its streams from its cursor and acks.
     *
     * @param wake the webhook body or the claim answer: {@code wake_id}, {@code generation}, {@code streams}
     * @param ackUrl the callback or ack URL
     * @param token the callback or claim token
     * @param ackEachStream ack each stream as soon as it is read (then {@code done} alone), or all at once
     * @return APPLIED when the wake is done, FENCED when it is no longer current, NOT_APPLIED when it should be
     *         worked again (nothing read or acked counts)
     */
    Outcome work(JsonNode wake, URI ackUrl, String token, boolean ackEachStream) throws InterruptedException {
        synchronized (this) {
            if (!wake.path("wake_id").asText().equals(currentWake)) {
                currentWake = wake.path("wake_id").asText();
                ackedInWake.clear();
            }
        }
        List<Batch> unacked = new ArrayList<>();
        for (JsonNode stream : wake.path("streams")) {
            String path = stream.path("path").asText();
            String from;
            synchronized (this) {
                // Working a wake again after a failure: a stream acked meanwhile is read on from its new cursor.
                from = ackedInWake.getOrDefault(path, stream.path("acked_offset").asText());
            }
            Batch batch;
            try {
                batch = read(path, from);
            } catch (IOException e) {
                return Outcome.NOT_APPLIED;
            }
            if (batch.from().equals(batch.to())) {
                continue;
            }
            unacked.add(batch);
            if (ackEachStream) {
                Outcome outcome = settle(ack(wake, ackUrl, token, unacked, false), unacked);
                if (outcome != Outcome.APPLIED) {
                    return outcome;
                }
                unacked.clear();
            }
        }
        return settle(ack(wake, ackUrl, token, unacked, true), unacked);
    }

    private Outcome settle(Outcome outcome, List<Batch> batches) throws InterruptedException {
        if (outcome == Outcome.APPLIED) {
            commit(batches);
            return outcome;
        }
        if (outcome != Outcome.IN_DOUBT) {
            return outcome;
        }
        Map<String, String> cursors = cursorsOnceBack();
        synchronized (this) {
            settledInDoubt++;
            for (Batch b : batches) {
                String at = position.get(b.stream());
                if (!b.to().equals(cursors.get(b.stream())) || at != null && !at.equals(b.from())) {
                    return Outcome.NOT_APPLIED;
                }
            }
        }
        commit(batches);
        return Outcome.APPLIED;
    }

    private synchronized void commit(List<Batch> batches) {
        for (Batch b : batches) {
            processed.addAll(b.numbers());
            position.put(b.stream(), b.to());
            ackedInWake.put(b.stream(), b.to());
        }
    }

    /** Reads a stream from {@code from} to its tail as it is now. */
    private Batch read(String stream, String from) throws IOException, InterruptedException {
        List<Long> numbers = new ArrayList<>();
        String offset = from;
        while (true) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(origin + "/v1/stream/" + stream
                    + "?offset=" + offset)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IOException("read of " + stream + " answered " + answer.statusCode());
            }
            for (JsonNode message : JSON.readTree(answer.body())) {
                numbers.add(message.path("n").asLong());
            }
            String next = answer.headers().firstValue("Stream-Next-Offset").orElseThrow();
            if (next.equals(offset) || answer.headers().firstValue("Stream-Up-To-Date").isPresent()) {
                return new Batch(stream, from, next, numbers);
            }
            offset = next;
        }
    }

    private Outcome ack(JsonNode wake, URI ackUrl, String token, List<Batch> batches, boolean done)
            throws InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("wake_id", wake.path("wake_id").asText())
                .put("generation", wake.path("generation").asLong()).put("done", done);
        ArrayNode acks = body.putArray("acks");
        batches.forEach(b -> acks.addObject().put("stream", b.stream()).put("offset", b.to()));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ackUrl).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return Outcome.APPLIED;
            }
            if (answer.statusCode() == 409 || answer.statusCode() == 404) {
                return Outcome.FENCED;
            }
            return Outcome.NOT_APPLIED;
        } catch (IOException e) {
            return Outcome.IN_DOUBT;
        }
    }

    /** The subscription's cursors, per stream, once the gateway answers again. */
    private Map<String, String> cursorsOnceBack() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(origin + subscriptionPath()))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    Map<String, String> cursors = new HashMap<>();
                    for (JsonNode s : JSON.readTree(answer.body()).path("streams")) {
                        cursors.put(s.path("path").asText(), s.path("acked_offset").asText());
                    }
                    return cursors;
                }
            } catch (IOException e) {
                // the gateway is restarting; ask again
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway did not come back within " + SETTLE_WAIT);
    }

    @Override
    public void close() {
        closed = true;
    }
}
