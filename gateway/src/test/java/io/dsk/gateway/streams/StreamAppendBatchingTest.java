package io.dsk.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.store.ForwardingKeyValueStore;
import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.StoreException;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.store.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Appends that queue up while a commit syncs are checked in arrival order, per stream, and
 * committed together in one write: the test hands a queue to {@link StreamAppends#commit} as the
 * committer would.
 */
class StreamAppendBatchingTest {

    private static final String PATH = "s";
    private static final String OTHER = "t";
    private static final String TEXT = "text/plain";

    private final CountingEngine engine = new CountingEngine();
    private final StreamStore store = new StreamStore(engine);
    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final List<Long> changes = new ArrayList<>();
    private final Streams streams = new Streams(store, id -> { }, clock::get);
    private final StreamLocks locks = new StreamLocks();
    private final StreamAppends appends = new StreamAppends(new StreamLookup(store, clock::get), locks,
            new EntryFraming(Streams.MAX_ENTRY_BYTES), this::changed, this::committed);
    private final AppendCommitter committer = new AppendCommitter(appends);
    private final List<Integer> commitSizes = new ArrayList<>();

    @AfterEach
    void close() {
        committer.close();
        streams.close();
        store.close();
    }

    /** Appends through the committer, as a single node does, and waits for the outcome. */
    private AppendResult append(AppendRequest request) {
        return Streams.awaitAppend(answer -> {
            if (!StreamApply.refuseEmpty(request, answer)) {
                committer.submit(request, answer);
            }
        });
    }

    private synchronized void changed(long id) {
        changes.add(id);
    }

    private synchronized void committed(int appends, long nanos) {
        assertThat(nanos).isNotNegative();
        commitSizes.add(appends);
    }

    @Test
    void queuedAppendsCommitInOneWriteInArrivalOrder() throws Exception {
        create();
        int writesBefore = engine.writes.get();

        List<CompletableFuture<AppendResult>> results = committedTogether(
                request("a"), request("bb"), request("ccc"));

        assertThat(engine.writes.get() - writesBefore).isEqualTo(1);
        assertThat(results).extracting(r -> r.join().tail()).containsExactly(1L, 3L, 6L);
        assertThat(readAll()).isEqualTo("abbccc");
        assertThat(changes).hasSize(1);
        assertThat(commitSizes).as("appends per commit, as the metrics see them").endsWith(3);
    }

    @Test
    void producerSequencesAreCheckedWithinABatchAndARefusedAppendFailsAlone() throws Exception {
        create();

        List<CompletableFuture<AppendResult>> results = committedTogether(
                produced("a", 0), produced("x", 2), produced("b", 1), produced("dup", 1), produced("c", 2));

        assertThat(results.get(0).join().tail()).isEqualTo(1);
        assertThat(status(results.get(1))).isEqualTo(409);
        assertThat(results.get(2).join().tail()).isEqualTo(2);
        AppendResult duplicate = results.get(3).join();
        assertThat(duplicate.appended()).isFalse();
        assertThat(duplicate.producer().lastSeq()).isEqualTo(1);
        assertThat(results.get(4).join().producer().lastSeq()).isEqualTo(2);
        assertThat(readAll()).isEqualTo("abc");
        assertThat(store.producer(streams.head(PATH).id(), "p").orElseThrow().lastSeq()).isEqualTo(2);
    }

    @Test
    void aCloseInABatchRefusesTheAppendsQueuedAfterIt() throws Exception {
        create();

        List<CompletableFuture<AppendResult>> results = committedTogether(
                request("a"), new AppendRequest(PATH, TEXT, bytes("b"), true, null, null, null), request("c"));

        assertThat(results.get(1).join().closed()).isTrue();
        assertThat(status(results.get(2))).isEqualTo(409);
        assertThat(readAll()).isEqualTo("ab");
        assertThat(streams.head(PATH).closed()).isTrue();
    }

    @Test
    void streamSeqMustIncreaseWithinABatch() throws Exception {
        create();

        List<CompletableFuture<AppendResult>> results = committedTogether(
                new AppendRequest(PATH, TEXT, bytes("a"), false, "0002", null, null),
                new AppendRequest(PATH, TEXT, bytes("b"), false, "0001", null, null),
                new AppendRequest(PATH, TEXT, bytes("c"), false, "0003", null, null));

        assertThat(status(results.get(1))).isEqualTo(409);
        assertThat(readAll()).isEqualTo("ac");
        assertThat(streams.head(PATH).lastStreamSeq()).isEqualTo("0003");
    }

    @Test
    void aFailedCommitFailsEveryAppendOfTheBatchAndAcknowledgesNothing() throws Exception {
        create();
        engine.failWrites.set(true);

        List<CompletableFuture<AppendResult>> results = committedTogether(request("a"), produced("b", 0));

        for (CompletableFuture<AppendResult> r : results) {
            assertThat(r).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                    .withRootCauseInstanceOf(IllegalStateException.class);
        }
        engine.failWrites.set(false);
        assertThat(readAll()).isEmpty();
        assertThat(append(produced("b", 0)).tail()).isEqualTo(1);
        assertThat(changes).hasSize(1);
    }

    @Test
    void anAppendThatOnlyMovesTheTailWritesItsDataAndNotTheMetadata() {
        create();
        create(OTHER);
        append(request("a"));
        engine.batches.clear();

        append(request("bb"));
        committedTogether(request("c"), request(OTHER, "x"));

        assertThat(engine.batches).hasSize(2).allSatisfy(batch -> assertThat(batch.ops())
                .as("keys written by appends that change nothing but the tail")
                .allSatisfy(op -> assertThat(((WriteBatch.Put) op).key()[0]).isEqualTo((byte) 'd')));
        assertThat(streams.head(PATH).tail()).isEqualTo(4);
        assertThat(readAll()).isEqualTo("abbc");
        assertThat(new StreamStore(engine).byPath(PATH).orElseThrow().tail())
                .as("the tail found again from the data").isEqualTo(4);
    }

    @Test
    void anAppendThatChangesMoreThanTheTailWritesTheMetadata() {
        create();
        append(request("a"));
        engine.batches.clear();

        append(new AppendRequest(PATH, TEXT, bytes("b"), false, "0001", null, null));

        assertThat(engine.batches).singleElement().satisfies(batch -> assertThat(batch.ops())
                .anySatisfy(op -> assertThat(((WriteBatch.Put) op).key()[0]).isEqualTo((byte) 'm')));
        assertThat(new StreamStore(engine).byPath(PATH).orElseThrow().lastStreamSeq()).isEqualTo("0001");
    }

    @Test
    void aMissingStreamFailsEveryQueuedAppendAndLeavesNoQueueBehind() throws Exception {
        List<CompletableFuture<AppendResult>> results = committedTogether(request("a"), request("b"));

        assertThat(results).allSatisfy(r -> assertThat(status(r)).isEqualTo(404));
        assertThat(locks.pathsInUse()).isZero();
    }

    @Test
    void appendsToSeveralStreamsCommitInOneWriteAndEachStreamKeepsItsOrder() {
        create();
        create(OTHER);
        int writesBefore = engine.writes.get();

        List<CompletableFuture<AppendResult>> results = committedTogether(
                request("a"), request(OTHER, "x"), request("bb"), request(OTHER, "yy"));

        assertThat(engine.writes.get() - writesBefore).isEqualTo(1);
        assertThat(results).extracting(r -> r.join().tail()).containsExactly(1L, 1L, 3L, 3L);
        assertThat(readAll()).isEqualTo("abb");
        assertThat(readAll(OTHER)).isEqualTo("xyy");
        assertThat(changes).containsExactlyInAnyOrder(streams.head(PATH).id(), streams.head(OTHER).id());
        assertThat(locks.pathsInUse()).isZero();
    }

    @Test
    void aMissingStreamFailsOnlyItsOwnAppendsInACommitOfSeveralStreams() {
        create();

        List<CompletableFuture<AppendResult>> results = committedTogether(request(OTHER, "x"), request("a"));

        assertThat(status(results.get(0))).isEqualTo(404);
        assertThat(results.get(1).join().tail()).isEqualTo(1);
        assertThat(readAll()).isEqualTo("a");
    }

    @Test
    void appendsFromManyThreadsAreAllCommittedAndAnswered() throws Exception {
        create();
        List<CompletableFuture<AppendResult>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(CompletableFuture.supplyAsync(() -> append(request("a"))));
        }

        assertThat(results).extracting(r -> r.get(10, TimeUnit.SECONDS).tail())
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(readAll()).hasSize(50);
    }

    @Test
    void anEmptyAppendIsRefusedWithoutReachingTheCommitter() {
        create();

        assertThat(status(CompletableFuture.supplyAsync(() -> append(request(""))))).isEqualTo(400);
    }

    @Test
    void afterCloseAppendsAreRefusedWith503AndNothingIsWritten() {
        create();
        committer.close();

        assertThat(status(CompletableFuture.supplyAsync(() -> append(request("a"))))).isEqualTo(503);
        assertThat(readAll()).isEmpty();
    }

    /**
     * Writers answered by a commit come back with their next appends: the committer waits for them
     * (up to half as long as its last commit took) rather than committing what arrived during the
     * last commit alone, which would keep the writers in two groups that take turns at the disk.
     */
    @Test
    void theAppendsACommitAnsweredAreGatheredWithThoseThatArrivedDuringIt() throws Exception {
        create();
        try (AppendCommitter gathering = gatheringCommitter()) {
            CompletableFuture<AppendResult> arrivedDuring = slowCommitWithOneQueuedBehind(gathering,
                    TimeUnit.SECONDS.toNanos(60));

            Thread.sleep(50); // the writer's round trip: long enough for a committer that does not wait
            CompletableFuture<AppendResult> cameBack = submit(gathering, request("c"));

            assertThat(arrivedDuring.get(30, TimeUnit.SECONDS).tail()).isEqualTo(2);
            assertThat(cameBack.get(30, TimeUnit.SECONDS).tail()).isEqualTo(3);
            assertThat(commitSizes).as("appends per commit").containsExactly(1, 2);
        }
    }

    /** A writer that does not come back holds up the next commit for a while, never for good. */
    @Test
    void anExpectedAppendThatNeverComesDelaysTheNextCommitOnlyBriefly() throws Exception {
        create();
        try (AppendCommitter gathering = gatheringCommitter()) {
            CompletableFuture<AppendResult> arrivedDuring = slowCommitWithOneQueuedBehind(gathering,
                    TimeUnit.MILLISECONDS.toNanos(200));

            assertThat(arrivedDuring.get(30, TimeUnit.SECONDS).tail()).isEqualTo(2);
            assertThat(commitSizes).containsExactly(1, 1);
        }
    }

    @Test
    void closingWhileTheCommitterGathersRefusesWhatIsQueued() throws Exception {
        create();
        AppendCommitter gathering = gatheringCommitter();
        CompletableFuture<AppendResult> queued = slowCommitWithOneQueuedBehind(gathering, TimeUnit.SECONDS.toNanos(60));

        gathering.close();

        assertThat(status(queued)).isEqualTo(503);
        assertThat(readAll()).isEqualTo("a");
        assertThat(commitSizes).containsExactly(1);
    }

    /** A committer that may wait up to a minute, timed by the engine's clock. */
    private AppendCommitter gatheringCommitter() {
        return new AppendCommitter(appends, TimeUnit.MINUTES.toNanos(1), engine.clock::get);
    }

    /**
     * Commits append "a" in a write that takes {@code commitNanos} by the engine's clock, while
     * append "b" arrives, and waits for the answer to "a": the committer then expects two appends
     * (the one it answered and the one that arrived) and may wait half that time for the second.
     *
     * @return the outcome of "b"
     */
    private CompletableFuture<AppendResult> slowCommitWithOneQueuedBehind(AppendCommitter committer, long commitNanos)
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        engine.writeNanos = commitNanos;
        engine.hold = release;
        CompletableFuture<AppendResult> a = submit(committer, request("a"));
        assertThat(engine.held.tryAcquire(30, TimeUnit.SECONDS)).as("the commit of a is writing").isTrue();
        engine.hold = null;
        engine.writeNanos = 0;
        CompletableFuture<AppendResult> b = submit(committer, request("b"));
        release.countDown();
        assertThat(a.get(30, TimeUnit.SECONDS).tail()).isEqualTo(1);
        return b;
    }

    private static CompletableFuture<AppendResult> submit(AppendCommitter committer, AppendRequest request) {
        CompletableFuture<AppendResult> result = new CompletableFuture<>();
        committer.submit(request, completing(result));
        return result;
    }

    /** An answer that completes {@code result} with the append's outcome. */
    private static Streams.AppendAnswer completing(CompletableFuture<AppendResult> result) {
        return (r, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(r);
            }
        };
    }

    /** Commits the appends together, as the committer does with what queued up during a sync. */
    private List<CompletableFuture<AppendResult>> committedTogether(AppendRequest... requests) {
        List<CompletableFuture<AppendResult>> results = new ArrayList<>();
        List<QueuedAppend> queued = new ArrayList<>();
        for (AppendRequest request : requests) {
            CompletableFuture<AppendResult> result = new CompletableFuture<>();
            results.add(result);
            queued.add(new QueuedAppend(request, completing(result)));
        }
        appends.commit(queued);
        queued.forEach(QueuedAppend::answer);
        return results;
    }

    private static int status(CompletableFuture<AppendResult> result) {
        try {
            result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ProtocolException p) {
                return p.status();
            }
            throw e;
        }
        throw new AssertionError("the append succeeded");
    }

    private void create() {
        create(PATH);
    }

    private void create(String path) {
        streams.create(new CreateRequest(path, TEXT, StreamExpiry.NONE, false, new byte[0], null, null, 0));
    }

    private static AppendRequest request(String body) {
        return request(PATH, body);
    }

    private static AppendRequest request(String path, String body) {
        return new AppendRequest(path, TEXT, bytes(body), false, null, null, null);
    }

    private static AppendRequest produced(String body, long seq) {
        return new AppendRequest(PATH, TEXT, bytes(body), false, null,
                ProducerHeaders.parse("p", "0", Long.toString(seq)), null);
    }

    private String readAll() {
        return readAll(PATH);
    }

    private String readAll(String path) {
        StreamMetadata meta = streams.head(path);
        return new String(streams.read(meta, 0, Integer.MAX_VALUE).bytes(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The in-memory engine, counting writes and failing them on demand. */
    private static final class CountingEngine extends ForwardingKeyValueStore {
        final AtomicInteger writes = new AtomicInteger();
        final AtomicBoolean failWrites = new AtomicBoolean();
        final List<WriteBatch> batches = new CopyOnWriteArrayList<>();
        /** When set, writes wait for it to count down, after releasing {@link #held}. */
        volatile CountDownLatch hold;
        final Semaphore held = new Semaphore(0);
        /** A clock that only writes move, each by {@link #writeNanos} (a disk that slow). */
        final AtomicLong clock = new AtomicLong();
        volatile long writeNanos;

        CountingEngine() {
            super(new InMemoryKeyValueStore());
        }

        @Override
        public void write(WriteBatch batch, boolean durable) {
            if (failWrites.get()) {
                throw new StoreException("write failed", new IllegalStateException("disk full"));
            }
            clock.addAndGet(writeNanos);
            CountDownLatch wait = hold;
            if (wait != null) {
                held.release();
                try {
                    wait.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("write interrupted", e);
                }
            }
            writes.incrementAndGet();
            batches.add(batch);
            super.write(batch, durable);
        }
    }
}
