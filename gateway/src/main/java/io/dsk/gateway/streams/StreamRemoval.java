package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deletion and expiry. A stream that forks still read through is soft-deleted (kept, invisible);
 * any other is dropped with all its records, and dropping a fork releases its source, cascading up
 * the chain through sources that are soft-deleted and no longer referenced.
 *
 * <p>The work of one removal is proportional to what it removes, never to the depth of the chain:
 * a soft delete locks and writes only its own stream; a drop locks only the streams it drops and
 * the one source it releases, found by a walk that stops at the first source that stays. At most
 * {@link #MAX_DROPS} streams are dropped per removal; a source left unreferenced beyond that is
 * put on the expiry index as due at once, and the sweeper carries the cascade on in bounded steps.
 */
final class StreamRemoval {

    /** Most streams one removal drops; the rest of a longer cascade is left to the sweeper. */
    static final int MAX_DROPS = 256;

    private final StreamLookup lookup;
    private final StreamLocks locks;
    private final StreamListener listener;

    StreamRemoval(StreamLookup lookup, StreamLocks locks, StreamListener listener) {
        this.lookup = lookup;
        this.locks = locks;
        this.listener = listener;
    }

    /** DELETE: 404 if absent or expired, 410 if already soft-deleted. */
    void delete(String path) {
        StreamStore store = lookup.store();
        while (true) {
            StreamMetadata seen = store.byPath(path)
                    .orElseThrow(() -> ProtocolException.notFound("no stream at this path"));
            Set<String> paths = lockPaths(seen);
            try (StreamLocks.Held held = locks.lock(paths)) {
                Optional<StreamMetadata> now = store.byPath(path);
                if (now.isEmpty() || !paths.containsAll(lockPaths(now.get()))) {
                    continue;
                }
                StreamMetadata meta = now.get();
                if (meta.softDeleted()) {
                    throw ProtocolException.gone("this stream was already deleted");
                }
                boolean expired = lookup.isExpired(meta);
                remove(meta, !expired);
                if (expired) {
                    throw ProtocolException.notFound("no stream at this path (it expired)");
                }
                return;
            }
        }
    }

    /**
     * Handles one due entry of the expiry index; the caller holds no locks. Expired streams are
     * removed, streams whose TTL window was extended are re-indexed at their new deadline,
     * soft-deleted streams that no fork reads any more (left by a cascade that hit
     * {@link #MAX_DROPS}) are dropped, and entries of streams that are already gone are dropped.
     *
     * @return true if a stream was removed
     */
    boolean sweep(StreamStore.ExpiryCheck check) {
        StreamStore store = lookup.store();
        Optional<StreamMetadata> seen = store.byId(check.id());
        if (seen.isEmpty() || (seen.get().softDeleted() && seen.get().forkCount() > 0)) {
            store.commit(store.mutation().unindexExpiry(check), false);
            return false;
        }
        Set<String> paths = lockPaths(seen.get());
        try (StreamLocks.Held held = locks.lock(paths)) {
            Optional<StreamMetadata> now = store.byId(check.id());
            if (now.isEmpty() || (now.get().softDeleted() && now.get().forkCount() > 0)
                    || !paths.containsAll(lockPaths(now.get()))) {
                store.commit(store.mutation().unindexExpiry(check), false);
                return false;
            }
            StreamMetadata meta = now.get();
            if (meta.softDeleted()) {
                remove(meta, check);
                return true;
            }
            if (!lookup.isExpired(meta)) {
                long access = store.lastAccess(meta.id()).orElse(meta.lastAccessMillis());
                long deadline = meta.withLastAccess(Math.max(access, meta.lastAccessMillis())).deadlineMillis();
                store.commit(store.mutation().unindexExpiry(check).indexExpiry(meta.id(), deadline), false);
                return false;
            }
            store.commit(store.mutation().unindexExpiry(check), false);
            remove(meta, false);
            return true;
        }
    }

    /**
     * The paths to lock before removing {@code meta}: its own, and when it would be dropped, those
     * of the sources the drop cascades through and of the first source it only releases. Lock them,
     * then check that the set computed again under the locks is contained in the held one.
     */
    Set<String> lockPaths(StreamMetadata meta) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(meta.path());
        if (meta.forkCount() > 0) {
            return paths;
        }
        StreamMetadata current = meta;
        for (int dropped = 1; current.isFork(); dropped++) {
            Optional<StreamMetadata> source = lookup.store().byId(current.sourceId());
            if (source.isEmpty()) {
                break;
            }
            paths.add(source.get().path());
            if (!releasedToNothing(source.get()) || dropped >= MAX_DROPS) {
                break;
            }
            current = source.get();
        }
        return paths;
    }

    /**
     * Removes a stream whose {@link #lockPaths} the caller has locked: soft-deletes it while forks
     * reference it, otherwise drops it and releases its sources.
     *
     * @param keepPathBlocked true for a client DELETE (the path stays blocked while soft-deleted);
     *                        false for expiry (the path is freed at once)
     */
    void remove(StreamMetadata meta, boolean keepPathBlocked) {
        StreamStore store = lookup.store();
        StreamStore.Mutation mutation = store.mutation();
        List<Long> changed = new ArrayList<>();
        if (meta.forkCount() > 0) {
            mutation.putMetadata(meta.withSoftDeleted());
            if (!keepPathBlocked) {
                mutation.unbindPath(meta.path());
            }
            changed.add(meta.id());
        } else {
            drop(meta, mutation, changed);
        }
        store.commit(mutation, true);
        changed.forEach(listener::streamChanged);
    }

    /** Drops a soft-deleted stream that no fork reads any more, found on the expiry index. */
    private void remove(StreamMetadata orphan, StreamStore.ExpiryCheck check) {
        StreamStore store = lookup.store();
        StreamStore.Mutation mutation = store.mutation().unindexExpiry(check);
        List<Long> changed = new ArrayList<>();
        drop(orphan, mutation, changed);
        store.commit(mutation, true);
        changed.forEach(listener::streamChanged);
    }

    /** Drops {@code meta} and, level by level, the sources it leaves unreferenced, up to {@link #MAX_DROPS}. */
    private void drop(StreamMetadata meta, StreamStore.Mutation mutation, List<Long> changed) {
        StreamStore store = lookup.store();
        StreamMetadata current = meta;
        for (int dropped = 1; ; dropped++) {
            StreamMetadata gone = current;
            mutation.dropStream(gone.id());
            store.byPath(gone.path()).filter(bound -> bound.id() == gone.id())
                    .ifPresent(bound -> mutation.unbindPath(gone.path()));
            changed.add(gone.id());
            if (!gone.isFork()) {
                return;
            }
            Optional<StreamMetadata> source = store.byId(gone.sourceId());
            if (source.isEmpty()) {
                return;
            }
            StreamMetadata released = source.get().withForkCount(Math.max(0, source.get().forkCount() - 1));
            if (!released.softDeleted() || released.forkCount() > 0) {
                mutation.putMetadata(released);
                return;
            }
            if (dropped >= MAX_DROPS) {
                mutation.putMetadata(released).indexExpiry(released.id(), 0);
                return;
            }
            current = released;
        }
    }

    /** True if dropping one fork of {@code source} leaves it soft-deleted and unreferenced. */
    private static boolean releasedToNothing(StreamMetadata source) {
        return source.softDeleted() && source.forkCount() <= 1;
    }
}
