package io.dsk.gateway.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Small data entries that reads read lately, so that reading one again (many readers
 * catching up on the same stream, a reconnect storm, a CDN's misses) takes a hash lookup instead of
 * a search of RocksDB's memtables or block cache and a copy out of it. Only entries of at most
 * {@link #MAX_ENTRY_BYTES} bytes are kept, those that reads read from the store: the point reads of
 * {@link StreamStore#copy} (a small catch-up read of a byte stream) and the entries of a
 * {@link StreamStore#read} of a short range (JSON reads, live reads); appends put nothing here, so a
 * write-only load costs nothing.
 *
 * <p>Why no invalidation is needed: a data entry is written once, by the commit that puts it at its
 * stream's tail, and never rewritten; retention and deletes only remove entries, and stream ids are
 * never reused. A read asks only for positions between the head and the tail that the stream's
 * metadata named when the read was opened, so a kept entry of a range removed since can only reach
 * a read opened before the removal, which sees what it would have seen then.
 *
 * <p>Bounded by bytes, counting about {@value #ENTRY_OVERHEAD} bytes of heap an entry beside its
 * data, in two generations of half the bound each: entries go into the young one; when it is full it
 * becomes the old one and the previous old one is dropped; a hit in the old one is copied into the
 * young one. So an entry read at least once per half-bound's worth of other reads stays, and the
 * cache never holds more than the bound plus one entry per thread.
 */
final class EntryCache {

    /** Largest entry kept: the largest a {@link StreamStore#copy} reads by its key. JSON messages are usually smaller. */
    static final int MAX_ENTRY_BYTES = StreamStore.POINT_READ_BYTES;
    /** Heap an entry costs beside its data: the key, the map's node and the array's header. */
    static final int ENTRY_OVERHEAD = 96;

    /** A cache that keeps nothing. */
    static final EntryCache NONE = new EntryCache(0);

    private final long generationBytes;
    private final Object rotation = new Object();
    private volatile Generation young = new Generation();
    private volatile Generation old = new Generation();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param maxBytes most bytes held, data and {@value #ENTRY_OVERHEAD} bytes an entry; 0 keeps nothing */
    EntryCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        this.generationBytes = maxBytes / 2;
    }

    /** The entry of stream {@code id} that starts at {@code position}, or null if not held. */
    byte[] get(long id, long position) {
        if (generationBytes == 0) {
            return null;
        }
        Key key = new Key(id, position);
        byte[] entry = young.entries.get(key);
        if (entry == null) {
            entry = old.entries.get(key);
            if (entry == null) {
                misses.increment();
                return null;
            }
            keep(key, entry);
        }
        hits.increment();
        return entry;
    }

    /** Keeps the stored entry of stream {@code id} that starts at {@code position}, if small enough. */
    void put(long id, long position, byte[] entry) {
        if (generationBytes > 0 && entry.length <= MAX_ENTRY_BYTES) {
            keep(new Key(id, position), entry);
        }
    }

    private void keep(Key key, byte[] entry) {
        Generation g = young;
        if (g.entries.putIfAbsent(key, entry) == null
                && g.bytes.addAndGet(entry.length + ENTRY_OVERHEAD) >= generationBytes) {
            synchronized (rotation) {
                if (young == g) {
                    old = g;
                    young = new Generation();
                }
            }
        }
    }

    /** Whether it keeps anything. */
    boolean enabled() {
        return generationBytes > 0;
    }

    /** Bytes held: data and the per-entry overhead, of both generations. */
    long bytes() {
        return young.bytes.get() + old.bytes.get();
    }

    /** Lookups answered from the cache since the store opened. */
    long hits() {
        return hits.sum();
    }

    /** Lookups the cache could not answer since the store opened. */
    long misses() {
        return misses.sum();
    }

    /** An entry: its stream id and its first position. */
    record Key(long id, long position) {

        /**
         * Spreads the stream ids over the hash space (a multiplication by an odd 64-bit constant) and
         * adds the position, so a stream's entries stay apart from every other stream's. A record's
         * own hash (31 × id + position) is the same for many entries of streams whose entries have
         * one size, which sit at the same positions: entries of 31 or 62 bytes over 100 streams put
         * up to 100 keys in one map bin, searched one by one since keys have no order (276 to 496 ns
         * a lookup instead of 43 to 52).
         */
        @Override
        public int hashCode() {
            return Long.hashCode(id * 0x9E3779B97F4A7C15L + position);
        }
    }

    private static final class Generation {
        final ConcurrentHashMap<Key, byte[]> entries = new ConcurrentHashMap<>();
        final AtomicLong bytes = new AtomicLong();
    }
}
