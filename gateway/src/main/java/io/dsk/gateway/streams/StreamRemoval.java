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
     * Expires a stream found by the sweeper or a writer; the caller holds no locks.
     *
     * @return true if the stream was removed
     */
    boolean expireIfDue(long id) {
        StreamStore store = lookup.store();
        Optional<StreamMetadata> seen = store.byId(id);
        if (seen.isEmpty() || seen.get().softDeleted() || !lookup.isExpired(seen.get())) {
            return false;
        }
        Set<String> paths = lookup.chainPaths(seen.get());
        try (StreamLocks.Held held = locks.lock(paths)) {
            Optional<StreamMetadata> now = store.byId(id);
            if (now.isEmpty() || now.get().softDeleted() || !lookup.isExpired(now.get())
                    || !paths.containsAll(lookup.chainPaths(now.get()))) {
                return false;
            }
            remove(now.get(), false);
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

    /** Ids of every stream that is due for expiry, or soft-deleted with no forks left. */
    Set<Long> dueForRemoval() {
        Set<Long> due = new LinkedHashSet<>();
        lookup.store().forEachStream(meta -> {
            if (!meta.softDeleted() && lookup.isExpired(meta)) {
                due.add(meta.id());
            }
        });
        return due;
    }
}
