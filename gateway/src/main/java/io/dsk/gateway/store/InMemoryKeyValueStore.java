package io.dsk.gateway.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory engine for tests and {@code --in-memory}: a sorted concurrent map. Nothing survives
 * a restart. Batches are applied under a write lock and single reads under the read lock, so a
 * reader never sees half a batch.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

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
            for (WriteBatch.Op op : batch.ops()) {
                if (op instanceof WriteBatch.Put put) {
                    map.put(put.key().clone(), put.value().clone());
                } else if (op instanceof WriteBatch.Delete delete) {
                    map.remove(delete.key());
                } else if (op instanceof WriteBatch.DeleteRange range) {
                    NavigableMap<byte[], byte[]> sub = map.subMap(range.from(), true, range.to(), false);
                    sub.clear();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
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
