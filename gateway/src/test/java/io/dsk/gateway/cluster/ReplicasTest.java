package io.dsk.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.gateway.Eventually;
import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.store.ForwardingKeyValueStore;
import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.KeyValueCursor;
import io.dsk.gateway.store.KeyValueStore;
import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.store.WriteBatch;
import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.AppendResult;
import io.dsk.gateway.streams.CreateRequest;
import io.dsk.gateway.streams.Streams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replicas of one command log (in memory): nodes that applied the same log hold the same bytes,
 * whichever node took each request, across restarts and rebuilds, and a local failure of the
 * apply delays it without losing or repeating a command.
 */
class ReplicasTest {

    private static final String TEXT = "text/plain";
    private static final Eventually AWAIT = Eventually.within(Duration.ofSeconds(20));

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final MemoryCommandLog log = new MemoryCommandLog(1, clock::get);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void nodesThatTookRequestsConcurrentlyHoldIdenticalStoresAndANewNodeRebuildsTheSame() throws Exception {
        KeyValueStore engineA = new InMemoryKeyValueStore();
        KeyValueStore engineB = new InMemoryKeyValueStore();
        MemoryClusters.Node a = node(engineA);
        MemoryClusters.Node b = node(engineB, 7_000);

        runWorkload(List.of(a.streams(), b.streams()), 4, 300);
        a.awaitCaughtUp();
        b.awaitCaughtUp();

        String dumpA = dump(engineA);
        assertThat(dumpA).contains("626f6f6b2f");
        assertThat(dump(engineB)).as("two nodes that applied the same log").isEqualTo(dumpA);

        KeyValueStore engineC = new InMemoryKeyValueStore();
        node(engineC).awaitCaughtUp();
        assertThat(dump(engineC)).as("a node rebuilt from the whole log").isEqualTo(dumpA);
    }

    @Test
    void aRestartedNodeResumesAfterItsCheckpointAndAppliesNothingTwice() {
        KeyValueStore engine = new InMemoryKeyValueStore();
        MemoryClusters.Node first = node(engine);
        first.streams().create(create("s", "a"));
        first.streams().append(append("s", "b", 0));
        first.close();
        open.remove(first);

        KeyValueStore otherEngine = new InMemoryKeyValueStore();
        MemoryClusters.Node other = node(otherEngine);
        other.streams().append(append("s", "c", 1));
        other.streams().append(append("s", "d", 2));

        MemoryClusters.Node again = node(engine);
        again.awaitCaughtUp();
        assertThat(read(again.streams(), "s")).isEqualTo("abcd");
        assertThat(dump(engine)).isEqualTo(dumpOf(other, otherEngine));
    }

    @Test
    void aFailingLocalWriteIsAppliedAgainUntilItGoesThroughAndTheNodeIsNotReadyMeanwhile() throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        KeyValueStore engine = new ForwardingKeyValueStore(new InMemoryKeyValueStore()) {
            @Override
            public void write(WriteBatch batch, boolean durable) {
                if (failing.get()) {
                    throw new IllegalStateException("disk trouble");
                }
                super.write(batch, durable);
            }
        };
        MemoryClusters.Node flaky = node(engine);
        KeyValueStore healthyEngine = new InMemoryKeyValueStore();
        MemoryClusters.Node healthy = node(healthyEngine);
        healthy.streams().create(create("s", "a"));
        flaky.awaitCaughtUp();
        assertThat(flaky.node().ready()).isTrue();

        failing.set(true);
        healthy.streams().append(append("s", "b", 0));
        AWAIT.until("the flaky node reports its disk trouble", () -> flaky.node().notReadyReason(),
                reason -> reason != null && reason.contains("disk trouble"));
        assertThat(flaky.node().ready()).isFalse();

        failing.set(false);
        flaky.awaitCaughtUp();
        assertThat(flaky.node().ready()).isTrue();
        assertThat(read(flaky.streams(), "s")).isEqualTo("ab");
        assertThat(dump(engine)).isEqualTo(dumpOf(healthy, healthyEngine));
    }

    @Test
    void aReadOnANodeThatCannotCatchUpIsAnswered503AfterTheReadWaitNamingWhy() throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        KeyValueStore stuck = new ForwardingKeyValueStore(new InMemoryKeyValueStore()) {
            @Override
            public void write(WriteBatch batch, boolean durable) {
                if (failing.get()) {
                    throw new IllegalStateException("disk trouble");
                }
                super.write(batch, durable);
            }
        };
        MemoryClusters.Node healthy = node(new InMemoryKeyValueStore());
        MemoryClusters.Node lagging = MemoryClusters.node(log, new StreamStore(stuck), id -> { }, clock::get,
                Streams.DEFAULT_MAX_FORK_DEPTH, java.time.Duration.ofMillis(300));
        open.add(lagging);
        healthy.streams().create(create("s", "a"));
        lagging.awaitCaughtUp();
        failing.set(true);

        healthy.streams().append(append("s", "b", 0));

        assertThatThrownBy(() -> lagging.streams().openRead("s", ReadOffset.START))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.headers()).containsKey(io.undertow.util.Headers.RETRY_AFTER);
                })
                .hasMessageContaining("has not applied the command log")
                .hasMessageContaining("1 record(s) behind")
                .hasMessageContaining("disk trouble");
        failing.set(false);
        AWAIT.until("the lagging node is ready", () -> lagging.node().ready());
        assertThat(read(lagging.streams(), "s")).isEqualTo("ab");
    }

    @Test
    void aReadJudgesExpiryAsOfWhenItBeganNotAfterWaitingForTheLog() throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        KeyValueStore slow = new ForwardingKeyValueStore(new InMemoryKeyValueStore()) {
            @Override
            public void write(WriteBatch batch, boolean durable) {
                if (failing.get()) {
                    throw new IllegalStateException("slow disk");
                }
                super.write(batch, durable);
            }
        };
        MemoryClusters.Node healthy = node(new InMemoryKeyValueStore());
        MemoryClusters.Node lagging = node(slow);
        healthy.streams().create(new CreateRequest("t", TEXT, StreamExpiry.parse("2", null), false, bytes("x"), null,
                null, 0));
        lagging.awaitCaughtUp();
        failing.set(true);
        healthy.streams().create(create("other", "y"));
        clock.addAndGet(1_500);

        java.util.concurrent.CompletableFuture<Long> head = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                head.complete(lagging.streams().head("t").tail());
            } catch (RuntimeException e) {
                head.completeExceptionally(e);
            }
        });
        reader.start();
        AWAIT.until("the reader waits", () -> reader.getState() == Thread.State.TIMED_WAITING);
        clock.addAndGet(1_500);
        failing.set(false);

        assertThat(head.get(20, TimeUnit.SECONDS)).as("a HEAD that began 1.5 s into a 2 s TTL").isEqualTo(1);
    }

    @Test
    void retentionIsACommandOfTheLogSoEveryNodeDropsTheSameHistoryAtTheSameOffsets() {
        KeyValueStore engineA = new InMemoryKeyValueStore();
        KeyValueStore engineB = new InMemoryKeyValueStore();
        MemoryClusters.Node a = node(engineA);
        MemoryClusters.Node b = node(engineB, 60_000);
        a.streams().create(new CreateRequest("bounded", TEXT, StreamExpiry.NONE, false, new byte[0], null, null, 0,
                io.dsk.gateway.store.RetentionPolicy.maxBytes(10)));
        a.streams().create(new CreateRequest("aged", TEXT, StreamExpiry.NONE, false, new byte[0], null, null, 0,
                io.dsk.gateway.store.RetentionPolicy.maxAge(1_000)));
        for (int i = 0; i < 8; i++) {
            Streams via = i % 2 == 0 ? a.streams() : b.streams();
            via.append(new AppendRequest("bounded", TEXT, bytes("m" + i + "-"), false, null, null, null));
            via.append(new AppendRequest("aged", TEXT, bytes("m" + i + "-"), false, null, null, null));
            clock.addAndGet(300);
        }

        io.dsk.gateway.streams.RetentionPass pass = b.streams().enforceRetention(0);
        a.awaitCaughtUp();
        b.awaitCaughtUp();

        assertThat(pass.droppedBytes()).as("dropped by the retention command").isPositive();
        for (Streams node : List.of(a.streams(), b.streams())) {
            assertThat(node.earliest(node.head("bounded"))).as("at most 10 bytes kept").isEqualTo(15);
            assertThat(read(node, "bounded", 15)).isEqualTo("m5-m6-m7-");
            assertThat(node.earliest(node.head("aged"))).as("messages older than 1 s by the log's time")
                    .isEqualTo(15);
        }
        assertThat(dump(engineB)).as("the node whose clock runs a minute ahead").isEqualTo(dump(engineA));
    }

    @Test
    void withSeveralPartitionsStreamsAreSpreadNodesAgreeAndAForkMustShareItsSourcesPartition() {
        MemoryCommandLog three = new MemoryCommandLog(3, clock::get);
        KeyValueStore engineA = new InMemoryKeyValueStore();
        KeyValueStore engineB = new InMemoryKeyValueStore();
        MemoryClusters.Node a = node(three, engineA);
        MemoryClusters.Node b = node(three, engineB);
        for (int i = 0; i < 30; i++) {
            Streams via = i % 2 == 0 ? a.streams() : b.streams();
            via.create(new CreateRequest("s" + i, TEXT, i % 3 == 0 ? StreamExpiry.parse("1", null) : StreamExpiry.NONE,
                    false, bytes("x"), null, null, 0));
            via.append(append("s" + i, "y", 0));
        }
        clock.addAndGet(2_000);
        assertThat(a.streams().sweepExpired()).as("TTL streams removed, one sweep per partition").isEqualTo(10);
        List<Integer> forkStatuses = new ArrayList<>();
        for (int i = 1; i < 30; i += 3) {
            try {
                b.streams().create(new CreateRequest("f" + i, null, StreamExpiry.NONE, false, new byte[0], "s" + i,
                        null, 0));
                forkStatuses.add(201);
            } catch (ProtocolException e) {
                assertThat(e.getMessage()).contains("partition");
                forkStatuses.add(e.status());
            }
        }
        a.awaitCaughtUp();
        b.awaitCaughtUp();

        assertThat(three.records(0)).isNotEmpty();
        assertThat(three.records(1)).isNotEmpty();
        assertThat(three.records(2)).isNotEmpty();
        assertThat(forkStatuses).contains(201, 400);
        assertThat(dump(engineB)).isEqualTo(dump(engineA));
        KeyValueStore engineC = new InMemoryKeyValueStore();
        node(three, engineC).awaitCaughtUp();
        assertThat(dump(engineC)).as("rebuilt from three partitions").isEqualTo(dump(engineA));
    }

    @Test
    void howPollsSplitTheLogChangesNothingNodesStore() {
        KeyValueStore writer = new InMemoryKeyValueStore();
        MemoryClusters.Node a = node(writer);
        a.streams().create(new CreateRequest("aged", TEXT, StreamExpiry.NONE, false, new byte[0], null, null, 0,
                io.dsk.gateway.store.RetentionPolicy.maxAge(60_000)));
        for (int i = 0; i < 20; i++) {
            a.streams().append(new AppendRequest("aged", TEXT, bytes("m" + i), false, null, null, null));
            clock.addAndGet(7);
        }
        a.awaitCaughtUp();

        KeyValueStore wholeBatches = new InMemoryKeyValueStore();
        node(wholeBatches).awaitCaughtUp();
        log.readOneAtATime(true);
        KeyValueStore oneByOne = new InMemoryKeyValueStore();
        node(oneByOne).awaitCaughtUp();

        assertThat(dump(wholeBatches)).as("a node that read the log in one poll").isEqualTo(dump(writer));
        assertThat(dump(oneByOne)).as("a node that read it one record per poll").isEqualTo(dump(writer));
    }

    @Test
    void aCommandTheLogRefusedIsAnswered503AndNothingIsApplied() {
        MemoryClusters.Node node = node(new InMemoryKeyValueStore());
        node.streams().create(create("s", "a"));

        log.failAppends(true);
        assertThatThrownBy(() -> node.streams().append(append("s", "b", 0)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("retry");
        log.failAppends(false);

        assertThat(read(node.streams(), "s")).isEqualTo("a");
        assertThat(log.records(0)).hasSize(1);
    }

    @Test
    void aReadOnOneNodeSeesAnAppendAcknowledgedOnAnother() {
        MemoryClusters.Node a = node(new InMemoryKeyValueStore());
        MemoryClusters.Node b = node(new InMemoryKeyValueStore());
        for (int i = 0; i < 50; i++) {
            a.streams().create(create("s" + i, ""));
            AppendResult r = a.streams().append(append("s" + i, "x" + i, 0));

            assertThat(b.streams().head("s" + i).tail()).isEqualTo(r.tail());
        }
    }

    @Test
    void streamIdsComeFromTheLogSoTheyMatchOnEveryNode() {
        MemoryClusters.Node a = node(new InMemoryKeyValueStore());
        MemoryClusters.Node b = node(new InMemoryKeyValueStore());
        a.streams().create(create("first", ""));
        long id = b.streams().create(create("second", "")).stream().id();

        assertThat(a.streams().head("second").id()).isEqualTo(id);
        assertThat(LogApplier.partitionOf(id)).isZero();
    }

    private void runWorkload(List<Streams> nodes, int threads, int opsPerThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < opsPerThread; i++) {
                        Streams s = nodes.get(random.nextInt(nodes.size()));
                        String path = "book/" + random.nextInt(8);
                        try {
                            switch (random.nextInt(10)) {
                                case 0 -> s.create(new CreateRequest(path, TEXT, random.nextBoolean()
                                        ? StreamExpiry.parse("5", null) : StreamExpiry.NONE, false, bytes("h"), null, null, 0));
                                case 1 -> s.create(new CreateRequest(path + "/fork" + thread, null, StreamExpiry.NONE,
                                        false, new byte[0], path, null, 0));
                                case 2 -> s.delete(path);
                                case 3 -> {
                                    clock.addAndGet(random.nextInt(3_000));
                                    s.sweepExpired();
                                }
                                case 4 -> s.openRead(path, ReadOffset.START);
                                default -> s.append(new AppendRequest(path, TEXT, bytes("t" + thread + "." + i + ";"),
                                        false, null, new ProducerHeaders("w" + thread, 0, i), null));
                            }
                        } catch (ProtocolException refused) {
                            // refusals (404, 409 gaps, 410) are outcomes like any other
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private MemoryClusters.Node node(KeyValueStore engine) {
        return node(engine, 0);
    }

    private MemoryClusters.Node node(MemoryCommandLog on, KeyValueStore engine) {
        MemoryClusters.Node node = MemoryClusters.node(on, new StreamStore(engine), id -> { }, clock::get,
                Streams.DEFAULT_MAX_FORK_DEPTH);
        open.add(node);
        return node;
    }

    /** A node whose own clock is {@code skewMillis} ahead of the log's. */
    private MemoryClusters.Node node(KeyValueStore engine, long skewMillis) {
        MemoryClusters.Node node = MemoryClusters.node(log, new StreamStore(engine), id -> { },
                () -> clock.get() + skewMillis, Streams.DEFAULT_MAX_FORK_DEPTH);
        open.add(node);
        return node;
    }

    /** The engine of a node once it has caught up with the log. */
    private static String dumpOf(MemoryClusters.Node node, KeyValueStore engine) {
        node.awaitCaughtUp();
        return dump(engine);
    }

    /** Every key and value of an engine, in key order, as hex. */
    private static String dump(KeyValueStore engine) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of();
        try (KeyValueCursor c = engine.scan(new byte[0], new byte[] {(byte) 0xff, (byte) 0xff})) {
            while (c.next()) {
                out.append(hex.formatHex(c.key())).append('=').append(hex.formatHex(c.value())).append('\n');
            }
        }
        return out.toString();
    }

    private static String read(Streams streams, String path) {
        return read(streams, path, 0);
    }

    private static String read(Streams streams, String path, long from) {
        return new String(streams.read(path, from, 1 << 20).bytes(), StandardCharsets.UTF_8);
    }

    private static CreateRequest create(String path, String body) {
        return new CreateRequest(path, TEXT, StreamExpiry.NONE, false, bytes(body), null, null, 0);
    }

    private static AppendRequest append(String path, String body, long seq) {
        return new AppendRequest(path, TEXT, bytes(body), false, null, new ProducerHeaders("p", 0, seq), null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
