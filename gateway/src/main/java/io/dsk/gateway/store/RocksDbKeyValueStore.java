package io.dsk.gateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;

/**
 * The default engine: embedded RocksDB. A durable {@link #write} is one RocksDB WriteBatch with a
 * synced WAL (concurrent synced writers are grouped into one fsync by RocksDB); crash recovery
 * replays the WAL, so an acknowledged batch survives {@code kill -9} and power loss, and a torn
 * batch is never visible.
 */
public final class RocksDbKeyValueStore implements KeyValueStore {

    static {
        RocksDB.loadLibrary();
    }

    private final Options options;
    private final RocksDB db;
    private final WriteOptions syncedWrites;
    private final WriteOptions bufferedWrites;

    private RocksDbKeyValueStore(Options options, RocksDB db) {
        this.options = options;
        this.db = db;
        this.syncedWrites = new WriteOptions().setSync(true);
        this.bufferedWrites = new WriteOptions().setSync(false);
    }

    /**
     * Opens (creating if missing) the database in {@code dir}.
     *
     * @throws IOException if the directory cannot be created or RocksDB refuses to open it
     */
    public static RocksDbKeyValueStore open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Options options = new Options().setCreateIfMissing(true);
        try {
            return new RocksDbKeyValueStore(options, RocksDB.open(options, dir.toAbsolutePath().toString()));
        } catch (RocksDBException e) {
            options.close();
            throw new IOException("cannot open RocksDB at " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
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
        Slice upper = new Slice(to);
        ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upper);
        RocksIterator it = db.newIterator(readOptions);
        it.seek(from);
        return new Cursor(it, readOptions, null, upper);
    }

    @Override
    public KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk) {
        Slice lower = new Slice(lowerBound);
        Slice upper = new Slice(to);
        ReadOptions readOptions = new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper)
                .setFillCache(!bulk);
        RocksIterator it = db.newIterator(readOptions);
        it.seekForPrev(key);
        if (!it.isValid()) {
            it.seek(key);
        }
        return new Cursor(it, readOptions, lower, upper);
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
            try {
                it.status();
            } catch (RocksDBException e) {
                throw new StoreException("read failed", e);
            }
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
        try (Slice lower = new Slice(lowerBound);
             ReadOptions readOptions = new ReadOptions().setIterateLowerBound(lower);
             RocksIterator it = db.newIterator(readOptions)) {
            it.seekForPrev(key);
            return it.isValid() ? new KeyValue(it.key(), it.value()) : null;
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
            db.write(durable ? syncedWrites : bufferedWrites, native_);
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
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            // The WAL is synced for every acknowledged write, so a failed flush loses nothing.
        } finally {
            syncedWrites.close();
            bufferedWrites.close();
            db.close();
            options.close();
        }
    }
}
