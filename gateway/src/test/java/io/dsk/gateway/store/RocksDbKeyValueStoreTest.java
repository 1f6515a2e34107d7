package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.gateway.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.TickerType;

class RocksDbKeyValueStoreTest extends KeyValueStoreContract {

    @TempDir
    Path dir;

    @Override
    protected KeyValueStore open() throws Exception {
        return RocksDbKeyValueStore.open(dir.resolve("db"));
    }

    @Test
    void acknowledgedWritesSurviveReopening(@TempDir Path other) throws Exception {
        try (RocksDbKeyValueStore first = RocksDbKeyValueStore.open(other)) {
            first.write(new WriteBatch().put(b("k"), b("v")), true);
        }
        try (RocksDbKeyValueStore second = RocksDbKeyValueStore.open(other)) {
            assertThat(second.get(b("k"))).isEqualTo(b("v"));
        }
    }

    @Test
    void memoryOnlyReadsAnswerFromTheMemtable(@TempDir Path other) throws Exception {
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            store.write(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")), true);
            KeyValueStore memory = store.memoryOnly();

            assertThat(memory.get(b("a"))).isEqualTo(b("1"));
            assertThat(memory.get(b("c"))).isNull();
            assertThat(memory.floor(b("a"), b("b9")).value()).isEqualTo(b("2"));
            try (KeyValueCursor c = memory.scan(b("a"), b("z"))) {
                assertThat(c.next()).isTrue();
                assertThat(c.key()).isEqualTo(b("a"));
                assertThat(c.next()).isTrue();
                assertThat(c.next()).isFalse();
            }
            try (KeyValueCursor c = memory.scanFromFloor(b("a"), b("b"), b("z"), false)) {
                assertThat(c.next()).isTrue();
                assertThat(c.value()).isEqualTo(b("2"));
            }
        }
    }

    @Test
    void memoryOnlyReadsOfDataOnlyOnDiskThrowNotInMemory(@TempDir Path other) throws Exception {
        try (RocksDbKeyValueStore first = RocksDbKeyValueStore.open(other)) {
            first.write(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")), true);
        }
        // Closing flushed the memtable: the data is now only in a table file, and the block cache is new.
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            KeyValueStore memory = store.memoryOnly();

            assertThatThrownBy(() -> memory.get(b("a"))).isInstanceOf(NotInMemoryException.class);
            assertThatThrownBy(() -> memory.floor(b("a"), b("b"))).isInstanceOf(NotInMemoryException.class);
            assertThatThrownBy(() -> {
                try (KeyValueCursor c = memory.scan(b("a"), b("z"))) {
                    c.next();
                }
            }).isInstanceOf(NotInMemoryException.class);
            assertThatThrownBy(() -> {
                try (KeyValueCursor c = memory.scanFromFloor(b("a"), b("b"), b("z"), false)) {
                    c.next();
                }
            }).isInstanceOf(NotInMemoryException.class);

            assertThat(store.get(b("a"))).isEqualTo(b("1"));
            assertThat(memory.get(b("a"))).as("the block is cached once read").isEqualTo(b("1"));
        }
    }

    @Test
    void theMemtableStartsEachStreamsInsertWhereItsLastKeyWent(@TempDir Path other) throws Exception {
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            store.write(new WriteBatch().put(KeyLayout.data(7, 0), b("v")), true);
        }
        assertThat(optionsFile(other)).contains("memtable_insert_with_hint_prefix_extractor=rocksdb.FixedPrefix."
                + KeyLayout.STREAM_PREFIX_LENGTH);
    }

    /**
     * Recovery replays the WAL up to its first torn record and never reads a reused WAL file. With
     * WAL recycling, a crash leaves records of the file's earlier life after the last one written,
     * and RocksDB's recovery of recycled files has had bugs that leave holes in what it recovers
     * (point-in-time recovery was barred with it for years; switching recycling on for an existing
     * data dir corrupted it), so an acknowledged append could be lost.
     */
    @Test
    void walFilesAreNeverRecycled(@TempDir Path other) throws Exception {
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            store.write(new WriteBatch().put(KeyLayout.data(7, 0), b("v")), true);
        }
        assertThat(optionsFile(other)).contains("recycle_log_file_num=0")
                .contains("wal_recovery_mode=kPointInTimeRecovery");
    }

    /**
     * Level 0 is compacted only once it holds {@link RocksDbKeyValueStore#LEVEL0_COMPACTION_TRIGGER}
     * files (RocksDB's default, 4, rewrote the level below twice as often under steady appends).
     * Each reopening flushes the memtable into one level-0 file holding keys of two streams, so the
     * files overlap as appends to many streams make them.
     */
    @Test
    void levelZeroIsCompactedOnlyOnceItHoldsTheTriggerCountOfFiles(@TempDir Path other) throws Exception {
        int trigger = RocksDbKeyValueStore.LEVEL0_COMPACTION_TRIGGER;
        for (int file = 0; file < trigger - 1; file++) {
            try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
                store.write(new WriteBatch().put(KeyLayout.data(1, file), b("a")).put(KeyLayout.data(2, file), b("b")),
                        true);
            }
        }
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            assertThat(levelZeroFilesOnceSettled(store)).isEqualTo(trigger - 1);
        }
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            store.write(new WriteBatch().put(KeyLayout.data(1, trigger), b("a")).put(KeyLayout.data(2, trigger), b("b")),
                    true);
        }
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            assertThat(levelZeroFilesOnceSettled(store)).isZero();
            assertThat(store.get(KeyLayout.data(1, 0))).isEqualTo(b("a"));
            assertThat(store.get(KeyLayout.data(2, trigger))).isEqualTo(b("b"));
        }
        assertThat(optionsFile(other)).as("writes slowed and stopped as many files beyond the trigger as by default")
                .contains("level0_slowdown_writes_trigger=" + (trigger + 16))
                .contains("level0_stop_writes_trigger=" + (trigger + 32));
    }

    /**
     * The memtable takes {@link RocksDbKeyValueStore#WRITE_BUFFER_BYTES} (twice RocksDB's 64 MiB)
     * before it is flushed: under appends to many streams every flushed file overlaps, and each
     * compaction of level 0 rewrites, the whole of the level below, so larger flushes make fewer
     * of those rewrites.
     */
    @Test
    void theMemtableIsFlushedAtTwiceRocksDbsDefaultSize(@TempDir Path other) throws Exception {
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            store.write(new WriteBatch().put(KeyLayout.data(7, 0), b("v")), true);
        }
        assertThat(RocksDbKeyValueStore.WRITE_BUFFER_BYTES).isEqualTo(128L << 20);
        assertThat(optionsFile(other)).contains("write_buffer_size=" + (128L << 20));
    }

    /**
     * The memtables keep a Bloom filter of their whole keys, so a point read of a key they do not
     * hold (a small GET of an entry the entry cache does not hold, read from a table file) passes
     * over their skip lists.
     */
    @Test
    void theMemtablesFilterTheirWholeKeys(@TempDir Path other) throws Exception {
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            store.write(new WriteBatch().put(KeyLayout.data(7, 0), b("v")), true);
            assertThat(store.get(KeyLayout.data(7, 0))).isEqualTo(b("v"));
            assertThat(store.get(KeyLayout.data(8, 0))).isNull();
        }
        assertThat(optionsFile(other)).contains("memtable_whole_key_filtering=true")
                .containsPattern("memtable_prefix_bloom_size_ratio=0\\.020*\\b");
    }

    /**
     * A point read looks only in the table files whose Bloom filter may hold its key. Each reopening
     * flushes one level-0 file holding keys of streams 1 and 3, whose range takes in every key of
     * stream 2, so without a filter a read of stream 2's first entry searches every newer file's
     * index and a data block before it reaches the oldest file, which holds it.
     */
    @Test
    void pointReadsSkipTableFilesWhoseFilterRulesOutTheKey(@TempDir Path other) throws Exception {
        int files = 4;
        for (int file = 0; file < files; file++) {
            try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
                WriteBatch batch = new WriteBatch().put(KeyLayout.data(1, file), b("a"))
                        .put(KeyLayout.data(3, file), b("c"));
                store.write(file == 0 ? batch.put(KeyLayout.data(2, 0), b("b")) : batch, true);
            }
        }
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            assertThat(store.property("rocksdb.num-files-at-level0")).isEqualTo(files);
            long ruledOut = store.ticker(TickerType.BLOOM_FILTER_USEFUL);

            assertThat(store.get(KeyLayout.data(2, 0))).isEqualTo(b("b"));
            assertThat(store.get(KeyLayout.data(2, 1))).isNull();

            // (files - 1) + files when no filter answers a false "maybe" (about 1 in 100 do).
            assertThat(store.ticker(TickerType.BLOOM_FILTER_USEFUL) - ruledOut)
                    .as("newer files passed over for the entry, and the files passed over for the absent key")
                    .isBetween((long) files, (files - 1) + (long) files);
        }
        assertThat(optionsFile(other)).as("no filters in the last level, which holds most keys")
                .contains("optimize_filters_for_hits=true");
    }

    /**
     * Setting RocksDB's table options through RocksJava replaces its block cache of 32 MiB with one of
     * 8 MiB unless a cache is given; the store gives its own, of RocksDB's default size.
     */
    @Test
    void theBlockCacheKeepsRocksDbsDefaultSize(@TempDir Path other) throws Exception {
        try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(other)) {
            assertThat(store.property("rocksdb.block-cache-capacity")).isEqualTo(32L << 20);
        }
    }

    /** The files in level 0 once no compaction is pending or running (waits up to a minute). */
    private static long levelZeroFilesOnceSettled(RocksDbKeyValueStore store) throws InterruptedException {
        Eventually.within(Duration.ofMinutes(1)).until("compactions settled",
                () -> store.property("rocksdb.compaction-pending") == 0
                        && store.property("rocksdb.num-running-compactions") == 0);
        return store.property("rocksdb.num-files-at-level0");
    }

    /** The options RocksDB recorded in the data dir, as it applied them. */
    private static String optionsFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Path newest = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
                    .max(Path::compareTo).orElseThrow();
            return Files.readString(newest);
        }
    }
}
