package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the gateway with SIGKILL again and again while idempotent producers and plain writers
 * append to JSON and binary streams, restarts it on the same RocksDB directory, and checks after
 * every restart that each acknowledged append is there exactly once, byte-exact and in order, that
 * producers which retried an unanswered append end with each record once, and that closure and
 * producer state survived.
 */
class CrashRecoveryIT {

    private static final int KILLS = 5;
    private static final int ACKS_BETWEEN_KILLS = 40;
    private static final int BINARY_RECORD_BYTES = 48;
    private static final Duration PHASE_DEADLINE = Duration.ofSeconds(90);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final String JSON_STREAM = "/v1/stream/crash/json";
    private static final String BINARY_STREAM = "/v1/stream/crash/binary";
    private static final String CLOSED_STREAM = "/v1/stream/crash/closed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Endpoint endpoint = new Endpoint();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger kills = new AtomicInteger();
    private GatewayProcess gateway;
    private Path dataDir;

    @TempDir
    Path temp;

    @AfterEach
    void stopGateway() throws InterruptedException {
        endpoint.stop();
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void acknowledgedAppendsSurviveRepeatedKillNineExactlyOnceAndInOrder() throws Exception {
        dataDir = Files.createDirectories(temp.resolve("data"));
        restart();
        create(JSON_STREAM, "application/json");
        create(BINARY_STREAM, "application/octet-stream");
        create(CLOSED_STREAM, "text/plain");
        assertThat(post(CLOSED_STREAM, "text/plain", "last words".getBytes(StandardCharsets.UTF_8), Map.of()))
                .isEqualTo(204);
        assertThat(post(CLOSED_STREAM, "text/plain", new byte[0], Map.of("Stream-Closed", "true"))).isEqualTo(204);

        List<Writer> writers = List.of(
                new Writer("p-json-1", JSON_STREAM, true, true), new Writer("p-json-2", JSON_STREAM, true, true),
                new Writer("w-json", JSON_STREAM, true, false), new Writer("p-bin", BINARY_STREAM, false, true),
                new Writer("w-bin", BINARY_STREAM, false, false));
        List<Thread> threads = new ArrayList<>();
        for (Writer writer : writers) {
            Thread thread = new Thread(writer, "crash-writer-" + writer.name);
            thread.start();
            threads.add(thread);
        }

        for (int k = 0; k < KILLS; k++) {
            awaitAcks(writers, ACKS_BETWEEN_KILLS);
            endpoint.suspend();
            gateway.kill();
            kills.incrementAndGet();
            Map<Writer, List<Integer>> acknowledged = snapshot(writers);
            restart();
            verify(writers, acknowledged, false);
        }
        awaitAcks(writers, ACKS_BETWEEN_KILLS);
        endpoint.stop();
        for (Thread thread : threads) {
            thread.join(PHASE_DEADLINE.toMillis());
            assertThat(thread.isAlive()).as("%s stopped", thread.getName()).isFalse();
        }
        verify(writers, snapshot(writers), true);

        int acked = writers.stream().mapToInt(w -> w.acked.size()).sum();
        int retried = writers.stream().mapToInt(w -> w.retried).sum();
        int uncertain = writers.stream().mapToInt(w -> w.uncertain).sum();
        System.out.printf("crash recovery: %d kills, %d appends acknowledged, %d producer retries, "
                + "%d plain appends unanswered%n", kills.get(), acked, retried, uncertain);
        assertThat(violations).isEmpty();
        assertThat(kills.get()).isEqualTo(KILLS);
        assertThat(retried).as("producer appends retried after a kill").isPositive();
    }

    private void restart() throws IOException, InterruptedException {
        gateway = GatewayProcess.start("crash-" + kills.get(), "--port", "0", "--data-dir", dataDir.toString());
        endpoint.publish(gateway.baseUrl());
    }

    private void awaitAcks(List<Writer> writers, int more) throws InterruptedException {
        int target = writers.stream().mapToInt(w -> w.ackCount()).sum() + more;
        Eventually.within(PHASE_DEADLINE).until(target + " acknowledged appends", () -> {
            assertThat(violations).isEmpty();
            return writers.stream().mapToInt(Writer::ackCount).sum();
        }, acked -> acked >= target);
    }

    private static Map<Writer, List<Integer>> snapshot(List<Writer> writers) {
        Map<Writer, List<Integer>> acked = new LinkedHashMap<>();
        for (Writer writer : writers) {
            acked.put(writer, writer.ackedSnapshot());
        }
        return acked;
    }

    /** Reads every stream back and checks each writer's records against what it was told. */
    private void verify(List<Writer> writers, Map<Writer, List<Integer>> acknowledged, boolean quiescent)
            throws IOException, InterruptedException {
        Map<String, List<Integer>> jsonRecords = decodeJson(readAll(JSON_STREAM));
        Map<String, List<Integer>> binaryRecords = decodeBinary(readAll(BINARY_STREAM));
        for (Writer writer : writers) {
            List<Integer> present = (writer.json ? jsonRecords : binaryRecords).getOrDefault(writer.name, List.of());
            String who = writer.name + " after kill " + kills.get();
            assertThat(present).as("%s: records strictly increasing (no duplicate, in order)", who)
                    .isSortedAccordingTo(Integer::compare).doesNotHaveDuplicates();
            assertThat(present).as("%s: every acknowledged append present", who)
                    .containsAll(acknowledged.get(writer));
            if (writer.producer && quiescent) {
                List<Integer> contiguous = new ArrayList<>();
                for (int seq = 0; seq < writer.nextSeq; seq++) {
                    contiguous.add(seq);
                }
                assertThat(present).as("%s: each producer record exactly once", who).isEqualTo(contiguous);
            }
        }
        HttpResponse<Void> head = http.send(request(CLOSED_STREAM).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.headers().firstValue("Stream-Closed")).as("closed stream still closed").contains("true");
        assertThat(post(CLOSED_STREAM, "text/plain", "too late".getBytes(StandardCharsets.UTF_8), Map.of()))
                .as("append to the closed stream after a restart").isEqualTo(409);
        assertThat(new String(readAll(CLOSED_STREAM), StandardCharsets.UTF_8)).isEqualTo("last words");
    }

    private Map<String, List<Integer>> decodeJson(byte[] messages) throws IOException {
        Map<String, List<Integer>> records = new LinkedHashMap<>();
        for (JsonNode message : JSON.readTree(messages)) {
            String writer = message.path("w").asText();
            int seq = message.path("seq").asInt();
            if (!message.path("pad").asText().equals(pad(writer, seq))) {
                violations.add("JSON record " + writer + "/" + seq + " is not byte-exact: " + message);
            }
            records.computeIfAbsent(writer, k -> new ArrayList<>()).add(seq);
        }
        return records;
    }

    private Map<String, List<Integer>> decodeBinary(byte[] data) {
        assertThat(data.length % BINARY_RECORD_BYTES).as("binary stream holds whole records").isZero();
        Map<String, List<Integer>> records = new LinkedHashMap<>();
        for (int at = 0; at < data.length; at += BINARY_RECORD_BYTES) {
            byte[] record = Arrays.copyOfRange(data, at, at + BINARY_RECORD_BYTES);
            String writer = ByteBuffer.wrap(record).getInt() == "p-bin".hashCode() ? "p-bin" : "w-bin";
            int seq = ByteBuffer.wrap(record).getInt(4);
            if (!Arrays.equals(record, binaryRecord(writer, seq))) {
                violations.add("binary record at byte " + at + " is not byte-exact");
            }
            records.computeIfAbsent(writer, k -> new ArrayList<>()).add(seq);
        }
        return records;
    }

    /** The whole stream from the start, following {@code Stream-Next-Offset} until up to date. */
    private byte[] readAll(String path) throws IOException, InterruptedException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        List<JsonNode> messages = new ArrayList<>();
        boolean json = path.equals(JSON_STREAM);
        String offset = "-1";
        for (int page = 0; page < 100_000; page++) {
            HttpResponse<byte[]> response = http.send(request(path + "?offset=" + offset).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("read %s at %s", path, offset).isEqualTo(200);
            if (json) {
                JSON.readTree(response.body()).forEach(messages::add);
            } else {
                raw.writeBytes(response.body());
            }
            String next = response.headers().firstValue("Stream-Next-Offset").orElseThrow();
            boolean upToDate = response.headers().firstValue("Stream-Up-To-Date").isPresent();
            if (upToDate || next.equals(offset)) {
                return json ? JSON.writeValueAsBytes(messages) : raw.toByteArray();
            }
            offset = next;
        }
        throw new AssertionError("read of " + path + " never reached the tail");
    }

    private void create(String path, String contentType) throws IOException, InterruptedException {
        int status = http.send(request(path).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).as("create %s", path).isEqualTo(201);
    }

    private int post(String path, String contentType, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(endpoint.current() + pathAndQuery)).timeout(REQUEST_TIMEOUT);
    }

    private static String pad(String writer, int seq) {
        return (writer + ":" + seq + ":").repeat(1 + seq % 7);
    }

    private static byte[] binaryRecord(String writer, int seq) {
        ByteBuffer record = ByteBuffer.allocate(BINARY_RECORD_BYTES).putInt(writer.hashCode()).putInt(seq);
        for (int i = 8; i < BINARY_RECORD_BYTES; i++) {
            record.put((byte) (seq * 31 + i * 7 + writer.length()));
        }
        return record.array();
    }

    /** The current gateway's base URL, or a wait while it is down. */
    private static final class Endpoint {
        private URI uri;
        private int generation;
        private boolean stopped;

        synchronized void publish(URI value) {
            uri = value;
            generation++;
            notifyAll();
        }

        synchronized void suspend() {
            uri = null;
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        synchronized boolean stopped() {
            return stopped;
        }

        synchronized int generation() {
            return generation;
        }

        synchronized URI current() {
            return uri;
        }

        /** Waits for a gateway newer than {@code seen}; false if stopped or the deadline passed. */
        synchronized boolean awaitNewer(int seen, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!stopped && (generation <= seen || uri == null)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return !stopped;
        }

        synchronized boolean awaitUp(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!stopped && uri == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return !stopped;
        }
    }

    /** One writer: an idempotent producer that retries the same seq, or a plain writer that moves on. */
    private final class Writer implements Runnable {
        final String name;
        final String stream;
        final boolean json;
        final boolean producer;
        final List<Integer> acked = new ArrayList<>();
        volatile int nextSeq;
        int retried;
        int uncertain;
        private int lastAcked = -1;
        private int generationOfLastAck;

        Writer(String name, String stream, boolean json, boolean producer) {
            this.name = name;
            this.stream = stream;
            this.json = json;
            this.producer = producer;
        }

        synchronized int ackCount() {
            return acked.size();
        }

        synchronized List<Integer> ackedSnapshot() {
            return new ArrayList<>(acked);
        }

        @Override
        public void run() {
            try {
                while (endpoint.awaitUp(PHASE_DEADLINE)) {
                    int generation = endpoint.generation();
                    if (producer && lastAcked >= 0 && generation != generationOfLastAck) {
                        checkProducerStateSurvived(generation);
                    }
                    int status = send(nextSeq, generation);
                    if (status == 200 || status == 204) {
                        synchronized (this) {
                            acked.add(nextSeq);
                        }
                        lastAcked = nextSeq;
                        generationOfLastAck = generation;
                        nextSeq++;
                    } else if (status < 0 || status >= 500) {
                        if (producer) {
                            retried++;
                        } else {
                            uncertain++;
                            nextSeq++;
                        }
                        if (!endpoint.awaitNewer(generation, PHASE_DEADLINE)) {
                            return;
                        }
                    } else {
                        violations.add(name + " seq " + nextSeq + " answered " + status);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** After a restart, the last acknowledged seq is a duplicate: the producer state was kept. */
        private void checkProducerStateSurvived(int generation) throws InterruptedException {
            int status = send(lastAcked, generation);
            if (status >= 0 && status != 204) {
                violations.add(name + " re-sent acknowledged seq " + lastAcked + " after a restart and got " + status
                        + " instead of 204 (duplicate)");
            }
            if (status >= 0) {
                generationOfLastAck = generation;
            }
        }

        /** @return the HTTP status, or -1 if the request got no answer */
        private int send(int seq, int generation) throws InterruptedException {
            URI base = endpoint.current();
            if (base == null || endpoint.generation() != generation) {
                return -1;
            }
            byte[] body = json
                    ? ("{\"w\":\"" + name + "\",\"seq\":" + seq + ",\"pad\":\"" + pad(name, seq) + "\"}")
                            .getBytes(StandardCharsets.UTF_8)
                    : binaryRecord(name, seq);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + stream)).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", json ? "application/json" : "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (producer) {
                builder.header("Producer-Id", name).header("Producer-Epoch", "0")
                        .header("Producer-Seq", Integer.toString(seq));
            }
            try {
                return http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
