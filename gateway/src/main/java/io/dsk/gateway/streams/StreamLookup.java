package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/** Finds streams by path and decides whether they are live, soft-deleted or expired. */
final class StreamLookup {

    private final StreamStore store;
    private final LongSupplier clock;

    StreamLookup(StreamStore store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    StreamStore store() {
        return store;
    }

    long now() {
        return clock.getAsLong();
    }

    /**
     * The live stream at {@code path}.
     *
     * @throws ProtocolException 404 if there is none or it expired, 410 if it is soft-deleted
     */
    StreamMetadata live(String path) {
        return live(store.byPath(path)
                .orElseThrow(() -> ProtocolException.notFound("no stream at this path")));
    }

    /**
     * {@code meta} if the stream is live.
     *
     * @throws ProtocolException 404 if it expired, 410 if it is soft-deleted
     */
    StreamMetadata live(StreamMetadata meta) {
        if (meta.softDeleted()) {
            throw ProtocolException.gone("this stream was deleted; only its forks still read its data");
        }
        if (isExpired(meta)) {
            throw ProtocolException.notFound("no stream at this path (it expired)");
        }
        return meta;
    }

    /** True if the stream's TTL window (counting recorded accesses) or absolute expiry has passed. */
    boolean isExpired(StreamMetadata meta) {
        long now = now();
        if (!meta.hasTtl()) {
            return meta.isExpiredAt(now);
        }
        long access = Math.max(meta.lastAccessMillis(), store.lastAccess(meta.id()).orElse(0L));
        return meta.withLastAccess(access).isExpiredAt(now);
    }

    /** The stream and its fork ancestors, leaf first. */
    List<StreamMetadata> chain(StreamMetadata leaf) {
        List<StreamMetadata> chain = new ArrayList<>();
        StreamMetadata current = leaf;
        chain.add(current);
        while (current.isFork()) {
            Optional<StreamMetadata> source = store.byId(current.sourceId());
            if (source.isEmpty()) {
                break;
            }
            current = source.get();
            chain.add(current);
        }
        return chain;
    }

    /** The paths of the stream and its fork ancestors: the locks a removal needs. */
    Set<String> chainPaths(StreamMetadata leaf) {
        Set<String> paths = new LinkedHashSet<>();
        for (StreamMetadata m : chain(leaf)) {
            paths.add(m.path());
        }
        return paths;
    }
}
