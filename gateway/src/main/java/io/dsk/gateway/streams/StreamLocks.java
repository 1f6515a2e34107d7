package io.dsk.gateway.streams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per stream path that some writer holds or waits for: writers of one stream are
 * serialised, writers of different streams never contend, and a lock exists only while it is in
 * use, so idle streams cost nothing. Operations that touch several streams (fork create, delete with
 * cascade) lock every path in sorted order, which rules out deadlock.
 */
public final class StreamLocks {

    /** A path's lock and how many threads hold or wait for it; the count is changed only inside map updates. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    /** Locks one path; close the result to unlock. */
    public Held lock(String path) {
        return lock(List.of(path));
    }

    /** Locks every path, in sorted order; close the result to unlock. */
    public Held lock(Collection<String> paths) {
        List<String> ordered = new ArrayList<>(new TreeSet<>(paths));
        List<Entry> held = new ArrayList<>(ordered.size());
        try {
            for (String path : ordered) {
                Entry entry = locks.compute(path, (p, e) -> {
                    Entry in = e != null ? e : new Entry();
                    in.users++;
                    return in;
                });
                held.add(entry);
                entry.lock.lock();
            }
        } catch (RuntimeException | Error e) {
            release(ordered, held);
            throw e;
        }
        return new Held(ordered, held);
    }

    /** Paths whose lock is held or waited for right now. */
    public int pathsInUse() {
        return locks.size();
    }

    /** Threads waiting for the lock of {@code path}. */
    int waiting(String path) {
        Entry entry = locks.get(path);
        return entry == null ? 0 : entry.lock.getQueueLength();
    }

    private void release(List<String> paths, List<Entry> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            Entry entry = held.get(i);
            if (entry.lock.isHeldByCurrentThread()) {
                entry.lock.unlock();
            }
            locks.computeIfPresent(paths.get(i), (p, e) -> --e.users == 0 ? null : e);
        }
    }

    /** Locks held until {@link #close()}. */
    public final class Held implements AutoCloseable {
        private final List<String> paths;
        private final List<Entry> entries;

        private Held(List<String> paths, List<Entry> entries) {
            this.paths = paths;
            this.entries = entries;
        }

        @Override
        public void close() {
            release(paths, entries);
        }
    }
}
