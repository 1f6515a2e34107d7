package io.dsk.gateway.store;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored metadata and path bindings of streams read or written lately, so that reading a
 * stream does not search the engine for them (with RocksDB, a search of every memtable, which hold
 * the last minutes' appends, for each of the two records, before the block cache). It holds what
 * the engine holds, never something newer or older:
 *
 * <ul>
 *   <li>{@link StreamStore#commit} is the only writer of these records. A commit that changes any
 *       of them calls {@link #changing()} before its write and {@link #changed} after it, which
 *       applies its changes in order (or, if the write failed, forgets the entries it touched).
 *       Commits that change one stream hold that stream's lock, so they reach {@link #changed} in
 *       the order they wrote.</li>
 *   <li>A reader that misses reads the engine and offers what it read with the version
 *       {@link #readStart()} gave it before reading; it is kept only if no change began since
 *       (and none was under way when it started), so a reader never puts back what a commit has
 *       replaced or removed.</li>
 * </ul>
 *
 * <p>Bounded: once it holds {@value #MAX_ENTRIES} streams or paths it starts over, like a cache
 * that forgets everything at once (a few hundred bytes an entry, some 50 to 60 MB when full).
 * Commits that change nothing but tails (most appends) do not touch it.
 */
final class MetadataCache {

    /** Most streams, and most paths, held at once. */
    static final int MAX_ENTRIES = 1 << 17;

    /** One change of a commit, applied after its write in the order the commit made them. */
    sealed interface Change permits MetadataPut, PathBound, PathUnbound, StreamDropped {
    }

    record MetadataPut(StreamMetadata metadata) implements Change {
    }

    record PathBound(String path, long id) implements Change {
    }

    record PathUnbound(String path) implements Change {
    }

    record StreamDropped(long id) implements Change {
    }

    private final Object lock = new Object();
    /** Goes up when a change begins and when it ends; guarded by {@link #lock}. */
    private long version;
    /** Changes begun and not yet ended; guarded by {@link #lock}. */
    private int inProgress;
    private final ConcurrentHashMap<Long, StreamMetadata> metadata = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> ids = new ConcurrentHashMap<>();

    /** The stored metadata of the stream, or null if not held. */
    StreamMetadata metadata(long id) {
        return metadata.get(id);
    }

    /** The id bound to the path, or null if not held (a path without a stream is never held). */
    Long id(String path) {
        return ids.get(path);
    }

    /** To call before a reader that missed reads the engine: what it passes to {@link #offer}. */
    long readStart() {
        synchronized (lock) {
            return inProgress == 0 ? version : -1;
        }
    }

    /** Keeps metadata a reader read from the engine, if nothing changed since {@code readStart}. */
    void offer(long readStart, StreamMetadata stored) {
        keep(readStart, metadata, stored.id(), stored);
    }

    /** Keeps a path binding a reader read from the engine, if nothing changed since {@code readStart}. */
    void offer(long readStart, String path, long id) {
        keep(readStart, ids, path, id);
    }

    private <K, V> void keep(long readStart, ConcurrentHashMap<K, V> map, K key, V value) {
        if (readStart < 0) {
            return;
        }
        synchronized (lock) {
            if (version == readStart) {
                makeRoom(map);
                map.putIfAbsent(key, value);
            }
        }
    }

    /** A commit with changes is about to write them: from now on, readers that missed keep nothing. */
    void changing() {
        synchronized (lock) {
            inProgress++;
            version++;
        }
    }

    /**
     * The commit that called {@link #changing()} wrote its changes ({@code written}) or failed to
     * (then every entry it touched is forgotten, to be read from the engine again).
     */
    void changed(List<Change> changes, boolean written) {
        synchronized (lock) {
            for (Change change : changes) {
                if (written) {
                    apply(change);
                } else {
                    forget(change);
                }
            }
            inProgress--;
            version++;
        }
    }

    private void apply(Change change) {
        if (change instanceof MetadataPut put) {
            makeRoom(metadata);
            metadata.put(put.metadata().id(), put.metadata());
        } else if (change instanceof PathBound bound) {
            makeRoom(ids);
            ids.put(bound.path(), bound.id());
        } else {
            forget(change);
        }
    }

    private void forget(Change change) {
        if (change instanceof MetadataPut put) {
            metadata.remove(put.metadata().id());
        } else if (change instanceof PathBound bound) {
            ids.remove(bound.path());
        } else if (change instanceof PathUnbound unbound) {
            ids.remove(unbound.path());
        } else if (change instanceof StreamDropped dropped) {
            metadata.remove(dropped.id());
        }
    }

    private static void makeRoom(ConcurrentHashMap<?, ?> map) {
        if (map.size() >= MAX_ENTRIES) {
            map.clear();
        }
    }
}
