package io.dsk.gateway.subscriptions;

import io.dsk.path.StreamPathPattern;
import java.util.List;
import java.util.Optional;

/** What {@link Subscriptions} reads of the streams: tails of live streams, by path or by pattern. */
public interface StreamTails {

    /**
     * A live stream: where its own data begins (0, or a fork's fork offset) and its tail position.
     */
    record StreamTail(String path, long id, long start, long tail) {
    }

    /** The live stream at {@code path}, if there is one. */
    Optional<StreamTail> tail(String path);

    /** Every live stream whose path the pattern matches. */
    List<StreamTail> matching(StreamPathPattern pattern);
}
