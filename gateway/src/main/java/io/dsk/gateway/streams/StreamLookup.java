package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        return live(path, now());
    }

    /** {@link #live(String)} as of {@code now}: a read judges expiry by the time it began. */
    StreamMetadata live(String path, long now) {
        return live(store.byPath(path)
                .orElseThrow(() -> ProtocolException.notFound("no stream at this path")), now);
    }

    /**
     * {@code meta} if the stream is live.
     *
     * @throws ProtocolException 404 if it expired, 410 if it is soft-deleted
     */
    StreamMetadata live(StreamMetadata meta) {
        return live(meta, now());
    }

    private StreamMetadata live(StreamMetadata meta, long now) {
        if (meta.softDeleted()) {
            throw ProtocolException.gone("this stream was deleted; only its forks still read its data");
        }
        if (isExpired(meta, now)) {
            throw ProtocolException.notFound("no stream at this path (it expired)");
        }
        return meta;
    }

    /** True if the stream's TTL window (counting recorded accesses) or absolute expiry has passed. */
    boolean isExpired(StreamMetadata meta) {
        return isExpired(meta, now());
    }

    private boolean isExpired(StreamMetadata meta, long now) {
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

    /**
     * The number of forks between {@code meta} and its root: the stored depth, or for a fork
     * stored before depths were, found by walking at most {@code atMost + 1} sources up.
     *
     * @return the depth, or {@code atMost + 1} when it is deeper than {@code atMost}
     */
    int forkDepth(StreamMetadata meta, int atMost) {
        int walked = 0;
        StreamMetadata current = meta;
        while (current.forkDepth() == StreamMetadata.UNKNOWN_FORK_DEPTH && walked <= atMost) {
            Optional<StreamMetadata> source = store.byId(current.sourceId());
            if (source.isEmpty()) {
                return walked;
            }
            current = source.get();
            walked++;
        }
        return current.forkDepth() == StreamMetadata.UNKNOWN_FORK_DEPTH ? atMost + 1
                : Math.min(atMost + 1, walked + current.forkDepth());
    }
}
