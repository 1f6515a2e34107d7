package io.dsk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured workloads. Each runs against one server's stream root for a bounded time or count
 * and returns its figure; nothing here asserts anything about speed.
 */
final class Workloads {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String runId = Long.toString(System.nanoTime(), 36);

    /** Result of the append workload. */
    record AppendResult(double appendsPerSecond, Samples latencyMillis) {
    }

    /**
     * Idempotent-producer appends of {@code payloadBytes} JSON records by {@code writers} threads,
     * each writing round-robin to its own {@code streamsPerWriter} streams, for {@code duration}.
     */
    AppendResult appends(String base, int writers, int streamsPerWriter, int payloadBytes, Duration duration)
            throws Exception {
        String body = jsonPayload(payloadBytes);
        AtomicLong acknowledged = new AtomicLong();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            String[] streams = new String[streamsPerWriter];
            for (int s = 0; s < streamsPerWriter; s++) {
                streams[s] = base + "/bench-" + runId + "/append/w" + writer + "-s" + s;
                create(streams[s], "application/json");
            }
            Thread thread = new Thread(() -> {
                long[] seq = new long[streamsPerWriter];
                try {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        int s = i % streamsPerWriter;
                        long start = System.nanoTime();
                        HttpResponse<Void> res = http.send(HttpRequest.newBuilder(URI.create(streams[s]))
                                .header("Content-Type", "application/json")
                                .header("Producer-Id", "bench-w" + writer)
                                .header("Producer-Epoch", "0")
                                .header("Producer-Seq", Long.toString(seq[s]++))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        expect(res, 200, 204);
                        latencies.add((System.nanoTime() - start) / 1e6);
                        acknowledged.incrementAndGet();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "bench-writer-" + writer);
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        Samples latency = new Samples();
        latencies.forEach(latency::add);
        return new AppendResult(acknowledged.get() / seconds, latency);
    }

    /** Writes {@code totalBytes} to a new stream, then reads it from the start to the tail; MB/s of the read. */
    double catchUpMegabytesPerSecond(String base, long totalBytes) throws Exception {
        String stream = base + "/bench-" + runId + "/catch-up/" + System.nanoTime();
        create(stream, "application/octet-stream");
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        for (long written = 0; written < totalBytes; written += chunk.length) {
            expect(http.send(HttpRequest.newBuilder(URI.create(stream))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(chunk)).build(),
                    HttpResponse.BodyHandlers.discarding()), 200, 204);
        }
        long read = 0;
        String offset = "-1";
        long start = System.nanoTime();
        while (true) {
            HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(URI.create(stream + "?offset=" + offset)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            expect(res, 200);
            read += res.body().length;
            offset = res.headers().firstValue("Stream-Next-Offset").orElseThrow();
            if (res.headers().firstValue("Stream-Up-To-Date").isPresent()) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (read < totalBytes) {
            throw new IOException("read " + read + " of " + totalBytes + " bytes");
        }
        return read / 1e6 / seconds;
    }

    /**
     * {@code readers} long-poll readers tail one stream while a writer appends {@code messages}
     * messages; returns the delay from the append's acknowledgement to each reader's receipt.
     */
    Samples liveFanOutMillis(String base, int readers, int messages) throws Exception {
        String stream = base + "/bench-" + runId + "/fan-out/" + System.nanoTime();
        create(stream, "application/json");
        String tail = head(stream);
        ConcurrentLinkedQueue<Double> delays = new ConcurrentLinkedQueue<>();
        AtomicLong[] sentAt = new AtomicLong[messages];
        for (int i = 0; i < messages; i++) {
            sentAt[i] = new AtomicLong();
        }
        CountDownLatch done = new CountDownLatch(readers);
        for (int r = 0; r < readers; r++) {
            poll(stream, tail, 0, messages, sentAt, delays, done);
        }
        Thread.sleep(500);
        for (int i = 0; i < messages; i++) {
            long now = System.nanoTime();
            sentAt[i].set(now);
            expect(http.send(HttpRequest.newBuilder(URI.create(stream))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}")).build(),
                    HttpResponse.BodyHandlers.discarding()), 200, 204);
            Thread.sleep(50);
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IOException(done.getCount() + " readers did not receive every message");
        }
        Samples samples = new Samples();
        delays.forEach(samples::add);
        return samples;
    }

    private void poll(String stream, String offset, int received, int messages, AtomicLong[] sentAt,
            ConcurrentLinkedQueue<Double> delays, CountDownLatch done) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream + "?live=long-poll&offset=" + offset))
                .timeout(Duration.ofSeconds(60)).GET().build();
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        call.whenComplete((res, error) -> {
            if (error != null) {
                done.countDown();
                return;
            }
            long now = System.nanoTime();
            int count = received;
            if (res.statusCode() == 200) {
                int items = countJsonItems(res.body());
                for (int i = count; i < count + items && i < messages; i++) {
                    delays.add((now - sentAt[i].get()) / 1e6);
                }
                count += items;
            }
            if (count >= messages) {
                done.countDown();
            } else {
                poll(stream, res.headers().firstValue("Stream-Next-Offset").orElse(offset), count, messages,
                        sentAt, delays, done);
            }
        });
    }

    /**
     * Opens {@code connections} idle long-poll reads on one stream and returns the server's
     * resident memory growth per connection in KiB, measured while they wait.
     */
    double idleConnectionKib(ServerProcess server, int connections) throws Exception {
        String stream = server.baseUrl() + "/bench-" + runId + "/idle/" + System.nanoTime();
        create(stream, "application/json");
        String tail = head(stream);
        HttpClient idleClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long before = server.residentBytes();
        List<CompletableFuture<HttpResponse<Void>>> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            open.add(idleClient.sendAsync(HttpRequest.newBuilder(URI.create(stream + "?live=long-poll&offset=" + tail))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.discarding()));
        }
        Thread.sleep(3000);
        long during = server.residentBytes();
        expect(http.send(HttpRequest.newBuilder(URI.create(stream)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding()),
                200, 204);
        CompletableFuture.allOf(open.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return Math.max(0, during - before) / 1024.0 / connections;
    }

    private void create(String url, String contentType) throws IOException, InterruptedException {
        expect(http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()), 201, 200);
    }

    private String head(String url) throws IOException, InterruptedException {
        HttpResponse<Void> res = http.send(HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        expect(res, 200);
        return res.headers().firstValue("Stream-Next-Offset").orElseThrow();
    }

    static String jsonPayload(int bytes) {
        String prefix = "{\"type\":\"bench\",\"pad\":\"";
        String suffix = "\"}";
        int pad = Math.max(0, bytes - prefix.length() - suffix.length());
        return prefix + "x".repeat(pad) + suffix;
    }

    /** Counts the top-level items of a JSON array response body without a JSON parser. */
    static int countJsonItems(String body) {
        int depth = 0;
        int items = 0;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (depth == 1) {
                    items++;
                }
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return items;
    }

    private static void expect(HttpResponse<?> res, int... statuses) throws IOException {
        for (int s : statuses) {
            if (res.statusCode() == s) {
                return;
            }
        }
        throw new IOException(String.format(Locale.ROOT, "%s %s answered %d", res.request().method(),
                res.request().uri(), res.statusCode()));
    }
}
