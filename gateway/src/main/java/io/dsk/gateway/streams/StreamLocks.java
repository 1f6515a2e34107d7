package io.dsk.gateway.streams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
    private final AtomicLong otherChanges = new AtomicLong();

    /** Locks one path; close the result to unlock. */
    public Held lock(String path) {
        return lock(List.of(path));
    }

    /** Locks every path, in sorted order, for a change other than appends; close the result to unlock. */
    public Held lock(Collection<String> paths) {
        return lock(paths, true);
    }

    /**
     * Locks every path, in sorted order, for appends only; close the result to unlock. Unlike
     * {@link #lock}, this does not count in {@link #otherChanges()}.
     */
    Held lockForAppends(Collection<String> paths) {
        return lock(paths, false);
    }

    private Held lock(Collection<String> paths, boolean otherChange) {
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
        return new Held(ordered, held, otherChange);
    }

    /**
     * How many locks taken for something other than appends were released. It moves while such a
     * lock is still held, after the change it guarded: whoever holds a stream's lock and finds the
     * count unchanged since it last held that stream's lock knows that nothing but appends changed
     * the stream in between. (Counting when such a lock is taken would not do: an appender holding
     * the lock at that moment would read the new count before the change is made.)
     */
    long otherChanges() {
        return otherChanges.get();
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
        private final boolean otherChange;

        private Held(List<String> paths, List<Entry> entries, boolean otherChange) {
            this.paths = paths;
            this.entries = entries;
            this.otherChange = otherChange;
        }

        @Override
        public void close() {
            if (otherChange) {
                otherChanges.incrementAndGet();
            }
            release(paths, entries);
        }
    }
}
