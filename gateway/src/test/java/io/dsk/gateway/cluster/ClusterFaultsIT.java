package io.dsk.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three gateway processes in cluster mode on three Kafka brokers, under idempotent and plain
 * writers on every node and SSE readers on every node, while gateway nodes are killed with SIGKILL
 * and brokers stopped, each more than once. Afterwards every acknowledged append is present exactly
 * once, in order, on every node; every node holds the same bytes; every reader, moved to another
 * node when its own died, read the stream with no gap and no duplicate; and a wiped node rebuilds
 * the same bytes from the log.
 */
class ClusterFaultsIT {

    private static final int NODES = 3;
    /** Acknowledged appends each idempotent writer makes before it stops; the faults run meanwhile. */
    private static final int APPENDS_PER_WRITER = 400;
    private static final Duration READ_DEADLINE = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static KafkaBrokers kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBrokers.start(3);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void acknowledgedAppendsSurviveNodeKillsAndBrokerStopsExactlyOnceInOrderOnEveryNode() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start("faults", kafka.bootstrapServers(), "dsk.log.faults", dir, NODES)) {
            for (int i = 0; i < NODES; i++) {
                assertThat(put(cluster.url(i), "idem/" + i)).isEqualTo(201);
                assertThat(put(cluster.url((i + 1) % NODES), "plain/" + i)).isEqualTo(201);
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Writer> writers = new ArrayList<>();
            List<SseReader> readers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                Writer idempotent = new Writer(cluster, "idem/" + i, "w" + i, i, true, stop);
                Writer plain = new Writer(cluster, "plain/" + i, "p" + i, i + 1, false, stop);
                SseReader reader = new SseReader(cluster, "idem/" + i, i, stop);
                writers.add(idempotent);
                writers.add(plain);
                readers.add(reader);
                for (Runnable r : List.of(idempotent, plain, reader)) {
                    Thread t = new Thread(r, "cluster-load-" + threads.size());
                    t.start();
                    threads.add(t);
                }
            }

            int brokerA = kafka.ids().stream().sorted().toList().get(0);
            int brokerB = kafka.ids().stream().sorted().toList().get(2);
            awaitAcked(writers, 40);
            cluster.kill(1);
            awaitAcked(writers, 80);
            cluster.startNode(1);
            kafka.stop(brokerA);
            awaitAcked(writers, 140);
            kafka.restart(brokerA);
            cluster.kill(2);
            awaitAcked(writers, 200);
            cluster.startNode(2);
            kafka.stop(brokerB);
            awaitAcked(writers, 260);
            kafka.restart(brokerB);
            cluster.kill(0);
            awaitAcked(writers, 320);
            cluster.startNode(0);
            awaitAcked(writers, APPENDS_PER_WRITER);
            stop.set(true);
            for (Writer w : writers) {
                w.awaitStopped();
            }

            Map<String, String> expectedTails = new ConcurrentHashMap<>();
            for (int i = 0; i < NODES; i++) {
                cluster.awaitReady(i, Duration.ofSeconds(60));
            }
            for (Writer w : writers) {
                String bytes = readAll(cluster.url(0), w.path);
                expectedTails.put(w.path, bytes);
                w.check(bytes);
                for (int i = 1; i < NODES; i++) {
                    assertThat(digest(readAll(cluster.url(i), w.path))).as("%s on node %d", w.path, i)
                            .isEqualTo(digest(bytes));
                }
            }
            for (SseReader r : readers) {
                r.awaitCaughtUp(expectedTails.get(r.path).length());
                assertThat(r.received()).as("what the SSE reader of %s read across nodes", r.path)
                        .isEqualTo(expectedTails.get(r.path));
                assertThat(r.moves.get()).as("times the reader of %s moved to another node", r.path).isPositive();
            }
            stopAll(threads);

            cluster.kill(1);
            cluster.wipe(1);
            cluster.startNode(1);
            for (Writer w : writers) {
                assertThat(digest(readAll(cluster.url(1), w.path))).as("%s on the rebuilt node", w.path)
                        .isEqualTo(digest(expectedTails.get(w.path)));
            }
            long retried = writers.stream().mapToLong(w -> w.retries.get()).sum();
            System.out.printf("cluster faults: %d writers, %d retried appends, %d reader moves%n", writers.size(),
                    retried, readers.stream().mapToInt(r -> r.moves.get()).sum());
            assertThat(retried).as("appends retried on another node after a fault").isPositive();
        }
    }

    private static void awaitAcked(List<Writer> writers, int each) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(120)).until("every idempotent writer acknowledged " + each,
                () -> writers.stream().filter(w -> w.idempotent && w.acked.get() < each)
                        .map(w -> w.path + " at " + w.acked.get() + ", last failure: " + w.lastFailure).toList(),
                List::isEmpty);
    }

    private static void stopAll(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.interrupt();
            t.join(10_000);
        }
    }

    /** Appends {@code <id>:<n>;} records to one stream, moving to the next node when one fails. */
    private static final class Writer implements Runnable {
        final ClusterNodes cluster;
        final String path;
        final String id;
        final boolean idempotent;
        final AtomicBoolean stop;
        final AtomicInteger acked = new AtomicInteger();
        final AtomicLong retries = new AtomicLong();
        final Set<Integer> ackedPlain = ConcurrentHashMap.newKeySet();
        final AtomicBoolean stopped = new AtomicBoolean();
        volatile String lastFailure = "";
        int node;

        Writer(ClusterNodes cluster, String path, String id, int firstNode, boolean idempotent, AtomicBoolean stop) {
            this.cluster = cluster;
            this.path = path;
            this.id = id;
            this.node = firstNode % cluster.size();
            this.idempotent = idempotent;
            this.stop = stop;
        }

        @Override
        public void run() {
            try {
                for (int n = 0; !stop.get() && (!idempotent || n < APPENDS_PER_WRITER); n++) {
                    boolean done = false;
                    while (!done && !stop.get()) {
                        URI url = cluster.url(node);
                        int status = url == null ? -1 : post(url, n);
                        if (status == 200 || status == 204) {
                            done = true;
                            if (idempotent) {
                                acked.incrementAndGet();
                            } else {
                                ackedPlain.add(n);
                            }
                        } else {
                            lastFailure = "status " + status + " from node " + node;
                            node = (node + 1) % cluster.size();
                            if (!idempotent) {
                                break;
                            }
                            retries.incrementAndGet();
                            Thread.sleep(20);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.set(true);
            }
        }

        private int post(URI base, int n) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/v1/stream/" + path))
                    .timeout(Duration.ofSeconds(40)).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(id + ":" + n + ";"));
            if (idempotent) {
                b.header("Producer-Id", id).header("Producer-Epoch", "0").header("Producer-Seq", Integer.toString(n));
            }
            try {
                return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        void awaitStopped() throws InterruptedException {
            Eventually.within(Duration.ofSeconds(60)).until(path + " writer stopped", stopped::get);
        }

        /** Every acknowledged record exactly once and in order; an idempotent writer's are contiguous. */
        void check(String bytes) {
            List<Integer> present = new ArrayList<>();
            for (String record : bytes.split(";")) {
                if (record.isEmpty()) {
                    continue;
                }
                assertThat(record).as("%s holds only its writer's records", path).startsWith(id + ":");
                present.add(Integer.parseInt(record.substring(id.length() + 1)));
            }
            assertThat(present).as("%s: no duplicate, in order", path).isSorted().doesNotHaveDuplicates();
            if (idempotent) {
                assertThat(present).as("%s: each acknowledged record once", path).hasSize(acked.get());
                assertThat(present).as("%s: contiguous from 0", path)
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, acked.get()).boxed().toList());
            } else {
                assertThat(new LinkedHashSet<>(present)).as("%s: every acknowledged record present", path)
                        .containsAll(ackedPlain);
            }
        }
    }

    /** Tails a stream over SSE, resuming from the last control offset on the next node after a failure. */
    private static final class SseReader implements Runnable {
        final ClusterNodes cluster;
        final String path;
        final AtomicBoolean stop;
        final AtomicInteger moves = new AtomicInteger();
        private final StringBuilder received = new StringBuilder();
        private volatile String offset = "-1";
        int node;

        SseReader(ClusterNodes cluster, String path, int node, AtomicBoolean stop) {
            this.cluster = cluster;
            this.path = path;
            this.node = node;
            this.stop = stop;
        }

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                URI base = cluster.url(node);
                if (base != null) {
                    try {
                        tail(base);
                    } catch (IOException e) {
                        // the node died or closed the connection: resume elsewhere
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                node = (node + 1) % cluster.size();
                moves.incrementAndGet();
            }
        }

        private void tail(URI base) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/stream/" + path + "?live=sse&offset=" + offset))
                    .timeout(Duration.ofMinutes(5)).build();
            HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                Thread.sleep(50);
                return;
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String event = null;
                StringBuilder data = new StringBuilder();
                StringBuilder pending = new StringBuilder();
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5));
                    } else if (line.isEmpty() && event != null) {
                        if (event.equals("data")) {
                            pending.append(data);
                        } else if (event.equals("control")) {
                            String next = data.toString().replaceAll(".*\"streamNextOffset\":\"([^\"]+)\".*", "$1");
                            synchronized (this) {
                                received.append(pending);
                                offset = next;
                            }
                            pending.setLength(0);
                        }
                        event = null;
                        data.setLength(0);
                    }
                }
            }
        }

        synchronized String received() {
            return received.toString();
        }

        void awaitCaughtUp(int length) throws InterruptedException {
            Eventually.within(READ_DEADLINE).until("SSE reader of " + path + " has " + length + " bytes",
                    () -> received().length(), received -> received >= length);
        }
    }

    private static int put(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/stream/" + path)).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The whole stream, read in catch-up chunks from offset -1 until up to date. */
    private static String readAll(URI base, String path) throws Exception {
        StringBuilder out = new StringBuilder();
        String offset = "-1";
        long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/stream/" + path + "?offset=" + offset))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("read %s at %s: %s", path, offset, r.body()).isEqualTo(200);
            out.append(r.body());
            offset = r.headers().firstValue("Stream-Next-Offset").orElseThrow();
            if (r.headers().firstValue("Stream-Up-To-Date").isPresent()) {
                return out.toString();
            }
        }
        throw new AssertionError("reading " + path + " never reached the tail");
    }

    private static String digest(String bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.getBytes(StandardCharsets.UTF_8)));
    }
}
