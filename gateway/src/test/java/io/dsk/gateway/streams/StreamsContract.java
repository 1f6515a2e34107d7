package io.dsk.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.protocol.SourceRange;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.KeyValueStore;
import io.dsk.gateway.store.NotInMemoryException;
import io.dsk.gateway.store.SourceAppend;
import io.dsk.gateway.store.SourceBatch;
import io.dsk.gateway.store.SourcePartition;
import io.dsk.gateway.store.SourceWatermark;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream domain's rules, run against every storage engine (one subclass per engine).
 */
abstract class StreamsContract {

    private static final String TEXT = "text/plain";
    private static final String JSON = "application/json";

    protected final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    protected final List<Long> changes = new ArrayList<>();
    protected CountingKeyValueStore engine;
    protected StreamStore store;
    protected Streams streams;

    protected abstract KeyValueStore engine() throws Exception;

    /**
     * Opens the streams under test over {@link #store}, telling {@link #changes} and running on
     * {@link #clock}. Called again, after the previous streams were closed, by tests that need other
     * settings.
     */
    protected Streams openStreams(int maxForkDepth) {
        return new Streams(store, changes::add, clock::get, maxForkDepth);
    }

    /** True where a read first waits for changes acknowledged by other nodes (a cluster). */
    protected boolean readsWaitForOtherNodes() {
        return false;
    }

    /** Writes {@code mutation} to the store as an earlier version of the gateway left it. */
    protected void writeAsAnOlderVersionDid(StreamStore.Mutation mutation) {
        store.commit(mutation, true);
    }

    @BeforeEach
    void open() throws Exception {
        engine = new CountingKeyValueStore(engine());
        store = new StreamStore(engine);
        streams = openStreams(Streams.DEFAULT_MAX_FORK_DEPTH);
    }

    @AfterEach
    void close() {
        streams.close();
        store.close();
    }

    // --- create, append, read ------------------------------------------------------------------

    @Test
    void createWithBodyIsReadableFromTheStart() {
        CreateResult created = create("s", TEXT, "hello", false);

        assertThat(created.created()).isTrue();
        assertThat(readAll("s")).isEqualTo("hello");
        assertThat(created.stream().tail()).isEqualTo(5);
    }

    @Test
    void createIsIdempotentOnMatchingConfigAndConflictsOtherwise() {
        create("s", TEXT, "", false);

        assertThat(create("s", "TEXT/PLAIN; charset=utf-8", "", false).created()).isFalse();
        assertStatus(() -> create("s", JSON, "", false), 409);
        assertStatus(() -> create("s", TEXT, "", true), 409);
    }

    @Test
    void readsResumeByteExactlyFromEveryReturnedOffset() {
        create("s", TEXT, "", false);
        for (int i = 0; i < 20; i++) {
            append("s", TEXT, "chunk-" + i + ";");
        }
        StringBuilder chunked = new StringBuilder();
        long position = 0;
        StreamMetadata meta = streams.head("s");
        while (position < meta.tail()) {
            ReadResult r = streams.read("s", position, 7);
            assertThat(r.next()).isGreaterThan(position);
            chunked.append(new String(r.bytes(), StandardCharsets.UTF_8));
            position = r.next();
        }
        assertThat(chunked.toString()).isEqualTo(readAll("s"));
        assertThat(chunked.toString()).startsWith("chunk-0;chunk-1;").endsWith("chunk-19;");
    }

    @Test
    void largeAppendsAreStoredInPiecesButReadBackWhole() {
        create("s", "application/octet-stream", "", false);
        byte[] big = new byte[Streams.MAX_ENTRY_BYTES * 3 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        streams.append(new AppendRequest("s", "application/octet-stream", big, false, null, null, null));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long position = 0;
        while (position < big.length) {
            ReadResult r = streams.read("s", position, 50_000);
            out.writeBytes(r.bytes());
            position = r.next();
        }
        assertThat(out.toByteArray()).isEqualTo(big);
    }

    @Test
    void everyAppendTellsTheListenerOnce() {
        long id = create("s", TEXT, "", false).stream().id();
        changes.clear();

        append("s", TEXT, "a");
        append("s", TEXT, "b");

        assertThat(changes).containsExactly(id, id);
    }

    @Test
    void emptyAppendWithoutCloseIsABadRequest() {
        create("s", TEXT, "", false);

        assertStatus(() -> append("s", TEXT, ""), 400);
    }

    @Test
    void appendWithAnotherContentTypeIsAConflict() {
        create("s", TEXT, "", false);

        assertStatus(() -> append("s", JSON, "{}"), 409);
    }

    @Test
    void appendToMissingStreamIsNotFound() {
        assertStatus(() -> append("nope", TEXT, "x"), 404);
    }

    @Test
    void streamSeqMustStrictlyIncreaseBytewise() {
        create("s", TEXT, "", false);
        streams.append(new AppendRequest("s", TEXT, b("a"), false, "B", null, null));

        assertStatus(() -> streams.append(new AppendRequest("s", TEXT, b("b"), false, "B", null, null)), 409);
        assertStatus(() -> streams.append(new AppendRequest("s", TEXT, b("b"), false, "a0", null, null)), 200);
    }

    @Test
    void concurrentAppendsToOneStreamAreSerialisedWithoutLossOrOverlap() throws Exception {
        create("s", TEXT, "", false);
        int threads = 8;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int writer = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        append("s", TEXT, "<" + writer + ":" + i + ">");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String all = readAll("s");
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                String token = "<" + t + ":" + i + ">";
                assertThat(all.indexOf(token)).as(token).isNotNegative().isEqualTo(all.lastIndexOf(token));
            }
        }
        assertThat(streams.head("s").tail()).isEqualTo(all.length());
    }

    @Test
    void concurrentRetriesOfOneProducerAppendWriteItOnce() throws Exception {
        create("s", TEXT, "", false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AppendResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> producerAppend("s", "p", 0, 0, "once")));
            }
            int written = 0;
            for (Future<AppendResult> f : results) {
                written += f.get(60, TimeUnit.SECONDS).appended() ? 1 : 0;
            }
            assertThat(written).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(readAll("s")).isEqualTo("once");
    }

    // --- closure -------------------------------------------------------------------------------

    @Test
    void appendToClosedStreamIsRejectedWithFinalOffset() {
        create("s", TEXT, "done", true);

        ProtocolException e = catchProtocol(() -> append("s", TEXT, "more"));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.headers()).containsEntry(ProtocolHeaders.STREAM_CLOSED, "true")
                .containsEntry(ProtocolHeaders.STREAM_NEXT_OFFSET, StreamOffset.format(4));
    }

    @Test
    void closedCheckComesBeforeContentTypeCheck() {
        create("s", TEXT, "", true);

        ProtocolException e = catchProtocol(() -> append("s", JSON, "{}"));

        assertThat(e.headers()).containsKey(ProtocolHeaders.STREAM_CLOSED);
    }

    @Test
    void closeOnlyIsIdempotent() {
        create("s", TEXT, "x", false);

        AppendResult first = close("s");
        AppendResult second = close("s");

        assertThat(first.closed()).isTrue();
        assertThat(second.closed()).isTrue();
        assertThat(second.tail()).isEqualTo(1);
    }

    @Test
    void appendAndCloseIsAtomic() {
        create("s", TEXT, "", false);

        AppendResult r = streams.append(new AppendRequest("s", TEXT, b("last"), true, null, null, null));

        assertThat(r.closed()).isTrue();
        assertThat(readAll("s")).isEqualTo("last");
        assertThat(streams.read("s", 0, 100).endOfStream()).isTrue();
    }

    @Test
    void retryOfTheClosingProducerAppendIsADuplicate() {
        create("s", TEXT, "", false);
        ProducerHeaders p = new ProducerHeaders("p", 0, 0);
        streams.append(new AppendRequest("s", TEXT, b("last"), true, null, p, null));

        AppendResult retry = streams.append(new AppendRequest("s", TEXT, b("last"), true, null, p, null));

        assertThat(retry.appended()).isFalse();
        assertThat(retry.closed()).isTrue();
        assertThat(readAll("s")).isEqualTo("last");
    }

    // --- idempotent producers ------------------------------------------------------------------

    @Test
    void producerDuplicatesAreAcknowledgedWithoutWriting() {
        create("s", TEXT, "", false);
        producerAppend("s", "p", 0, 0, "a");

        AppendResult dup = producerAppend("s", "p", 0, 0, "a");

        assertThat(dup.appended()).isFalse();
        assertThat(dup.producer().lastSeq()).isEqualTo(0);
        assertThat(readAll("s")).isEqualTo("a");
    }

    @Test
    void producerGapIsAConflictNamingExpectedAndReceived() {
        create("s", TEXT, "", false);
        producerAppend("s", "p", 0, 0, "a");

        ProtocolException e = catchProtocol(() -> producerAppend("s", "p", 0, 5, "b"));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.headers()).containsEntry(ProtocolHeaders.PRODUCER_EXPECTED_SEQ, "1")
                .containsEntry(ProtocolHeaders.PRODUCER_RECEIVED_SEQ, "5");
    }

    @Test
    void staleEpochIsFencedWithTheCurrentEpoch() {
        create("s", TEXT, "", false);
        producerAppend("s", "p", 3, 0, "a");

        ProtocolException e = catchProtocol(() -> producerAppend("s", "p", 2, 1, "b"));

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.headers()).containsEntry(ProtocolHeaders.PRODUCER_EPOCH, "3");
    }

    @Test
    void aNewEpochMustStartAtSeqZero() {
        create("s", TEXT, "", false);
        producerAppend("s", "p", 0, 0, "a");

        assertStatus(() -> producerAppend("s", "p", 1, 1, "b"), 400);
        assertThat(producerAppend("s", "p", 1, 0, "b").appended()).isTrue();
    }

    // --- JSON mode -----------------------------------------------------------------------------

    @Test
    void jsonArraysAreFlattenedOneLevelAndReadAsOneArray() {
        create("j", JSON, "", false);
        append("j", JSON, "[{\"a\":1},[2,3]]");
        append("j", JSON, "\"x\"");

        assertThat(readAll("j")).isEqualTo("{\"a\":1},[2,3],\"x\",");
    }

    @Test
    void jsonAppendOfAnEmptyArrayOrInvalidJsonIsABadRequest() {
        create("j", JSON, "[]", false);

        assertStatus(() -> append("j", JSON, "[]"), 400);
        assertStatus(() -> append("j", JSON, "{\"a\":"), 400);
    }

    @Test
    void jsonReadsNeverSplitAMessage() {
        create("j", JSON, "[\"aaaa\",\"bbbb\",\"cccc\"]", false);

        ReadResult first = streams.read("j", 0, 10);

        assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo("\"aaaa\",");
    }

    @Test
    void aReadAtAnOffsetInsideAJsonMessageStartsAtThatMessage() {
        create("j", JSON, "[\"aaaa\",\"bbbb\"]", false);
        ReadOffset inside = ReadOffset.parse(StreamOffset.format(8));
        StreamMetadata meta = streams.openRead("j", inside);

        long start = streams.readStart(meta, inside);
        ReadResult r = streams.read(meta, start, 1 << 20);

        assertThat(start).isEqualTo(7);
        assertThat(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo("\"bbbb\",");
        assertThat(r.next()).isEqualTo(meta.tail());
    }

    @Test
    void aReadAtAnOffsetInsideAByteMessageStartsAtThatMessage() {
        create("s", TEXT, "hello", false);
        append("s", TEXT, "world");
        ReadOffset inside = ReadOffset.parse(StreamOffset.format(6));
        StreamMetadata meta = streams.openRead("s", inside);

        long start = streams.readStart(meta, inside);

        assertThat(start).isEqualTo(5);
        assertThat(new String(streams.read(meta, start, 1 << 20).bytes(), StandardCharsets.UTF_8)).isEqualTo("world");
        assertThat(drain(streams.body(meta, start, 1 << 20), ByteBuffer.allocate(64)))
                .isEqualTo(b("world"));
    }

    @Test
    void aReadAtAMessageBoundaryOrAnEndStartsThere() {
        create("s", TEXT, "hello", false);
        append("s", TEXT, "world");
        StreamMetadata meta = streams.head("s");

        assertThat(streams.readStart(meta, ReadOffset.parse(StreamOffset.format(5)))).isEqualTo(5);
        assertThat(streams.readStart(meta, ReadOffset.parse(StreamOffset.format(10)))).isEqualTo(10);
        assertThat(streams.readStart(meta, ReadOffset.START)).isZero();
        assertThat(streams.readStart(meta, ReadOffset.NOW)).isEqualTo(10);
    }

    @Test
    void aReadAtAnOffsetInsideAnInheritedMessageOfAForkStartsAtThatMessage() {
        create("src", TEXT, "hello", false);
        append("src", TEXT, "world");
        fork("f", "src", StreamOffset.format(10), 0);
        append("f", TEXT, "!");
        StreamMetadata meta = streams.head("f");

        assertThat(streams.readStart(meta, ReadOffset.parse(StreamOffset.format(7)))).isEqualTo(5);
        assertThat(streams.readStart(meta, ReadOffset.parse(StreamOffset.format(10)))).isEqualTo(10);
    }

    @Test
    void readsOfByteStreamsNeverEndInsideAMessage() {
        create("s", TEXT, "hello", false);
        append("s", TEXT, "world");
        StreamMetadata meta = streams.head("s");

        ReadResult live = streams.read("s", 0, 3);

        assertThat(new String(live.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(live.next()).isEqualTo(5);
        assertThat(streams.body(meta, 0, 3).next()).isEqualTo(5);
        assertThat(streams.body(meta, 0, 7).next()).isEqualTo(10);
        assertThat(streams.body(meta, 5, 1).next()).isEqualTo(10);
    }

    // --- what the committer remembers between appends ------------------------------------------

    @Test
    void anAppendAfterDeleteAndRecreateGoesToTheNewStream() {
        create("s", TEXT, "", false);
        append("s", TEXT, "old");
        streams.delete("s");
        create("s", TEXT, "", false);

        assertThat(append("s", TEXT, "new").tail()).isEqualTo(3);
        assertThat(readAll("s")).isEqualTo("new");
    }

    @Test
    void anAppendAfterAForkKeepsTheSourceForTheForkWhenTheSourceIsDeleted() {
        create("src", TEXT, "", false);
        append("src", TEXT, "abc");
        fork("f", "src", null, 0);
        append("src", TEXT, "def");
        streams.delete("src");

        assertThat(readAll("f")).isEqualTo("abc");
        assertStatus(() -> append("src", TEXT, "ghi"), 410);
    }

    @Test
    void theStreamCountFollowsCreatesForksAndDropsAndIsCountedAgainOnReopening() {
        create("a", TEXT, "", false);
        create("b", TEXT, "x", false);
        create("b", TEXT, "x", false);
        fork("f", "a", null, 0);
        assertThat(store.streamCount()).isEqualTo(3);

        streams.delete("a");
        assertThat(store.streamCount()).as("a soft-deleted source is still stored").isEqualTo(3);

        streams.delete("f");
        assertThat(store.streamCount()).as("the fork and the source it released are dropped").isEqualTo(1);
        assertThat(new StreamStore(engine).streamCount()).isEqualTo(1);
    }

    @Test
    void everyTailIsFoundAgainWhenTheStoreIsOpenedAgain() {
        create("s", TEXT, "a", false);
        append("s", TEXT, "bb");
        create("big", "application/octet-stream", "", false);
        streams.append(new AppendRequest("big", "application/octet-stream", new byte[Streams.MAX_ENTRY_BYTES * 2 + 5],
                false, null, null, null));
        fork("f", "s", null, 0);
        append("f", TEXT, "ccc");
        append("s", TEXT, "dddd");
        create("c", TEXT, "e", false);
        close("c");
        create("empty", TEXT, "", false);

        StreamStore reopened = new StreamStore(engine);
        Streams again = new Streams(reopened, id -> { }, clock::get);
        try {
            for (String path : List.of("s", "big", "f", "c", "empty")) {
                StreamMetadata before = streams.head(path);
                assertThat(again.head(path)).as(path).isEqualTo(before);
                assertThat(again.read(again.head(path), 0, Integer.MAX_VALUE).bytes()).as(path)
                        .isEqualTo(streams.read(before, 0, Integer.MAX_VALUE).bytes());
            }
            assertThat(again.head("s").tail()).isEqualTo(7);
            assertThat(again.head("f").tail()).isEqualTo(6);
            assertThat(again.head("big").tail()).isEqualTo(Streams.MAX_ENTRY_BYTES * 2 + 5);
            assertThat(again.append(new AppendRequest("s", TEXT, b("f"), false, null, null, null)).tail())
                    .as("an append after reopening goes on at the tail").isEqualTo(8);
        } finally {
            again.close();
        }
    }

    @Test
    void anAppendAfterExpiryIsRefusedAndTheRecreatedStreamStartsEmpty() {
        create("s", TEXT, "", false, StreamExpiry.parse("60", null));
        append("s", TEXT, "abc");
        clock.addAndGet(61_000);

        assertStatus(() -> append("s", TEXT, "late"), 404);
        streams.sweepExpired();
        create("s", TEXT, "", false);
        assertThat(append("s", TEXT, "x").tail()).isEqualTo(1);
    }

    // --- forks ---------------------------------------------------------------------------------

    @Test
    void aBodyIsCopiedByteExactThroughABufferSmallerThanItFromAnyPosition() {
        byte[] all = storedPattern("s", Streams.MAX_ENTRY_BYTES * 3 + 17, 5000, 3);
        StreamMetadata meta = streams.head("s");

        for (long from : new long[] {0, 1, Streams.MAX_ENTRY_BYTES, Streams.MAX_ENTRY_BYTES + 9, all.length - 1}) {
            for (ByteBuffer buffer : List.of(ByteBuffer.allocate(70_000), ByteBuffer.allocateDirect(1000))) {
                StreamBody body = streams.body(meta, from, Long.MAX_VALUE);
                assertThat(body.next()).isEqualTo(all.length);
                assertThat(body.upToDate()).isTrue();
                assertThat(drain(body, buffer)).isEqualTo(Arrays.copyOfRange(all, (int) from, all.length));
            }
        }
    }

    @Test
    void aBodyEndsAtTheFirstEntryEndPastItsLimitOrAtTheTailItWasOpenedAt() {
        byte[] all = storedPattern("s", 100_000, 0, 0);
        StreamMetadata meta = streams.head("s");

        StreamBody limited = streams.body(meta, 10, 50_000);
        assertThat(limited.next()).isEqualTo(Streams.MAX_ENTRY_BYTES);
        assertThat(limited.upToDate()).isFalse();
        assertThat(drain(limited, ByteBuffer.allocate(4096)))
                .isEqualTo(Arrays.copyOfRange(all, 10, Streams.MAX_ENTRY_BYTES));

        StreamBody opened = streams.body(meta, 0, Long.MAX_VALUE);
        append("s", "application/octet-stream", "appended after the read was opened");
        assertThat(drain(opened, ByteBuffer.allocate(4096))).isEqualTo(all);
        assertThat(opened.next()).isEqualTo(all.length);
    }

    @Test
    void shortBodiesEndAtTheFirstMessageEndPastTheirLimitWhereverTheyStart() {
        create("s", TEXT, "ab", false);
        append("s", TEXT, "cd");
        append("s", TEXT, "ef");
        StreamMetadata meta = streams.head("s");

        for (long from = 0; from <= 6; from++) {
            for (long max = 1; max <= 6; max++) {
                StreamBody body = streams.body(meta, from, max);
                long messageEnd = (from + max + 1) / 2 * 2;
                String expected = "abcdef".substring((int) from, (int) Math.min(6, messageEnd));
                assertThat(new String(drain(body, ByteBuffer.allocate(8)), StandardCharsets.UTF_8))
                        .as("from %d, at most %d", from, max).isEqualTo(expected);
            }
        }
    }

    @Test
    void aBodyOfAForkStitchesItsSourceAndItsOwnData() {
        create("src", TEXT, "abc", false);
        fork("f", "src", null, 0);
        append("src", TEXT, "-source-only");
        append("f", TEXT, "def");

        StreamBody body = streams.body(streams.head("f"), 1, Long.MAX_VALUE);

        assertThat(new String(drain(body, ByteBuffer.allocate(2)), StandardCharsets.UTF_8)).isEqualTo("bcdef");
    }

    @Test
    void aBodyOfAStreamDeletedAfterTheReadWasOpenedIsNotFound() {
        storedPattern("s", 1000, 0, 0);
        StreamBody body = streams.body(streams.head("s"), 0, Long.MAX_VALUE);

        streams.delete("s");

        assertStatus(() -> body.fill(ByteBuffer.allocate(100)), 404);
    }

    @Test
    void aForkReadsInheritedDataThenItsOwn() {
        create("src", TEXT, "abc", false);
        fork("f", "src", null, 0);
        append("src", TEXT, "-source-only");
        append("f", TEXT, "def");

        assertThat(readAll("f")).isEqualTo("abcdef");
        assertThat(readAll("src")).isEqualTo("abc-source-only");
    }

    @Test
    void forkAtAByteSubOffsetInheritsAPrefixOfAnAppend() {
        create("src", TEXT, "hello", false);

        fork("f", "src", StreamOffset.format(0), 3);

        assertThat(readAll("f")).isEqualTo("hel");
        assertStatus(() -> fork("g", "src", StreamOffset.format(0), 6), 400);
    }

    @Test
    void forkAtAJsonSubOffsetCountsMessages() {
        create("src", JSON, "[1,2,3,4]", false);

        fork("f", "src", StreamOffset.format(0), 2);

        assertThat(readAll("f")).isEqualTo("1,2,");
        assertStatus(() -> fork("g", "src", StreamOffset.format(0), 5), 400);
    }

    @Test
    void forkOfAMissingSourceIsNotFoundAndBeyondItsTailIsABadRequest() {
        create("src", TEXT, "ab", false);

        assertStatus(() -> fork("f", "missing", null, 0), 404);
        assertStatus(() -> fork("f", "src", StreamOffset.format(3), 0), 400);
    }

    @Test
    void recursiveForksStitchEveryLevel() {
        create("a", TEXT, "1", false);
        fork("b", "a", null, 0);
        append("b", TEXT, "2");
        fork("c", "b", null, 0);
        append("c", TEXT, "3");

        assertThat(readAll("c")).isEqualTo("123");
    }

    @Test
    void deletingASourceWithForksSoftDeletesItAndBlocksItsPath() {
        create("src", TEXT, "abc", false);
        fork("f", "src", null, 0);

        streams.delete("src");

        assertStatus(() -> streams.head("src"), 410);
        assertStatus(() -> streams.delete("src"), 410);
        assertStatus(() -> create("src", TEXT, "", false), 409);
        assertThat(readAll("f")).isEqualTo("abc");
    }

    @Test
    void deletingTheLastForkCascadesThroughSoftDeletedSources() {
        long srcId = create("a", TEXT, "1", false).stream().id();
        fork("b", "a", null, 0);
        fork("c", "b", null, 0);
        streams.delete("a");
        streams.delete("b");

        streams.delete("c");

        assertThat(store.byId(srcId)).isEmpty();
        assertThat(store.byPath("a")).isEmpty();
        assertThat(store.byPath("b")).isEmpty();
        assertThat(create("a", TEXT, "new", false).created()).isTrue();
    }

    @Test
    void aForkDeeperThanTheLimitIsRefusedNamingTheLimit() {
        List<String> chain = forkChain("deep", DEPTH_LIMIT);
        List<String> keys = engine.keys();

        ProtocolException refused = catchProtocol(() -> fork("deep/too-far", last(chain), null, 0));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("max-fork-depth").contains(Integer.toString(DEPTH_LIMIT));
        assertThat(engine.keys()).isEqualTo(keys);
        assertThat(store.byPath(last(chain)).orElseThrow().forkDepth()).isEqualTo(DEPTH_LIMIT);
        assertThat(fork("deep/shallower", chain.get(DEPTH_LIMIT - 1), null, 0).stream().forkDepth())
                .isEqualTo(DEPTH_LIMIT);
    }

    @Test
    void theLimitCountsForksStoredBeforeDepthsWereByWalkingTheirChain() {
        List<String> chain = forkChain("old", DEPTH_LIMIT);
        StreamStore.Mutation forget = store.mutation();
        for (String path : chain) {
            StreamMetadata m = store.byPath(path).orElseThrow();
            forget.putMetadata(new StreamMetadata(m.id(), m.path(), m.contentType(), m.ttlSeconds(), m.expiresAt(),
                    m.expiresAtMillis(), m.lastAccessMillis(), m.tail(), m.closed(), m.closedBy(), m.lastStreamSeq(),
                    m.sourceId(), m.forkedFrom(), m.forkPosition(), m.forkCount(), m.softDeleted()));
        }
        writeAsAnOlderVersionDid(forget);
        assertThat(store.byPath(last(chain)).orElseThrow().forkDepth()).isEqualTo(StreamMetadata.UNKNOWN_FORK_DEPTH);

        assertStatus(() -> fork("old/too-far", last(chain), null, 0), 400);
        assertThat(fork("old/fits", chain.get(3), null, 0).stream().forkDepth()).isEqualTo(4);
    }

    @Test
    void aChainAtTheLimitDeletedInAnyOrderLeavesNothingBehind() {
        create("bystander", TEXT, "stays", false);
        List<String> keys = engine.keys();
        int size = DEPTH_LIMIT + 1;
        List<List<Integer>> orders = new ArrayList<>();
        List<Integer> rootFirst = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            rootFirst.add(i);
        }
        List<Integer> leafFirst = new ArrayList<>(rootFirst);
        Collections.reverse(leafFirst);
        List<Integer> middleOut = new ArrayList<>();
        for (int step = 0; middleOut.size() < size; step++) {
            int below = size / 2 - step;
            int above = size / 2 + step + 1;
            if (below >= 0) {
                middleOut.add(below);
            }
            if (above < size) {
                middleOut.add(above);
            }
        }
        List<Integer> shuffled = new ArrayList<>(rootFirst);
        Collections.shuffle(shuffled, new Random(42));
        orders.add(leafFirst);
        orders.add(rootFirst);
        orders.add(middleOut);
        orders.add(shuffled);

        for (List<Integer> order : orders) {
            List<String> chain = forkChain("chain", DEPTH_LIMIT);
            assertThat(readAll(last(chain))).isEqualTo(expectedChainText(size));
            for (int level : order) {
                streams.delete(chain.get(level));
            }

            assertThat(engine.keys()).as("keys left after deleting the chain in order %s", order).isEqualTo(keys);
            assertThat(streams.list("chain", null, 10)).isEmpty();
        }
        assertThat(readAll("bystander")).isEqualTo("stays");
    }

    @Test
    void theWorkOfADeleteDoesNotGrowWithTheDepthOfTheChain() {
        List<String> shallow = forkChain("shallow", 2);
        List<String> deep = forkChain("deep", DEPTH_LIMIT);
        create("lone", TEXT, "x", false);
        long deleteLone = operations(() -> {
            streams.delete("lone");
            return null;
        });

        long shallowMiddle = operations(() -> {
            streams.delete(shallow.get(1));
            return null;
        });
        List<Long> deepLevels = new ArrayList<>();
        for (int level = DEPTH_LIMIT - 1; level >= 0; level--) {
            String path = deep.get(level);
            deepLevels.add(operations(() -> {
                streams.delete(path);
                return null;
            }));
        }
        long cascade = operations(() -> {
            streams.delete(last(deep));
            return null;
        });

        assertThat(deepLevels).as("store operations of each soft delete, leaf side first").containsOnly(shallowMiddle);
        assertThat(cascade).as("store operations of a delete that drops %d streams", deep.size())
                .isLessThanOrEqualTo(deep.size() * deleteLone);
        assertThat(store.byPath(deep.get(0))).isEmpty();
    }

    @Test
    void aCascadeLongerThanOneDeleteMayDropIsFinishedByTheSweeper() {
        int depth = StreamRemoval.MAX_DROPS + 20;
        create("bystander", TEXT, "stays", false);
        List<String> keys = engine.keys();
        streams.close();
        Streams deepForks = openStreams(depth);
        List<String> chain = new ArrayList<>();
        try {
            chain.add(deepForks.create(new CreateRequest("long/0", TEXT, StreamExpiry.NONE, false, b("0"), null,
                    null, 0)).stream().path());
            for (int i = 1; i <= depth; i++) {
                chain.add(deepForks.create(new CreateRequest("long/" + i, null, StreamExpiry.NONE, false, b(""),
                        chain.get(i - 1), null, 0)).stream().path());
            }
        } finally {
            deepForks.close();
            streams = openStreams(Streams.DEFAULT_MAX_FORK_DEPTH);
        }
        for (int i = 0; i < depth; i++) {
            streams.delete(chain.get(i));
        }

        streams.delete(last(chain));

        assertThat(store.byPath(last(chain))).isEmpty();
        assertThat(store.byPath(chain.get(0))).as("the root is left for the sweeper").isPresent();
        assertThat(streams.sweepExpired()).isPositive();
        assertThat(engine.keys()).isEqualTo(keys);
    }

    @Test
    void forksDoNotInheritProducerState() {
        create("src", TEXT, "", false);
        producerAppend("src", "p", 0, 0, "a");
        fork("f", "src", null, 0);

        AppendResult onFork = producerAppend("f", "p", 0, 0, "b");

        assertThat(onFork.appended()).isTrue();
    }

    // --- delete, TTL ---------------------------------------------------------------------------

    @Test
    void aRecreatedPathDoesNotSeeTheOldStreamsData() {
        create("s", TEXT, "old", false);
        streams.delete("s");

        create("s", TEXT, "new", false);

        assertThat(readAll("s")).isEqualTo("new");
    }

    @Test
    void readsFromMemoryAnswerAsReadsFromTheStoreOnlyOnASingleNode() {
        create("t", TEXT, "abc", false);
        append("t", TEXT, "def");
        create("j", JSON, "[1,{\"a\":2}]", false);
        if (readsWaitForOtherNodes()) {
            assertThat(streams.inMemory()).isEmpty();
            return;
        }
        CatchUpReads memory = streams.inMemory().orElseThrow();

        StreamMetadata text = memory.openRead("t", ReadOffset.START);
        assertThat(text).isEqualTo(streams.openRead("t", ReadOffset.START));
        ReadOffset middle = ReadOffset.parse(StreamOffset.format(3));
        assertThat(memory.readStart(text, middle)).isEqualTo(streams.readStart(text, middle)).isEqualTo(3);
        StreamBody body = memory.body(text, 0, 1 << 20);
        ByteBuffer out = ByteBuffer.allocate((int) body.remaining());
        body.fill(out);
        assertThat(new String(out.array(), StandardCharsets.UTF_8)).isEqualTo("abcdef");
        assertThat(body.remaining()).isZero();
        StreamMetadata json = memory.openRead("j", ReadOffset.START);
        assertThat(memory.read(json, 0, 1 << 20)).usingRecursiveComparison()
                .isEqualTo(streams.read(json, 0, 1 << 20));
        assertStatus(() -> memory.openRead("missing", ReadOffset.START), 404);
        assertStatus(() -> memory.openRead("t", ReadOffset.parse(StreamOffset.format(7))), 400);
    }

    @Test
    void aReadFromMemoryOfAStreamWithATtlIsRefusedBeforeItRecordsTheAccess() {
        long id = create("s", TEXT, "x", false, StreamExpiry.parse("10", null)).stream().id();
        clock.addAndGet(5_000);
        if (readsWaitForOtherNodes()) {
            assertThat(streams.inMemory()).isEmpty();
            return;
        }

        assertThatThrownBy(() -> streams.inMemory().orElseThrow().openRead("s", ReadOffset.START))
                .isInstanceOf(NotInMemoryException.class);
        assertThat(store.lastAccess(id)).isEmpty();

        streams.openRead("s", ReadOffset.START);
        assertThat(store.lastAccess(id)).hasValue(clock.get());
    }

    @Test
    void aStreamExpiresAfterItsTtlWithoutAccessAndTheSweeperFreesIt() {
        long id = create("s", TEXT, "x", false, StreamExpiry.parse("10", null)).stream().id();

        clock.addAndGet(9_000);
        streams.openRead("s", ReadOffset.START);
        clock.addAndGet(9_000);
        assertThat(streams.head("s").id()).isEqualTo(id);

        clock.addAndGet(2_000);
        assertStatus(() -> streams.head("s"), 404);
        assertThat(streams.sweepExpired()).isEqualTo(1);
        assertThat(store.byId(id)).isEmpty();
    }

    @Test
    void theSweeperKeepsAStreamWhoseWindowWasExtendedAndRemovesItLater() {
        long id = create("s", TEXT, "x", false, StreamExpiry.parse("10", null)).stream().id();
        clock.addAndGet(9_000);
        streams.openRead("s", ReadOffset.START);

        clock.addAndGet(2_000);
        assertThat(streams.sweepExpired()).isZero();
        assertThat(streams.head("s").id()).isEqualTo(id);

        clock.addAndGet(9_000);
        assertThat(streams.sweepExpired()).isEqualTo(1);
        assertThat(store.byId(id)).isEmpty();
    }

    @Test
    void anExpiredSourceWithForksFreesItsPathButKeepsItsDataForTheForks() {
        create("src", TEXT, "abc", false, StreamExpiry.parse("10", null));
        streams.create(new CreateRequest("f", null, StreamExpiry.parse("100", null), false, new byte[0], "src", null, 0));

        clock.addAndGet(11_000);
        streams.sweepExpired();

        assertStatus(() -> streams.head("src"), 404);
        assertThat(readAll("f")).isEqualTo("abc");
        assertThat(create("src", TEXT, "new", false).created()).isTrue();
    }

    @Test
    void anAbsoluteExpiryIsNotExtendedByReads() {
        String at = java.time.Instant.ofEpochMilli(clock.get() + 5_000).toString();
        create("s", TEXT, "x", false, StreamExpiry.parse(null, at));

        streams.openRead("s", ReadOffset.START);
        clock.addAndGet(5_000);

        assertStatus(() -> streams.head("s"), 404);
    }

    // --- source watermarks ---------------------------------------------------------------------

    @Test
    void anAppendWithASourceRangeRaisesTheWatermarkAndIndexesTheBatch() {
        create("s", TEXT, "", false);

        AppendResult r = sourceAppend("s", 0, 0, "orders/3/10/19", "ten-records");

        assertThat(r.watermark()).isEqualTo(19L);
        assertThat(streams.watermarks("s")).containsExactly(new SourceWatermark("orders", 3, 19));
        assertThat(streams.sourceBatch("s", new SourcePartition("orders", 3), 15))
                .isEqualTo(new SourceBatch(10, 19, 0, 11));
        assertStatus(() -> streams.sourceBatch("s", new SourcePartition("orders", 3), 9), 404);
        assertStatus(() -> streams.sourceBatch("s", new SourcePartition("orders", 3), 20), 404);
    }

    @Test
    void theAppendsOfAStreamAreListedInStreamOrderWithTheirSourceRanges() {
        create("s", TEXT, "", false);
        sourceAppend("s", 0, 0, "ai.tokens/0/10/30", "ab");
        streams.append(new AppendRequest("s", TEXT, b("plain"), false, null, null, null));
        sourceAppend("s", 0, 1, "orders/2/7/7", "c");
        sourceAppend("s", 0, 2, "ai.tokens/0/55/55", "def");

        assertThat(streams.sourceAppends("s", -1, 10)).containsExactly(
                new SourceAppend(new SourcePartition("ai.tokens", 0), new SourceBatch(10, 30, 0, 2)),
                new SourceAppend(new SourcePartition("orders", 2), new SourceBatch(7, 7, 7, 8)),
                new SourceAppend(new SourcePartition("ai.tokens", 0), new SourceBatch(55, 55, 8, 11)));
        assertThat(streams.sourceAppends("s", 1, 10)).extracting(a -> a.batch().firstOffset())
                .as("an append that ends after the position is listed even when it starts before it")
                .containsExactly(10L, 7L, 55L);
        assertThat(streams.sourceAppends("s", 2, 1)).extracting(a -> a.batch().firstOffset()).containsExactly(7L);
        assertThat(streams.sourceAppends("s", 8, 10)).extracting(a -> a.batch().firstOffset()).containsExactly(55L);
        assertThat(streams.sourceAppends("s", 11, 10)).isEmpty();
    }

    @Test
    void anAppendWithoutDataIsNotListedAmongTheAppends() {
        create("s", TEXT, "", false);
        sourceAppend("s", 0, 0, "orders/0/1/1", "a");

        streams.append(new AppendRequest("s", TEXT, new byte[0], true, null,
                new ProducerHeaders("connector-0", 0, 1), SourceRange.parse("orders/0/2/2")));

        assertThat(streams.sourceAppends("s", -1, 10)).extracting(a -> a.batch().lastOffset()).containsExactly(1L);
        assertThat(streams.watermarks("s")).containsExactly(new SourceWatermark("orders", 0, 2));
    }

    @Test
    void deletingAStreamLeavesNoneOfItsSourceIndexEntries() {
        create("other", TEXT, "", false);
        List<String> keys = engine.keys();
        create("s", TEXT, "", false);
        sourceAppend("s", 0, 0, "orders/0/1/4", "abcd");
        sourceAppend("s", 0, 1, "orders/1/9/9", "e");

        streams.delete("s");

        assertThat(engine.keys()).isEqualTo(keys);
        create("s", TEXT, "", false);
        assertThat(streams.sourceAppends("s", -1, 10)).isEmpty();
    }

    @Test
    void aBatchAtOrBelowTheWatermarkIsADuplicateThatStillConsumesTheProducerSeq() {
        create("s", TEXT, "", false);
        sourceAppend("s", 0, 0, "orders/0/0/9", "first");

        AppendResult dup = sourceAppend("s", 1, 0, "orders/0/5/9", "again");

        assertThat(dup.appended()).isFalse();
        assertThat(dup.watermark()).isEqualTo(9L);
        assertThat(readAll("s")).isEqualTo("first");
        assertThat(sourceAppend("s", 1, 1, "orders/0/10/12", "next").appended()).isTrue();
    }

    @Test
    void aBatchStraddlingTheWatermarkIsRefusedWithoutConsumingTheProducerSeq() {
        create("s", TEXT, "", false);
        sourceAppend("s", 0, 0, "orders/0/0/9", "first");

        ProtocolException e = catchProtocol(() -> sourceAppend("s", 0, 1, "orders/0/8/12", "overlap"));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.headers()).containsEntry(ProtocolHeaders.DSK_SOURCE_WATERMARK, "9");
        assertThat(sourceAppend("s", 0, 1, "orders/0/10/12", "trimmed").appended()).isTrue();
        assertThat(readAll("s")).isEqualTo("firsttrimmed");
    }

    @Test
    void watermarksAreNotInheritedByForksAndAreDroppedWithTheStream() {
        create("s", TEXT, "", false);
        sourceAppend("s", 0, 0, "orders/0/0/9", "first");
        fork("f", "s", null, 0);

        assertThat(streams.watermarks("f")).isEmpty();
        streams.delete("f");
        streams.delete("s");
        create("s", TEXT, "", false);
        assertThat(streams.watermarks("s")).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------

    private static final int DEPTH_LIMIT = Streams.DEFAULT_MAX_FORK_DEPTH;

    /**
     * A root {@code prefix/0} holding "0" and {@code depth} forks of it, each of the one before,
     * fork {@code i} at {@code prefix/i} appending "i"; the paths, root first.
     */
    private List<String> forkChain(String prefix, int depth) {
        List<String> chain = new ArrayList<>();
        chain.add(create(prefix + "/0", TEXT, "0", false).stream().path());
        for (int i = 1; i <= depth; i++) {
            String path = prefix + "/" + i;
            fork(path, chain.get(i - 1), null, 0);
            append(path, TEXT, Integer.toString(i));
            chain.add(path);
        }
        return chain;
    }

    private static String expectedChainText(int size) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < size; i++) {
            text.append(i);
        }
        return text.toString();
    }

    private static String last(List<String> chain) {
        return chain.get(chain.size() - 1);
    }

    /** The engine operations {@code work} performs. */
    private long operations(Callable<?> work) {
        long before = engine.operations();
        try {
            work.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return engine.operations() - before;
    }

    private CreateResult create(String path, String type, String body, boolean closed) {
        return create(path, type, body, closed, StreamExpiry.NONE);
    }

    private CreateResult create(String path, String type, String body, boolean closed, StreamExpiry expiry) {
        return streams.create(new CreateRequest(path, type, expiry, closed, b(body), null, null, 0));
    }

    private CreateResult fork(String path, String source, String offset, long sub) {
        return streams.create(new CreateRequest(path, null, StreamExpiry.NONE, false, new byte[0], source, offset, sub));
    }

    private AppendResult append(String path, String type, String body) {
        return streams.append(new AppendRequest(path, type, b(body), false, null, null, null));
    }

    private AppendResult close(String path) {
        return streams.append(new AppendRequest(path, null, new byte[0], true, null, null, null));
    }

    private AppendResult producerAppend(String path, String id, long epoch, long seq, String body) {
        return streams.append(new AppendRequest(path, TEXT, b(body), false, null,
                new ProducerHeaders(id, epoch, seq), null));
    }

    private AppendResult sourceAppend(String path, long epoch, long seq, String range, String body) {
        return streams.append(new AppendRequest(path, TEXT, b(body), false, null,
                new ProducerHeaders("connector-0", epoch, seq), SourceRange.parse(range)));
    }

    /**
     * Creates a byte stream holding one append of {@code first} bytes then {@code count} appends of
     * {@code each} bytes, every byte a function of its position; returns the whole stream.
     */
    private byte[] storedPattern(String path, int first, int each, int count) {
        create(path, "application/octet-stream", "", false);
        byte[] all = new byte[first + each * count];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i * 31 + i / 251);
        }
        int at = 0;
        for (int size : appendSizes(first, each, count)) {
            streams.append(new AppendRequest(path, "application/octet-stream", Arrays.copyOfRange(all, at, at + size),
                    false, null, null, null));
            at += size;
        }
        return all;
    }

    private static List<Integer> appendSizes(int first, int each, int count) {
        List<Integer> sizes = new ArrayList<>(List.of(first));
        for (int i = 0; i < count; i++) {
            sizes.add(each);
        }
        return sizes;
    }

    /** Fills the body through {@code buffer} until it is done; the bytes it gave. */
    private static byte[] drain(StreamBody body, ByteBuffer buffer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (body.remaining() > 0) {
            buffer.clear();
            body.fill(buffer);
            buffer.flip();
            assertThat(buffer.remaining()).isPositive();
            byte[] piece = new byte[buffer.remaining()];
            buffer.get(piece);
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    private String readAll(String path) {
        StreamMetadata meta = streams.head(path);
        return new String(streams.read(meta, 0, Integer.MAX_VALUE).bytes(), StandardCharsets.UTF_8);
    }

    private static ProtocolException catchProtocol(ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (ProtocolException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected a ProtocolException", t);
        }
        throw new AssertionError("expected a ProtocolException, but the call succeeded");
    }

    /** Asserts the call is refused with {@code status}, or succeeds when {@code status} is 200. */
    private static void assertStatus(ThrowableAssert.ThrowingCallable call, int status) {
        if (status == 200) {
            try {
                call.call();
            } catch (Throwable t) {
                throw new AssertionError("expected success", t);
            }
            return;
        }
        assertThatThrownBy(call).isInstanceOf(ProtocolException.class)
                .satisfies(t -> assertThat(((ProtocolException) t).status()).isEqualTo(status));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
