package io.dsk.gateway.store;

/**
 * The storage engine SPI: an ordered map of byte keys to byte values with atomic batches.
 *
 * <p>Keys compare as unsigned bytes. A {@link WriteBatch} is applied atomically: a reader sees all of
 * it or none of it. Implementations are thread-safe.
 */
public interface KeyValueStore extends AutoCloseable {

    /** The value stored under {@code key}, or {@code null}. */
    byte[] get(byte[] key);

    /**
     * Opens a cursor over the keys in {@code [from, to)} in ascending order; the caller closes it.
     */
    KeyValueCursor scan(byte[] from, byte[] to);

    /**
     * The entry with the greatest key in {@code [lowerBound, key]}, or {@code null} if there is none.
     */
    KeyValue floor(byte[] lowerBound, byte[] key);

    /**
     * Opens a cursor over {@code [lowerBound, to)} in ascending order that starts at the greatest key
     * at or below {@code key}, or at the first key above it if there is none: {@link #floor} and
     * {@link #scan} in one pass. The caller closes it.
     *
     * @param bulk part of a long sequential read: the engine should not let it displace the hot
     *             data of its cache
     */
    default KeyValueCursor scanFromFloor(byte[] lowerBound, byte[] key, byte[] to, boolean bulk) {
        KeyValue floor = floor(lowerBound, key);
        return scan(floor == null ? key : floor.key(), to);
    }

    /**
     * A view of this store whose reads never touch disk, for a thread that must never block: each
     * read answers from memory as this store would, or throws {@link NotInMemoryException}. Its
     * writes are this store's. An engine that holds everything in memory is its own view.
     */
    default KeyValueStore memoryOnly() {
        return this;
    }

    /**
     * Applies the batch atomically.
     *
     * @param batch the operations, applied in order
     * @param durable when true, the call returns only once the batch is on stable storage
     */
    void write(WriteBatch batch, boolean durable);

    /**
     * Why the engine takes no more streams or data, or null while it does. An engine with a bound of
     * its own (the in-memory one's {@code --in-memory-max-bytes}) says so here, and the store then
     * refuses a write that would add a stream or data ({@link StoreException#limitReached}); writes
     * that only remove or rewrite are still taken, so that space can be freed. A disk that fills up
     * is not reported here: its writes fail ({@link StoreException#diskFull}).
     */
    default String full() {
        return null;
    }

    /**
     * Asks the engine to reclaim the space of keys in {@code [from, to)} that were deleted (after a
     * range delete); the keys' contents do not change. It may take long, but never blocks writers;
     * an engine without such work does nothing.
     */
    default void compact(byte[] from, byte[] to) {
    }

    /** Flushes and releases the engine; further calls fail. */
    @Override
    void close();

    /** One key and its value. */
    record KeyValue(byte[] key, byte[] value) {
    }
}
