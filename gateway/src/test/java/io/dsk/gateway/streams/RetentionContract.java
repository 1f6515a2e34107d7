package io.dsk.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ProtocolHeaders;
import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.protocol.SourceRange;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.protocol.StreamOffset;
import io.dsk.gateway.store.KeyValueCursor;
import io.dsk.gateway.store.KeyValueStore;
import io.dsk.gateway.store.RetentionPolicy;
import io.dsk.gateway.store.SourcePartition;
import io.dsk.gateway.store.SourceWatermark;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention's rules, run against every storage engine (one subclass per engine): which history a
 * policy drops, what readers see afterwards, and what survives.
 */
abstract class RetentionContract {

    private static final String TEXT = "text/plain";
    private static final long T0 = 1_000_000_000_000L;

    protected final AtomicLong clock = new AtomicLong(T0);
    protected KeyValueStore engine;
    protected StreamStore store;
    protected Streams streams;

    protected abstract KeyValueStore engine() throws Exception;

    @BeforeEach
    void open() throws Exception {
        engine = engine();
        store = new StreamStore(engine);
        streams = new Streams(store, id -> { }, clock::get);
    }

    @AfterEach
    void close() {
        streams.close();
        store.close();
    }

    // --- size ----------------------------------------------------------------------------------

    @Test
    void aSizeBoundDropsWholeOldestMessagesUntilAtMostMaxBytesRemain() {
        create("s", RetentionPolicy.maxBytes(10));
        appendEach("s", "aaaa", "bbbb", "cccc", "dddd", "eeee");

        RetentionPass pass = streams.enforceRetention(clock.get());

        // tail 20, keep at most 10: the message at 8..12 holds position 10, so it goes whole.
        assertThat(streams.head("s").earliest()).isEqualTo(12);
        assertThat(readFromStart("s")).isEqualTo("ddddeeee");
        assertThat(pass.truncations()).singleElement()
                .satisfies(t -> assertThat(t.droppedBytes()).isEqualTo(12));
        assertThat(pass.retainedBytes()).isEqualTo(8);
    }

    @Test
    void aSizeBoundThatFallsOnAMessageBoundaryKeepsExactlyMaxBytes() {
        create("s", RetentionPolicy.maxBytes(8));
        appendEach("s", "aaaa", "bbbb", "cccc", "dddd", "eeee");

        streams.enforceRetention(clock.get());

        assertThat(streams.head("s").earliest()).isEqualTo(12);
        assertThat(readFromStart("s")).isEqualTo("ddddeeee");
    }

    @Test
    void aStreamWithinItsBoundsIsLeftAlone() {
        create("s", RetentionPolicy.maxBytes(100));
        appendEach("s", "aaaa", "bbbb");

        RetentionPass pass = streams.enforceRetention(clock.get());

        assertThat(pass.truncations()).isEmpty();
        assertThat(pass.retainedBytes()).isEqualTo(8);
        assertThat(streams.head("s").earliest()).isZero();
        assertThat(readFromStart("s")).isEqualTo("aaaabbbb");
    }

    @Test
    void aMessageLargerThanTheSizeBoundIsDroppedLeavingAnEmptyStreamThatGoesOn() {
        create("s", RetentionPolicy.maxBytes(3));
        appendEach("s", "aaaa");

        streams.enforceRetention(clock.get());
        StreamMetadata meta = streams.head("s");
        ReadResult fromStart = streams.read(meta, streams.readStart(meta, ReadOffset.START), Integer.MAX_VALUE);
        appendEach("s", "bb");

        assertThat(meta.earliest()).isEqualTo(4);
        assertThat(fromStart.bytes()).isEmpty();
        assertThat(fromStart.upToDate()).isTrue();
        assertThat(streams.head("s").tail()).isEqualTo(6);
        assertThat(readFromStart("s")).isEqualTo("bb");
    }

    // --- age -----------------------------------------------------------------------------------

    @Test
    void anAgeBoundDropsEveryCommitMadeAtOrBeforeNowMinusMaxAge() {
        create("s", RetentionPolicy.maxAge(1500));
        appendEach("s", "aaaa");
        clock.addAndGet(1000);
        appendEach("s", "bbbb");
        clock.addAndGet(1000);
        appendEach("s", "cccc");

        streams.enforceRetention(T0 + 2499);
        assertThat(streams.head("s").earliest()).isEqualTo(4);

        streams.enforceRetention(T0 + 2500);
        assertThat(streams.head("s").earliest()).isEqualTo(8);
        assertThat(readFromStart("s")).isEqualTo("cccc");
    }

    @Test
    void anAgeBoundCanDropEverythingAndTheStreamContinuesAtItsTail() {
        create("s", RetentionPolicy.maxAge(1000));
        appendEach("s", "aaaa", "bbbb");

        streams.enforceRetention(T0 + 5000);
        StreamMetadata meta = streams.head("s");

        assertThat(meta.earliest()).isEqualTo(8);
        assertThat(meta.tail()).isEqualTo(8);
        assertThat(readFromStart("s")).isEmpty();
        clock.set(T0 + 6000);
        assertThat(append("s", "cccc").tail()).isEqualTo(12);
        assertThat(readFromStart("s")).isEqualTo("cccc");
    }

    @Test
    void withBothBoundsTheOneThatDropsMoreWins() {
        create("s", new RetentionPolicy(1500, 12));
        appendEach("s", "aaaa");
        clock.addAndGet(1000);
        appendEach("s", "bbbb", "cccc", "dddd");

        streams.enforceRetention(T0 + 1000);
        assertThat(streams.head("s").earliest()).as("size drops one message, age none").isEqualTo(4);

        streams.enforceRetention(T0 + 2500);
        assertThat(streams.head("s").earliest()).as("age drops every message").isEqualTo(16);
    }

    @Test
    void theEarliestPositionNeverMovesBackAndAPassIsIdempotent() {
        create("s", RetentionPolicy.maxBytes(4));
        appendEach("s", "aaaa", "bbbb");

        streams.enforceRetention(clock.get());
        RetentionPass again = streams.enforceRetention(clock.get());

        assertThat(again.truncations()).isEmpty();
        assertThat(streams.head("s").earliest()).isEqualTo(4);
    }

    // --- reads ---------------------------------------------------------------------------------

    @Test
    void aReadFromBeforeTheEarliestOffsetIsGoneAndNamesTheEarliestOffsetUncached() {
        create("s", RetentionPolicy.maxBytes(8));
        appendEach("s", "aaaa", "bbbb", "cccc");
        streams.enforceRetention(clock.get());

        ProtocolException gone = catchProtocol(() -> streams.openRead("s", offset(0)));
        ProtocolException inside = catchProtocol(() -> streams.openRead("s", offset(2)));

        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.headers()).containsEntry(ProtocolHeaders.DSK_EARLIEST_OFFSET, StreamOffset.format(4))
                .containsEntry(Headers.CACHE_CONTROL, "no-store");
        assertThat(inside.status()).isEqualTo(410);
        StreamMetadata meta = streams.openRead("s", offset(4));
        assertThat(streams.read(meta, streams.readStart(meta, offset(4)), 100).bytes()).asString().isEqualTo("bbbbcccc");
        assertThat(streams.earliest(streams.head("s"))).isEqualTo(4);
    }

    @Test
    void aReadOpenedBeforeRetentionDroppedItsDataIsGoneRatherThanShort() {
        create("s", RetentionPolicy.maxBytes(4));
        appendEach("s", "aaaa", "bbbb");
        StreamMetadata opened = streams.openRead("s", offset(0));

        streams.enforceRetention(clock.get());

        ProtocolException gone = catchProtocol(() -> streams.read(opened, 0, 100));
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.headers()).containsEntry(ProtocolHeaders.DSK_EARLIEST_OFFSET, StreamOffset.format(4));
    }

    @Test
    void theDroppedDataIsGoneFromTheStoreAndTheRestIsIntactAndInOrder() {
        create("s", RetentionPolicy.maxBytes(40));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String m = String.format("%04d", i);
            sent.add(m);
            append("s", m);
            streams.enforceRetention(clock.get());
        }
        long id = streams.head("s").id();

        assertThat(readFromStart("s")).isEqualTo(String.join("", sent.subList(40, 50)));
        assertThat(store.read(id, 0, 160, Integer.MAX_VALUE, true, true).bytes()).isEmpty();
        assertThat(dataKeys(id)).isEqualTo(10);
    }

    @Test
    void appendsRacingWithRetentionPassesLoseNothingAfterTheHorizon() throws Exception {
        create("s", RetentionPolicy.maxBytes(400));
        ExecutorService appender = Executors.newSingleThreadExecutor();
        try {
            Future<?> appends = appender.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    append("s", String.format("%04d", i));
                }
            });
            while (!appends.isDone()) {
                streams.enforceRetention(clock.get());
            }
            appends.get();
        } finally {
            appender.shutdown();
        }
        streams.enforceRetention(clock.get());

        StringBuilder expected = new StringBuilder();
        for (int i = 400; i < 500; i++) {
            expected.append(String.format("%04d", i));
        }
        assertThat(streams.head("s").tail()).isEqualTo(2000);
        assertThat(streams.head("s").earliest()).isEqualTo(1600);
        assertThat(readFromStart("s")).isEqualTo(expected.toString());
    }

    // --- what survives -------------------------------------------------------------------------

    @Test
    void producerStateWatermarksAndTheTailSurviveTruncation() {
        create("s", RetentionPolicy.maxBytes(4));
        sourceAppend("s", 0, "orders/0/0/9", "aaaa");
        sourceAppend("s", 1, "orders/0/10/19", "bbbb");

        streams.enforceRetention(clock.get());
        AppendResult duplicate = sourceAppend("s", 0, "orders/0/0/9", "aaaa");
        AppendResult next = sourceAppend("s", 2, "orders/0/20/29", "cccc");

        assertThat(streams.head("s").earliest()).isEqualTo(4);
        assertThat(duplicate.appended()).isFalse();
        assertThat(duplicate.watermark()).isEqualTo(19L);
        assertThat(next.appended()).isTrue();
        assertThat(next.tail()).isEqualTo(12);
        assertThat(streams.watermarks("s")).containsExactly(new SourceWatermark("orders", 0, 29));
        assertThat(catchProtocol(() -> streams.sourceBatch("s", new SourcePartition("orders", 0), 5)).status())
                .as("the dropped append's source index went with it").isEqualTo(404);
        assertThat(streams.sourceBatch("s", new SourcePartition("orders", 0), 15).streamStart()).isEqualTo(4);
    }

    @Test
    void aClosedStreamStaysClosedWithItsTail() {
        create("s", RetentionPolicy.maxBytes(4));
        appendEach("s", "aaaa", "bbbb");
        streams.append(new AppendRequest("s", null, new byte[0], true, null, null, null));

        streams.enforceRetention(clock.get());

        StreamMetadata meta = streams.head("s");
        assertThat(meta.closed()).isTrue();
        assertThat(meta.tail()).isEqualTo(8);
        assertThat(meta.earliest()).isEqualTo(4);
    }

    @Test
    void streamsWithoutAPolicyAreNeverTouchedAndDeletedStreamsLeaveNothingToSweep() {
        streams.create(new CreateRequest("plain", TEXT, StreamExpiry.NONE, false, b("aaaabbbb"), null, null, 0));
        create("s", RetentionPolicy.maxBytes(1));
        appendEach("s", "aaaa");
        streams.delete("s");

        RetentionPass pass = streams.enforceRetention(clock.get() + 1_000_000);

        assertThat(pass.truncations()).isEmpty();
        assertThat(store.retainedStreams(-1, 10)).isEmpty();
        assertThat(readFromStart("plain")).isEqualTo("aaaabbbb");
    }

    // --- forks ---------------------------------------------------------------------------------

    @Test
    void aForkSeesGoneForHistoryItsSourceDroppedAndKeepsItsOwnData() {
        create("src", RetentionPolicy.maxBytes(4));
        appendEach("src", "aaaa", "bbbb", "cccc");
        streams.create(new CreateRequest("f", null, StreamExpiry.NONE, false, new byte[0], "src",
                StreamOffset.format(8), 0));
        append("f", "ffff");

        streams.enforceRetention(clock.get());

        assertThat(streams.head("src").earliest()).isEqualTo(8);
        StreamMetadata fork = streams.head("f");
        assertThat(fork.earliest()).as("the fork's own history is whole").isZero();
        assertThat(streams.earliest(fork)).as("but what it read through its source is gone").isEqualTo(8);
        assertThat(catchProtocol(() -> streams.openRead("f", offset(4))).headers())
                .containsEntry(ProtocolHeaders.DSK_EARLIEST_OFFSET, StreamOffset.format(8));
        assertThat(readFromStart("f")).isEqualTo("ffff");
    }

    @Test
    void aForkOfASourceThatDroppedOnlyOlderHistoryReadsAllItShares() {
        create("src", RetentionPolicy.maxBytes(8));
        appendEach("src", "aaaa", "bbbb", "cccc");
        streams.create(new CreateRequest("f", null, StreamExpiry.NONE, false, new byte[0], "src",
                StreamOffset.format(12), 0));
        append("f", "ffff");

        streams.enforceRetention(clock.get());

        assertThat(streams.earliest(streams.head("f"))).isEqualTo(4);
        assertThat(readFromStart("f")).isEqualTo("bbbbccccffff");
    }

    @Test
    void aForksOwnPolicyCountsTheHistoryItSharesWithItsSource() {
        create("src", RetentionPolicy.NONE);
        appendEach("src", "aaaa", "bbbb");
        streams.create(new CreateRequest("f", null, StreamExpiry.NONE, false, new byte[0], "src", null, 0,
                RetentionPolicy.maxBytes(6)));
        append("f", "ffff");

        streams.enforceRetention(clock.get());

        assertThat(streams.head("f").earliest()).isEqualTo(8);
        assertThat(readFromStart("f")).isEqualTo("ffff");
        assertThat(readFromStart("src")).as("the source keeps what it shares").isEqualTo("aaaabbbb");
    }

    @Test
    void aForkWithAMaximumAgeDropsTheSharedHistoryOnceTheForkIsThatOld() {
        create("src", RetentionPolicy.NONE);
        appendEach("src", "aaaa");
        streams.create(new CreateRequest("f", null, StreamExpiry.NONE, false, new byte[0], "src", null, 0,
                RetentionPolicy.maxAge(1000)));
        clock.addAndGet(500);
        append("f", "ffff");

        streams.enforceRetention(T0 + 1000);
        assertThat(streams.head("f").earliest()).isEqualTo(4);

        streams.enforceRetention(T0 + 1500);
        assertThat(streams.head("f").earliest()).isEqualTo(8);
    }

    // --- helpers -------------------------------------------------------------------------------

    private void create(String path, RetentionPolicy policy) {
        streams.create(new CreateRequest(path, TEXT, StreamExpiry.NONE, false, new byte[0], null, null, 0, policy));
    }

    private void appendEach(String path, String... messages) {
        for (String m : messages) {
            append(path, m);
        }
    }

    private AppendResult append(String path, String body) {
        return streams.append(new AppendRequest(path, TEXT, b(body), false, null, null, null));
    }

    private AppendResult sourceAppend(String path, long seq, String range, String body) {
        return streams.append(new AppendRequest(path, TEXT, b(body), false, null,
                new ProducerHeaders("connector-0", 0, seq), SourceRange.parse(range)));
    }

    private String readFromStart(String path) {
        StreamMetadata meta = streams.openRead(path, ReadOffset.START);
        long start = streams.readStart(meta, ReadOffset.START);
        return new String(streams.read(meta, start, Integer.MAX_VALUE).bytes(), StandardCharsets.UTF_8);
    }

    private static ReadOffset offset(long position) {
        return ReadOffset.parse(StreamOffset.format(position));
    }

    private int dataKeys(long id) {
        byte[] from = ByteBuffer.allocate(9).put((byte) 'd').putLong(id).array();
        byte[] to = ByteBuffer.allocate(9).put((byte) 'd').putLong(id + 1).array();
        int n = 0;
        try (KeyValueCursor c = engine.scan(from, to)) {
            while (c.next()) {
                n++;
            }
        }
        return n;
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

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
