package io.dsk.gateway.streams;

import io.dsk.gateway.store.RetentionPolicy;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.util.List;

/**
 * Where a stream's retained history starts: the pure decisions of retention, from the stream's
 * metadata, its stored policy, a time passed in and the store's contents, never the local clock or
 * the configuration, so that every node that applies the same change decides the same.
 *
 * <p>Both bounds drop whole stored entries from the head. The size bound keeps the newest
 * {@code maxBytes} bytes at most: the horizon is the first entry boundary at or after
 * {@code tail - maxBytes}. The age bound drops every commit made at or before {@code now - maxAge}, in
 * stream order up to the first newer one (commit times are recorded per commit of a stream with a
 * maximum age; a fork records its creation time for the history it shares with its source). With
 * both, the later horizon wins. The horizon never moves back and never passes the tail.
 */
final class RetentionHorizon {

    private RetentionHorizon() {
    }

    /**
     * The stream's next earliest retained position under its policy at {@code now}.
     *
     * @param chain the stream and its fork ancestors, leaf first ({@link StreamLookup#chain})
     * @param store the store holding their data and commit times
     * @param now the time of the decision, epoch millis
     * @return the new earliest position: at least the current one, at most the tail
     */
    static long next(List<StreamMetadata> chain, StreamStore store, long now) {
        StreamMetadata stream = chain.get(0);
        RetentionPolicy policy = stream.retention();
        long horizon = stream.earliest();
        if (policy.hasMaxBytes() && stream.tail() - policy.maxBytes() > horizon) {
            long target = stream.tail() - policy.maxBytes();
            StreamSegments segments = StreamSegments.of(chain);
            long start = segments.entryStart(store, target);
            horizon = start == target ? target : segments.entryEnd(store, target + 1);
        }
        if (policy.hasMaxAge()) {
            long cutoff = now - policy.maxAgeMillis();
            horizon = Math.max(horizon, store.appendedBy(stream.id(), horizon, stream.tail(), cutoff));
        }
        return Math.min(Math.max(horizon, stream.earliest()), stream.tail());
    }

    /**
     * The earliest position a reader of the stream can read: its own earliest retained position, or
     * past history a fork shares with a source whose retention dropped it, whichever is later. A
     * fork reads its source's retained history; where the source dropped it, the fork's reader is
     * told so (410) exactly as a reader of the source is.
     *
     * @param chain the stream and its fork ancestors, leaf first
     */
    static long readable(List<StreamMetadata> chain) {
        long horizon = chain.get(0).earliest();
        long upper = chain.get(0).tail();
        for (StreamMetadata m : chain) {
            long lower = m.isFork() ? Math.min(m.forkPosition(), upper) : 0;
            if (m != chain.get(0) && m.earliest() > lower && upper > lower) {
                horizon = Math.max(horizon, Math.min(m.earliest(), upper));
            }
            upper = Math.min(upper, lower);
        }
        return horizon;
    }
}
