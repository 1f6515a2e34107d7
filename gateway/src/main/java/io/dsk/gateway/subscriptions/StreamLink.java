package io.dsk.gateway.subscriptions;

/**
 * One stream a subscription follows (PROTOCOL.md 6.1), with its cursor.
 *
 * @param path stream path
 * @param streamId internal id of the stream the cursor belongs to, or -1 while no stream is at the path
 * @param acked last processed position, inclusive: the next read starts here (0 for none)
 * @param tail the stream's tail as last seen
 * @param explicit linked by {@code streams[]} or the membership API
 * @param glob linked because the pattern matches
 */
public record StreamLink(String path, long streamId, long acked, long tail, boolean explicit, boolean glob) {

    /** No stream exists at the path. */
    public static final long NO_STREAM = -1;

    /** {@code explicit} wins in answers (PROTOCOL.md 6.1). */
    public String linkType() {
        return explicit ? "explicit" : "glob";
    }

    public boolean pending() {
        return tail > acked;
    }

    /** The link with the stream's new tail; a new stream at the path is followed from {@code start}. */
    StreamLink withTail(long streamId, long start, long newTail) {
        if (streamId != this.streamId) {
            return new StreamLink(path, streamId, start, newTail, explicit, glob);
        }
        return new StreamLink(path, streamId, acked, Math.max(tail, newTail), explicit, glob);
    }

    StreamLink withAcked(long position) {
        return new StreamLink(path, streamId, Math.max(acked, position), tail, explicit, glob);
    }

    StreamLink withKinds(boolean explicit, boolean glob) {
        return new StreamLink(path, streamId, acked, tail, explicit, glob);
    }

    /** The link after its stream was deleted or expired: no stream, no cursor. */
    StreamLink withoutStream() {
        return new StreamLink(path, NO_STREAM, 0, 0, explicit, glob);
    }
}
