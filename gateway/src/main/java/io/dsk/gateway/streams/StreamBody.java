package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The body of a catch-up read of a byte stream, positions {@code [from, next)}, copied from the store
 * piece by piece into the caller's buffer, so that a response of any length needs only that buffer.
 *
 * <p>Every position below the tail that the metadata named is immutable while the stream exists, so
 * the pieces form one consistent snapshot. The only change they can meet is the stream being dropped;
 * then {@link #fill} refuses rather than return fewer bytes, once it needs an entry that is gone from
 * the store (entries still in the store's entry cache are copied from there, as they were when the
 * read was opened). Not thread-safe: one sender at a time.
 */
public final class StreamBody {

    private final StreamStore store;
    private final StreamMetadata stream;
    private final List<StreamSegments.Segment> segments;
    private final long from;
    private final long next;
    private long position;

    StreamBody(StreamStore store, StreamMetadata stream, StreamSegments segments, long from, long next) {
        this.store = store;
        this.stream = stream;
        this.segments = segments.segments();
        this.from = from;
        this.next = next;
        this.position = from;
    }

    /** The stream's metadata when the read was opened. */
    public StreamMetadata stream() {
        return stream;
    }

    /** The position the body starts at. */
    public long from() {
        return from;
    }

    /** The position just past the body: the response's {@code Stream-Next-Offset}. */
    public long next() {
        return next;
    }

    /** Bytes not yet filled. */
    public long remaining() {
        return next - position;
    }

    /** The body reaches the tail. */
    public boolean upToDate() {
        return next >= stream.tail();
    }

    /** The body reaches the tail of a closed stream. */
    public boolean endOfStream() {
        return upToDate() && stream.closed();
    }

    /**
     * Copies the next bytes into {@code out}, up to its limit or the end of the body; at least one
     * byte when both have room.
     *
     * @throws ProtocolException 404 if the stream was dropped since the read was opened
     */
    public void fill(ByteBuffer out) {
        for (StreamSegments.Segment s : segments) {
            long end = Math.min(s.to(), next);
            if (position >= end) {
                continue;
            }
            if (!out.hasRemaining()) {
                return;
            }
            long reached = store.copy(s.id(), position, end, out);
            if (reached == position) {
                throw ProtocolException.notFound("the stream was deleted while it was read");
            }
            position = reached;
            if (position < end) {
                return;
            }
        }
    }
}
