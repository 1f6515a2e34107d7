package io.dsk.gateway.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory engine for tests and {@code --in-memory}: a sorted concurrent map. Nothing survives
 * a restart. Batches are applied under a write lock and single reads under the read lock, so a
 * reader never sees half a batch.
 *
 * <p>It counts what it holds ({@link #heldBytes()}: keys and values plus {@value #ENTRY_OVERHEAD}
 * bytes an entry, about what the JVM spends on the two arrays and the map's nodes) and, given a
 * bound, reports itself {@link #full()} once that count reaches it, so the store refuses new
 * streams and data with 507 instead of the JVM running out of heap.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {

    /** Heap an entry takes besides its key and value bytes: two array headers and the skip list's nodes. */
    public static final int ENTRY_OVERHEAD = 96;

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final long maxBytes;
    /** What the map holds, counted as {@link #size}; changed under the write lock. */
    private volatile long heldBytes;
    private volatile boolean closed;

    /** An engine without a bound (tests). */
    public InMemoryKeyValueStore() {
        this(Long.MAX_VALUE);
    }

    /**
     * @param maxBytes the count of {@link #heldBytes()} at which the engine is {@link #full()}
     */
    public InMemoryKeyValueStore(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the bound must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] get(byte[] key) {
        ensureOpen();
        lock.readLock().lock();
        try {
            return map.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public KeyValueCursor scan(byte[] from, byte[] to) {
        ensureOpen();
        Iterator<Map.Entry<byte[], byte[]>> it = map.subMap(from, true, to, false).entrySet().iterator();
        return new KeyValueCursor() {
            private Map.Entry<byte[], byte[]> current;

            @Override
            public boolean next() {
                current = it.hasNext() ? it.next() : null;
                return current != null;
            }

            @Override
            public byte[] key() {
                return current.getKey();
            }

            @Override
            public byte[] value() {
                return current.getValue();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public KeyValue floor(byte[] lowerBound, byte[] key) {
        ensureOpen();
        lock.readLock().lock();
        try {
            Map.Entry<byte[], byte[]> e = map.floorEntry(key);
            if (e == null || Arrays.compareUnsigned(e.getKey(), lowerBound) < 0) {
                return null;
            }
            return new KeyValue(e.getKey(), e.getValue());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void write(WriteBatch batch, boolean durable) {
        ensureOpen();
        lock.writeLock().lock();
        try {
            long held = heldBytes;
            for (WriteBatch.Op op : batch.ops()) {
                if (op instanceof WriteBatch.Put put) {
                    byte[] key = put.key().clone();
                    byte[] before = map.put(key, put.value().clone());
                    held += size(key, put.value()) - (before == null ? 0 : size(key, before));
                } else if (op instanceof WriteBatch.Delete delete) {
                    byte[] before = map.remove(delete.key());
                    held -= before == null ? 0 : size(delete.key(), before);
                } else if (op instanceof WriteBatch.DeleteRange range) {
                    NavigableMap<byte[], byte[]> sub = map.subMap(range.from(), true, range.to(), false);
                    for (Map.Entry<byte[], byte[]> e : sub.entrySet()) {
                        held -= size(e.getKey(), e.getValue());
                    }
                    sub.clear();
                }
            }
            heldBytes = held;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static long size(byte[] key, byte[] value) {
        return (long) key.length + value.length + ENTRY_OVERHEAD;
    }

    /** What the engine holds: its keys and values, and {@value #ENTRY_OVERHEAD} bytes an entry. */
    public long heldBytes() {
        return heldBytes;
    }

    @Override
    public String full() {
        long held = heldBytes;
        if (held < maxBytes) {
            return null;
        }
        return String.format(Locale.ROOT, "the in-memory store holds %,d bytes, its limit is %,d "
                + "(--in-memory-max-bytes); delete streams, or restart the gateway with a larger limit "
                + "(and heap)", held, maxBytes);
    }

    /** Deleted keys take no space here: nothing to reclaim. */
    @Override
    public void compact(byte[] from, byte[] to) {
        ensureOpen();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }
}
