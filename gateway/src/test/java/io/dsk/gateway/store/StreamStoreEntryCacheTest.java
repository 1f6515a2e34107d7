package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over RocksDB, a small entry that a read copied once is copied again from the store's entry cache,
 * through the store and its memory-only view alike, without reading the engine, and a read of a short
 * range takes what the cache holds and answers what it answers without it; an in-memory engine, or a
 * cache sized 0, gets none.
 */
class StreamStoreEntryCacheTest {

    @TempDir
    Path dir;

    private RocksDbKeyValueStore rocks;
    /** Engine reads of data keys, through the store and through its memory-only view. */
    private final AtomicInteger dataGets = new AtomicInteger();
    /** Cursors opened over data keys, through the store and through its memory-only view. */
    private final AtomicInteger dataScans = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        rocks = RocksDbKeyValueStore.open(dir);
    }

    @AfterEach
    void close() {
        rocks.close();
    }

    @Test
    void aSmallEntryReadOnceIsCopiedAgainWithoutTheEngine() {
        StreamStore store = new StreamStore(counting(rocks), 1L << 20);
        long id = stream(store, "hello", " world");

        assertThat(read(store, id, 0, 5)).isEqualTo("hello");
        assertThat(read(store, id, 0, 5)).isEqualTo("hello");
        assertThat(read(store.memoryOnly(), id, 0, 5)).as("through the memory-only view").isEqualTo("hello");
        assertThat(read(store, id, 5, 11)).isEqualTo(" world");

        assertThat(dataGets).as("engine reads of data").hasValue(2);
        assertThat(store.entryCacheEnabled()).isTrue();
        assertThat(store.entryCacheHits()).isEqualTo(2);
        assertThat(store.entryCacheMisses()).isEqualTo(2);
        assertThat(store.entryCacheBytes()).isEqualTo(11 + 2 * EntryCache.ENTRY_OVERHEAD);
    }

    @Test
    void aShortReadKeepsItsEntriesAndTheNextReadTakesThemWithoutACursor() {
        StreamStore store = new StreamStore(counting(rocks), 1L << 20);
        long id = stream(store, "a", "bb", "ccc");

        DataChunk first = store.read(id, 0, 6, 1024, true, true);
        DataChunk second = store.memoryOnly().read(id, 0, 6, 1024, true, true);

        assertThat(text(first)).isEqualTo("abbccc");
        assertThat(second).usingRecursiveComparison().isEqualTo(first);
        assertThat(dataScans).as("cursors over data").hasValue(1);
        assertThat(store.entryCacheHits()).isEqualTo(3);
    }

    @Test
    void aReadGoesOnWithACursorWhereTheEntriesInTheCacheStop() {
        StreamStore store = new StreamStore(counting(rocks), 1L << 20);
        long id = stream(store, "a", "bb", "ccc", "dddd");
        store.read(id, 0, 3, 1024, true, true);
        dataScans.set(0);

        DataChunk chunk = store.read(id, 0, 10, 1024, true, true);

        assertThat(text(chunk)).isEqualTo("abbcccdddd");
        assertThat(chunk.entries()).isEqualTo(4);
        assertThat(chunk.end()).isEqualTo(10);
        assertThat(dataScans).as("one cursor, for the entries not held").hasValue(1);
    }

    @Test
    void readsAnswerFromTheCacheWhatTheyAnswerWithoutIt() {
        StreamStore cached = new StreamStore(counting(rocks), 1L << 20);
        StreamStore plain = new StreamStore(rocks, 0);
        long id = stream(cached, "a", "bb", "ccc", "dddd", "eeeee");
        cached.read(id, 0, 15, 1024, true, true);
        assertThat(cached.entryCacheBytes()).as("all five kept").isEqualTo(15 + 5 * EntryCache.ENTRY_OVERHEAD);

        for (long from : new long[] {0, 1, 2, 3, 4, 6, 14}) {
            for (long to : new long[] {from + 1, 6, 10, 15}) {
                for (int maxBytes : new int[] {1, 2, 3, 5, 1024}) {
                    for (boolean whole : new boolean[] {true, false}) {
                        for (boolean atLeastOne : new boolean[] {true, false}) {
                            if (to <= from) {
                                continue;
                            }
                            assertThat(cached.read(id, from, to, maxBytes, whole, atLeastOne))
                                    .as("read(%d, %d, %d, whole %s, at least one %s)", from, to, maxBytes, whole,
                                            atLeastOne)
                                    .usingRecursiveComparison()
                                    .isEqualTo(plain.read(id, from, to, maxBytes, whole, atLeastOne));
                        }
                    }
                }
            }
        }
        assertThat(cached.entryCacheHits()).as("reads answered from the cache").isPositive();
    }

    @Test
    void aShortReadFromTheStartOfAnEntryNotHeldIsAPointReadWithoutACursor() {
        StreamStore store = new StreamStore(counting(rocks), 1L << 20);
        long id = stream(store, "a", "bb");

        DataChunk live = store.read(id, 1, 3, 1024, true, true);

        assertThat(text(live)).isEqualTo("bb");
        assertThat(live.entries()).isEqualTo(1);
        assertThat(dataScans).as("cursors over data").hasValue(0);
        assertThat(dataGets).as("point reads of data").hasValue(1);
        assertThat(store.memoryOnly().read(id, 1, 3, 1024, true, true)).as("kept")
                .usingRecursiveComparison().isEqualTo(live);
        assertThat(dataGets).hasValue(1);
    }

    @Test
    void aReadFromInsideAnEntryOrPastTheEntryItFindsGoesOnWithACursor() {
        StreamStore store = new StreamStore(counting(rocks), 1L << 20);
        long id = stream(store, "a", "bbb", "cc");

        assertThat(text(store.read(id, 2, 6, 1024, false, true))).as("from inside an entry").isEqualTo("bbcc");
        assertThat(dataScans).hasValue(1);
        assertThat(text(store.read(id, 0, 6, 1024, true, true))).as("past the first entry").isEqualTo("abbbcc");
        assertThat(dataScans).hasValue(2);
    }

    @Test
    void aReadOfALongRangeKeepsNothing() {
        StreamStore store = new StreamStore(counting(rocks), 1L << 20);
        long id = stream(store, "a", "bb");

        store.read(id, 0, 5L << 20, 1024, true, true);

        assertThat(store.entryCacheBytes()).isZero();
    }

    @Test
    void aDroppedStreamsEntriesAreCopiedOnlyFromTheCache() {
        StreamStore store = new StreamStore(counting(rocks), 1L << 20);
        long id = stream(store, "hello", " world");
        assertThat(read(store, id, 0, 5)).isEqualTo("hello");

        store.commit(store.mutation().dropStream(id), true);

        assertThat(read(store, id, 0, 5)).as("read before the drop, by a read opened before it").isEqualTo("hello");
        ByteBuffer out = ByteBuffer.allocate(16);
        assertThat(store.copy(id, 5, 11, out)).as("never read: gone").isEqualTo(5);
    }

    @Test
    void sizedZeroEveryReadGoesToTheEngine() {
        StreamStore store = new StreamStore(counting(rocks), 0);
        long id = stream(store, "hello");

        read(store, id, 0, 5);
        read(store, id, 0, 5);

        assertThat(dataGets).hasValue(2);
        assertThat(store.entryCacheEnabled()).isFalse();
        assertThat(store.entryCacheBytes()).isZero();
    }

    @Test
    void anInMemoryEngineGetsNoCache() {
        assertThat(new StreamStore(new InMemoryKeyValueStore()).entryCacheEnabled()).isFalse();
        assertThat(new StreamStore(rocks).entryCacheEnabled()).as("RocksDB, default size").isTrue();
    }

    /** The engine, and its memory-only view, counting point reads and cursors of data keys. */
    private KeyValueStore counting(KeyValueStore engine) {
        return new Counting(engine, false);
    }

    private final class Counting extends ForwardingKeyValueStore {
        private final boolean view;

        Counting(KeyValueStore engine, boolean view) {
            super(engine);
            this.view = view;
        }

        @Override
        public byte[] get(byte[] key) {
            countData(key);
            return super.get(key);
        }

        @Override
        public KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk) {
            countScan(key);
            return super.scanFromFloor(lowerBound, key, to, bulk);
        }

        @Override
        public KeyValueStore memoryOnly() {
            return view ? this : new Counting(engine().memoryOnly(), true);
        }
    }

    private void countScan(byte[] key) {
        if (key[0] == KeyLayout.DATA) {
            dataScans.incrementAndGet();
        }
    }

    private static String text(DataChunk chunk) {
        return new String(chunk.bytes(), StandardCharsets.UTF_8);
    }

    private void countData(byte[] key) {
        if (key[0] == KeyLayout.DATA) {
            dataGets.incrementAndGet();
        }
    }

    /** A stream holding one entry per piece. */
    private static long stream(StreamStore store, String... pieces) {
        long id = store.newStreamId();
        StreamMetadata meta = new StreamMetadata(id, "s" + id, "text/plain", -1, null, -1, 0, 0, false, null, null, -1,
                null, 0, 0, false);
        StreamStore.Mutation m = store.mutation().putNewStream(meta).bindPath("s" + id, id);
        long position = 0;
        for (String piece : pieces) {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            m.putData(id, position, bytes);
            position += bytes.length;
        }
        store.commit(m, true);
        return id;
    }

    private static String read(StreamStore store, long id, long from, long to) {
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThat(store.copy(id, from, to, out)).isEqualTo(to);
        return new String(out.array(), 0, out.position(), StandardCharsets.UTF_8);
    }
}
