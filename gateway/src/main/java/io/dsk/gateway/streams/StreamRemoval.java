package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deletion and expiry. A stream that forks still read through is soft-deleted (kept, invisible);
 * any other is dropped with all its records, and dropping a fork releases its source, cascading up
 * the chain through sources that are soft-deleted and no longer referenced.
 */
final class StreamRemoval {

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
            Set<String> paths = lookup.chainPaths(seen);
            try (StreamLocks.Held held = locks.lock(paths)) {
                Optional<StreamMetadata> now = store.byPath(path);
                if (now.isEmpty() || !paths.containsAll(lookup.chainPaths(now.get()))) {
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
     * removed, streams whose TTL window was extended are re-indexed at their new deadline, and
     * entries of streams that are already gone are dropped.
     *
     * @return true if a stream was removed
     */
    boolean sweep(StreamStore.ExpiryCheck check) {
        StreamStore store = lookup.store();
        Optional<StreamMetadata> seen = store.byId(check.id());
        if (seen.isEmpty() || seen.get().softDeleted()) {
            store.commit(store.mutation().unindexExpiry(check), false);
            return false;
        }
        Set<String> paths = lookup.chainPaths(seen.get());
        try (StreamLocks.Held held = locks.lock(paths)) {
            Optional<StreamMetadata> now = store.byId(check.id());
            if (now.isEmpty() || now.get().softDeleted() || !paths.containsAll(lookup.chainPaths(now.get()))) {
                store.commit(store.mutation().unindexExpiry(check), false);
                return false;
            }
            StreamMetadata meta = now.get();
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
     * Removes a stream whose chain the caller has locked: soft-deletes it while forks reference it,
     * otherwise drops it and releases its sources.
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

    private void drop(StreamMetadata meta, StreamStore.Mutation mutation, List<Long> changed) {
        StreamStore store = lookup.store();
        mutation.dropStream(meta.id());
        store.byPath(meta.path()).filter(bound -> bound.id() == meta.id())
                .ifPresent(bound -> mutation.unbindPath(meta.path()));
        changed.add(meta.id());
        if (!meta.isFork()) {
            return;
        }
        store.byId(meta.sourceId()).ifPresent(source -> {
            StreamMetadata released = source.withForkCount(Math.max(0, source.forkCount() - 1));
            if (released.softDeleted() && released.forkCount() == 0) {
                drop(released, mutation, changed);
            } else {
                mutation.putMetadata(released);
            }
        });
    }

}
