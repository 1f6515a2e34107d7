package io.dsk.gateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.ReadTier;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.Status;
import org.rocksdb.TickerType;
import org.rocksdb.WriteOptions;

/**
 * The default engine: embedded RocksDB. A durable {@link #write} is one RocksDB WriteBatch with a
 * synced WAL (concurrent synced writers are grouped into one fsync by RocksDB); crash recovery
 * replays the WAL, so an acknowledged batch survives {@code kill -9} and power loss, and a torn
 * batch is never visible.
 *
 * <p>For metrics it offers cheap readings: {@link #property} reads one of RocksDB's integer
 * properties and {@link #ticker} one of its statistics counters (statistics are on, at the level
 * without detailed timers), each from memory and never by a scan; {@link #timeSyncedWrites} times
 * every synced write. Readings after {@link #close()} answer {@link #UNKNOWN}.
 *
 * <p>Its {@link #memoryOnly()} view reads at RocksDB's block-cache tier (memtables and the block
 * cache, never a file), where a read that would need a file fails with status {@code Incomplete},
 * which the view throws as {@link NotInMemoryException}.
 */
public final class RocksDbKeyValueStore implements KeyValueStore {

    static {
        RocksDB.loadLibrary();
    }

    /** What {@link #property} and {@link #ticker} answer when the value cannot be read. */
    public static final long UNKNOWN = -1;
    /** Level-0 table files that start a compaction of level 0 (RocksDB's default is 4), see {@link #columnOptions()}. */
    public static final int LEVEL0_COMPACTION_TRIGGER = 8;
    /** Level-0 files at which RocksDB slows writes: as far beyond the trigger as its defaults (20 − 4). */
    public static final int LEVEL0_SLOWDOWN_TRIGGER = LEVEL0_COMPACTION_TRIGGER + 16;
    /** Level-0 files at which RocksDB stops writes: as far beyond the trigger as its defaults (36 − 4). */
    public static final int LEVEL0_STOP_TRIGGER = LEVEL0_COMPACTION_TRIGGER + 32;
    /** Memtable bytes that make a flush (RocksDB's default is 64 MiB), see {@link #columnOptions}. */
    public static final long WRITE_BUFFER_BYTES = 128L << 20;
    /** The block cache: RocksDB's default size, which RocksJava's table options would otherwise cut to 8 MiB. */
    static final long BLOCK_CACHE_BYTES = 32L << 20;
    /** Bits of Bloom filter per key: about 1 in 100 files that lack a key is searched for it anyway. */
    static final double FILTER_BITS_PER_KEY = 10;
    /**
     * The memtable's Bloom filter, as a share of its size: 2.56 MiB for 128 MiB, about 20 bits a key
     * for a memtable of 256-byte appends.
     */
    static final double MEMTABLE_FILTER_RATIO = 0.02;

    private final Options options;
    private final Statistics statistics;
    private final LRUCache blockCache;
    private final BloomFilter filter;
    private final RocksDB db;
    private final WriteOptions syncedWrites;
    private final WriteOptions bufferedWrites;
    /** Options of every memory-only point read: never changed after construction, so shared by all threads. */
    private final ReadOptions memoryOnlyGets;
    private final KeyValueStore memoryOnly = new MemoryOnly();
    /** Guards readings against {@link #close()}: a native call on a closed database would crash the JVM. */
    private final Object readings = new Object();
    private boolean closed;
    private volatile LongConsumer syncedWriteNanos = nanos -> { };

    private RocksDbKeyValueStore(Options options, Statistics statistics, LRUCache blockCache, BloomFilter filter,
            RocksDB db) {
        this.options = options;
        this.statistics = statistics;
        this.blockCache = blockCache;
        this.filter = filter;
        this.db = db;
        this.syncedWrites = new WriteOptions().setSync(true);
        this.bufferedWrites = new WriteOptions().setSync(false);
        this.memoryOnlyGets = new ReadOptions().setReadTier(ReadTier.BLOCK_CACHE_TIER);
    }

    /**
     * Opens (creating if missing) the database in {@code dir}.
     *
     * @throws IOException if the directory cannot be created or RocksDB refuses to open it
     */
    public static RocksDbKeyValueStore open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Statistics statistics = new Statistics();
        statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
        LRUCache blockCache = new LRUCache(BLOCK_CACHE_BYTES);
        BloomFilter filter = new BloomFilter(FILTER_BITS_PER_KEY);
        Options options;
        try (DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setStatistics(statistics);
             ColumnFamilyOptions columns = columnOptions(blockCache, filter)) {
            options = new Options(dbOptions, columns);
        }
        try {
            return new RocksDbKeyValueStore(options, statistics, blockCache, filter,
                    RocksDB.open(options, dir.toAbsolutePath().toString()));
        } catch (RocksDBException e) {
            options.close();
            filter.close();
            blockCache.close();
            statistics.close();
            throw new IOException("cannot open RocksDB at " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * RocksDB's defaults, except five:
     *
     * <ul>
     *   <li>The memtable remembers where it last inserted a key of each stream
     *       ({@code memtable_insert_with_hint_prefix_extractor} on the tag and stream id): a stream's
     *       appends add keys right after its previous ones, so an insert starts from there instead of
     *       searching the whole memtable's skip list from the top (which was a third of the
     *       committer's time). It changes where inserts start, never what is stored or read. RocksJava
     *       has no setter for it, so it is set by name.
     *   <li>Level 0 is compacted once it holds {@value #LEVEL0_COMPACTION_TRIGGER} table files, not 4.
     *       Every flushed file holds keys of all the streams appended to, so each compaction of level
     *       0 rewrites the whole of the level below it, and under steady appends that is most of
     *       RocksDB's work: twice as many files per compaction rewrite that level half as often
     *       (compaction's CPU per flushed byte fell by about 40% in the benchmark). A point read of
     *       data no longer in the memtable may look in up to twice as many level-0 files. Writes
     *       are slowed and stopped at as many files beyond the trigger as with RocksDB's defaults
     *       (24 and 40 instead of 20 and 36), so a burst has the same room before it is held back.
     *   <li>The memtable is flushed at {@link #WRITE_BUFFER_BYTES} (128 MiB), not 64 MiB: for the
     *       same reason, each flushed file holds twice as many appends, so level 0 reaches the
     *       trigger, and the level below is rewritten, half as often (compaction's CPU per append
     *       fell from 3.0 to 1.7 µs at 1,000 streams and from 4.5 to 2.0 µs at 100,000 in the
     *       benchmark). It costs memory outside the heap: up to two memtables of that size, one
     *       taking writes while the other is flushed (the gateway's RSS rose by 52 to 125 MiB).
     *   <li>Table files carry a Bloom filter of their whole keys ({@value #FILTER_BITS_PER_KEY} bits a
     *       key), except in the last level ({@code optimize_filters_for_hits}). A point read of a key
     *       not in the memtables looks in every level-0 file whose key range takes it in, and under
     *       appends to many streams that is every level-0 file (each flush holds keys of all of
     *       them); without filters each look is an index search and a data block read. With them a
     *       read passes over the files that do not hold its key, so it reads one data block where
     *       the key is. The last level, which holds most keys, gets none: a read that gets that far
     *       finds its key there or nowhere, and its filters would be most of the memory filters take
     *       (they are held with the open table files, as their indexes are). Only point reads use
     *       them; a range read merges every file that overlaps its range.
     *   <li>The memtables carry a Bloom filter of their whole keys ({@value #MEMTABLE_FILTER_RATIO}
     *       of their size), so a point read of a key they do not hold (most reads that go on to the
     *       table files) passes over their skip lists instead of searching them. Each insert also
     *       sets the key's bits. Range reads do not use it.
     * </ul>
     */
    private static ColumnFamilyOptions columnOptions(LRUCache blockCache, BloomFilter filter) {
        Properties named = new Properties();
        named.setProperty("memtable_insert_with_hint_prefix_extractor",
                "rocksdb.FixedPrefix." + KeyLayout.STREAM_PREFIX_LENGTH);
        ColumnFamilyOptions columns = ColumnFamilyOptions.getColumnFamilyOptionsFromProps(named);
        if (columns == null) {
            throw new IllegalStateException("RocksDB did not take memtable_insert_with_hint_prefix_extractor");
        }
        return columns.setLevel0FileNumCompactionTrigger(LEVEL0_COMPACTION_TRIGGER)
                .setLevel0SlowdownWritesTrigger(LEVEL0_SLOWDOWN_TRIGGER)
                .setLevel0StopWritesTrigger(LEVEL0_STOP_TRIGGER)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache).setFilterPolicy(filter))
                .setOptimizeFiltersForHits(true)
                .setMemtablePrefixBloomSizeRatio(MEMTABLE_FILTER_RATIO)
                .setMemtableWholeKeyFiltering(true)
                .setWriteBufferSize(WRITE_BUFFER_BYTES);
    }

    /**
     * One of RocksDB's integer properties, such as {@code rocksdb.estimate-num-keys} or
     * {@code rocksdb.is-write-stopped}, or a text property whose value is one whole number, such as
     * {@code rocksdb.num-files-at-level0}; read from memory, never by a scan.
     *
     * @param name the property name
     * @return its value, or {@link #UNKNOWN} if RocksDB does not know it or the store is closed
     */
    public long property(String name) {
        synchronized (readings) {
            if (closed) {
                return UNKNOWN;
            }
            try {
                return db.getLongProperty(name);
            } catch (RocksDBException notAnInteger) {
                return textProperty(name);
            }
        }
    }

    private long textProperty(String name) {
        try {
            return Long.parseLong(db.getProperty(name).strip());
        } catch (RocksDBException | NumberFormatException e) {
            return UNKNOWN;
        }
    }

    /**
     * @param ticker a statistics counter, such as {@link TickerType#BLOCK_CACHE_HIT}
     * @return its count since the store opened, or {@link #UNKNOWN} once the store is closed
     */
    public long ticker(TickerType ticker) {
        synchronized (readings) {
            return closed ? UNKNOWN : statistics.getTickerCount(ticker);
        }
    }

    /**
     * Tells {@code nanos} how long each synced write took (the write and its WAL sync), on the
     * writing thread; it must not block.
     */
    public void timeSyncedWrites(LongConsumer nanos) {
        this.syncedWriteNanos = nanos;
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new StoreException("read failed", e);
        }
    }

    @Override
    public KeyValueCursor scan(byte[] from, byte[] to) {
        return scan(from, to, ReadTier.READ_ALL_TIER);
    }

    private KeyValueCursor scan(byte[] from, byte[] to, ReadTier tier) {
        Slice upper = new Slice(to);
        ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upper).setReadTier(tier);
        RocksIterator it = db.newIterator(readOptions);
        it.seek(from);
        return new Cursor(it, readOptions, null, upper);
    }

    @Override
    public KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk) {
        return scanFromFloor(lowerBound, key, to, bulk, ReadTier.READ_ALL_TIER);
    }

    private KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk, ReadTier tier) {
        Slice lower = new Slice(lowerBound);
        Slice upper = new Slice(to);
        ReadOptions readOptions = new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper)
                .setFillCache(!bulk).setReadTier(tier);
        RocksIterator it = db.newIterator(readOptions);
        Cursor cursor = new Cursor(it, readOptions, lower, upper);
        try {
            it.seekForPrev(key);
            if (!it.isValid()) {
                // An iterator that failed (a memory-only one that needs a file) is invalid too.
                checkStatus(it);
                it.seek(key);
            }
        } catch (RuntimeException e) {
            cursor.close();
            throw e;
        }
        return cursor;
    }

    /**
     * Throws what an invalid iterator failed with, if anything.
     *
     * @throws NotInMemoryException if a memory-only iterator needs a file
     * @throws StoreException if the engine failed
     */
    private static void checkStatus(RocksIterator it) {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw failedRead(e);
        }
    }

    private static RuntimeException failedRead(RocksDBException e) {
        if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.Incomplete) {
            return new NotInMemoryException("the read needs data that is not in memory");
        }
        return new StoreException("read failed", e);
    }

    /** A cursor over an iterator that it owns with its options and bounds; copies values without a heap array. */
    private static final class Cursor implements KeyValueCursor {
        private static final byte[] NO_BYTES = new byte[0];

        private final RocksIterator it;
        private final ReadOptions readOptions;
        private final Slice lower;
        private final Slice upper;
        private boolean started;

        Cursor(RocksIterator it, ReadOptions readOptions, Slice lower, Slice upper) {
            this.it = it;
            this.readOptions = readOptions;
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public boolean next() {
            if (started) {
                it.next();
            }
            started = true;
            if (it.isValid()) {
                return true;
            }
            checkStatus(it);
            return false;
        }

        @Override
        public byte[] key() {
            return it.key();
        }

        @Override
        public byte[] value() {
            return it.value();
        }

        @Override
        public int valueLength() {
            return it.value(NO_BYTES, 0, 0);
        }

        @Override
        public int copyValue(ByteBuffer target) {
            int start = target.position();
            int limit = target.limit();
            int length;
            if (target.isDirect()) {
                length = it.value(target);
            } else if (target.hasArray() && !target.isReadOnly()) {
                length = it.value(target.array(), target.arrayOffset() + start, limit - start);
            } else {
                return KeyValueCursor.super.copyValue(target);
            }
            int copied = Math.min(length, limit - start);
            target.limit(limit).position(start + copied);
            return copied;
        }

        @Override
        public void close() {
            it.close();
            readOptions.close();
            if (lower != null) {
                lower.close();
            }
            upper.close();
        }
    }

    @Override
    public KeyValue floor(byte[] lowerBound, byte[] key) {
        return floor(lowerBound, key, ReadTier.READ_ALL_TIER);
    }

    private KeyValue floor(byte[] lowerBound, byte[] key, ReadTier tier) {
        try (Slice lower = new Slice(lowerBound);
             ReadOptions readOptions = new ReadOptions().setIterateLowerBound(lower).setReadTier(tier);
             RocksIterator it = db.newIterator(readOptions)) {
            it.seekForPrev(key);
            if (it.isValid()) {
                return new KeyValue(it.key(), it.value());
            }
            checkStatus(it);
            return null;
        }
    }

    @Override
    public KeyValueStore memoryOnly() {
        return memoryOnly;
    }

    /** Reads at the block-cache tier; writes and everything else go to the store itself. */
    private final class MemoryOnly implements KeyValueStore {

        @Override
        public byte[] get(byte[] key) {
            try {
                return db.get(memoryOnlyGets, key);
            } catch (RocksDBException e) {
                throw failedRead(e);
            }
        }

        @Override
        public KeyValueCursor scan(byte[] from, byte[] to) {
            return RocksDbKeyValueStore.this.scan(from, to, ReadTier.BLOCK_CACHE_TIER);
        }

        @Override
        public KeyValue floor(byte[] lowerBound, byte[] key) {
            return RocksDbKeyValueStore.this.floor(lowerBound, key, ReadTier.BLOCK_CACHE_TIER);
        }

        @Override
        public KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk) {
            return RocksDbKeyValueStore.this.scanFromFloor(lowerBound, key, to, bulk, ReadTier.BLOCK_CACHE_TIER);
        }

        @Override
        public KeyValueStore memoryOnly() {
            return this;
        }

        @Override
        public void write(WriteBatch batch, boolean durable) {
            RocksDbKeyValueStore.this.write(batch, durable);
        }

        @Override
        public void compact(byte[] from, byte[] to) {
            RocksDbKeyValueStore.this.compact(from, to);
        }

        /** Does nothing: the view owns nothing; the store it views is closed on its own. */
        @Override
        public void close() {
        }
    }

    @Override
    public void write(WriteBatch batch, boolean durable) {
        try (org.rocksdb.WriteBatch native_ = new org.rocksdb.WriteBatch()) {
            for (WriteBatch.Op op : batch.opsForApplying()) {
                if (op instanceof WriteBatch.Put put) {
                    native_.put(put.key(), put.value());
                } else if (op instanceof WriteBatch.Delete delete) {
                    native_.delete(delete.key());
                } else if (op instanceof WriteBatch.DeleteRange range) {
                    native_.deleteRange(range.from(), range.to());
                }
            }
            if (durable) {
                long started = System.nanoTime();
                db.write(syncedWrites, native_);
                syncedWriteNanos.accept(System.nanoTime() - started);
            } else {
                db.write(bufferedWrites, native_);
            }
        } catch (RocksDBException e) {
            throw new StoreException("write failed", e);
        }
    }

    /**
     * A manual compaction of the range that does not hold up automatic compactions; RocksDB first
     * flushes a memtable that overlaps it, so the range's tombstones and the data they cover are
     * both dropped, and so are the WAL files that only they kept. Writers go on meanwhile.
     */
    @Override
    public void compact(byte[] from, byte[] to) {
        try (CompactRangeOptions compaction = new CompactRangeOptions().setExclusiveManualCompaction(false)
                .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForceOptimized)) {
            db.compactRange(db.getDefaultColumnFamily(), from, to, compaction);
        } catch (RocksDBException e) {
            throw new StoreException("compaction failed", e);
        }
    }

    @Override
    public void close() {
        synchronized (readings) {
            closed = true;
        }
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            // The WAL is synced for every acknowledged write, so a failed flush loses nothing.
        } finally {
            syncedWrites.close();
            bufferedWrites.close();
            memoryOnlyGets.close();
            db.close();
            options.close();
            filter.close();
            blockCache.close();
            statistics.close();
        }
    }
}
