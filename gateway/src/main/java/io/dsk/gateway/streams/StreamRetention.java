package io.dsk.gateway.streams;

import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Enforces retention: moves each stream's earliest retained position to where
 * {@link RetentionHorizon#next} puts it and drops the data below, in one atomic batch with the
 * metadata, under the stream's lock. The tail, producer states, source watermarks, closure and
 * expiry are left as they are. Runs on the caller's thread (the retention sweeper, or the apply of
 * a replicated command); the time is passed in.
 */
final class StreamRetention {

    private static final int PAGE = 1000;

    private final StreamLookup lookup;
    private final StreamLocks locks;

    StreamRetention(StreamLookup lookup, StreamLocks locks) {
        this.lookup = lookup;
        this.locks = locks;
    }

    /** Applies the policy of every stream {@code owned} accepts at {@code now}. */
    RetentionPass enforce(long now, LongPredicate owned) {
        List<RetentionPass.Truncation> truncations = new ArrayList<>();
        long retained = 0;
        long after = -1;
        List<Long> ids;
        do {
            ids = lookup.store().retainedStreams(after, PAGE);
            for (long id : ids) {
                after = id;
                if (!owned.test(id)) {
                    continue;
                }
                retained += apply(id, now, truncations).map(m -> m.tail() - m.earliest()).orElse(0L);
            }
        } while (ids.size() == PAGE);
        return new RetentionPass(truncations, retained);
    }

    /**
     * Applies one stream's policy at {@code now}, adding what it dropped to {@code truncations}.
     *
     * @return the stream as it is afterwards, or empty if it no longer exists
     */
    private Optional<StreamMetadata> apply(long id, long now, List<RetentionPass.Truncation> truncations) {
        StreamStore store = lookup.store();
        Optional<StreamMetadata> seen = store.byId(id);
        if (seen.isEmpty()) {
            return seen;
        }
        // Decided without the lock: positions below a tail never change, so a horizon found on this
        // snapshot still holds once appends moved the tail on; a stream with nothing to drop is not locked.
        long horizon = RetentionHorizon.next(lookup.chain(seen.get()), store, now);
        if (horizon <= seen.get().earliest()) {
            return seen;
        }
        try (StreamLocks.Held held = locks.lock(seen.get().path())) {
            Optional<StreamMetadata> current = store.byId(id);
            if (current.isEmpty() || horizon <= current.get().earliest()) {
                return current;
            }
            StreamMetadata meta = current.get();
            StreamMetadata truncated = meta.withEarliest(horizon);
            store.commit(store.mutation().putMetadata(truncated)
                    .dropHead(id, horizon, store.sourceAppendsEndingBy(id, horizon)), false);
            long ownStart = meta.isFork() ? meta.forkPosition() : 0;
            long dropped = Math.max(0, horizon - Math.max(meta.earliest(), ownStart));
            truncations.add(new RetentionPass.Truncation(id, meta.earliest(), horizon, dropped));
            return Optional.of(truncated);
        }
    }
}
