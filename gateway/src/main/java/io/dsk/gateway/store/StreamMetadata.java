package io.dsk.gateway.store;

/**
 * Everything the gateway knows about one stream except its data, producer state and watermarks.
 *
 * @param id internal stream id, never reused
 * @param path the stream path (after {@code /v1/stream/})
 * @param contentType content type set at creation
 * @param ttlSeconds sliding time-to-live, or -1
 * @param expiresAt absolute expiry as sent by the client (RFC 3339), or null
 * @param expiresAtMillis absolute expiry in epoch millis, or -1
 * @param lastAccessMillis last read or write that reset the TTL window
 * @param tail position just past the last byte (the next offset)
 * @param closed whether the stream accepts no more appends
 * @param closedBy the producer request that closed the stream, or null
 * @param lastStreamSeq the last {@code Stream-Seq} accepted, or null
 * @param sourceId internal id of the fork source, or -1 for a root stream
 * @param forkedFrom fork source path as the client named it, or null
 * @param forkPosition divergence point: positions below come from the source
 * @param forkCount number of live forks that read through this stream
 * @param softDeleted deleted by the client while forks still read through it
 * @param forkDepth forks between this stream and its root: 0 for a root stream, one more than its
 *                  source's for a fork, or {@link #UNKNOWN_FORK_DEPTH} for a fork stored before depths were
 * @param earliest the earliest retained position of the stream's own history: retention dropped every
 *                 position below it (0 when nothing was dropped); always an entry boundary
 * @param retention the retention policy fixed at creation, {@link RetentionPolicy#NONE} for none
 */
public record StreamMetadata(
        long id,
        String path,
        String contentType,
        long ttlSeconds,
        String expiresAt,
        long expiresAtMillis,
        long lastAccessMillis,
        long tail,
        boolean closed,
        ProducerTuple closedBy,
        String lastStreamSeq,
        long sourceId,
        String forkedFrom,
        long forkPosition,
        int forkCount,
        boolean softDeleted,
        int forkDepth,
        long earliest,
        RetentionPolicy retention) {

    /** The fork depth of a fork whose metadata was written before depths were stored. */
    public static final int UNKNOWN_FORK_DEPTH = -1;

    /** Metadata without a stored fork depth: 0 for a root stream, {@link #UNKNOWN_FORK_DEPTH} for a fork. */
    public StreamMetadata(long id, String path, String contentType, long ttlSeconds, String expiresAt,
            long expiresAtMillis, long lastAccessMillis, long tail, boolean closed, ProducerTuple closedBy,
            String lastStreamSeq, long sourceId, String forkedFrom, long forkPosition, int forkCount,
            boolean softDeleted) {
        this(id, path, contentType, ttlSeconds, expiresAt, expiresAtMillis, lastAccessMillis, tail, closed, closedBy,
                lastStreamSeq, sourceId, forkedFrom, forkPosition, forkCount, softDeleted,
                sourceId < 0 ? 0 : UNKNOWN_FORK_DEPTH);
    }

    /** Metadata of a stream without retention: nothing dropped, no policy. */
    public StreamMetadata(long id, String path, String contentType, long ttlSeconds, String expiresAt,
            long expiresAtMillis, long lastAccessMillis, long tail, boolean closed, ProducerTuple closedBy,
            String lastStreamSeq, long sourceId, String forkedFrom, long forkPosition, int forkCount,
            boolean softDeleted, int forkDepth) {
        this(id, path, contentType, ttlSeconds, expiresAt, expiresAtMillis, lastAccessMillis, tail, closed, closedBy,
                lastStreamSeq, sourceId, forkedFrom, forkPosition, forkCount, softDeleted, forkDepth, 0,
                RetentionPolicy.NONE);
    }

    public StreamMetadata {
        if (retention == null) {
            retention = RetentionPolicy.NONE;
        }
    }

    /** The producer request {@code (id, epoch, seq)} that closed a stream. */
    public record ProducerTuple(String producerId, long epoch, long seq) {
    }

    public boolean isFork() {
        return sourceId >= 0;
    }

    public boolean hasTtl() {
        return ttlSeconds >= 0;
    }

    public boolean hasExpiresAt() {
        return expiresAtMillis >= 0;
    }

    /** The earliest time the stream can expire, or -1 if it never does. */
    public long deadlineMillis() {
        long deadline = hasExpiresAt() ? expiresAtMillis : Long.MAX_VALUE;
        if (hasTtl()) {
            deadline = Math.min(deadline, lastAccessMillis + ttlSeconds * 1000L);
        }
        return deadline == Long.MAX_VALUE ? -1 : deadline;
    }

    /** True if the stream's TTL window or absolute expiry has passed at {@code nowMillis}. */
    public boolean isExpiredAt(long nowMillis) {
        if (hasExpiresAt() && nowMillis >= expiresAtMillis) {
            return true;
        }
        return hasTtl() && nowMillis >= lastAccessMillis + ttlSeconds * 1000L;
    }

    public StreamMetadata withTail(long newTail) {
        return new StreamMetadata(id, path, contentType, ttlSeconds, expiresAt, expiresAtMillis, lastAccessMillis,
                newTail, closed, closedBy, lastStreamSeq, sourceId, forkedFrom, forkPosition, forkCount,
                softDeleted, forkDepth, earliest, retention);
    }

    public StreamMetadata withClosed(ProducerTuple by) {
        return new StreamMetadata(id, path, contentType, ttlSeconds, expiresAt, expiresAtMillis, lastAccessMillis,
                tail, true, by, lastStreamSeq, sourceId, forkedFrom, forkPosition, forkCount,
                softDeleted, forkDepth, earliest, retention);
    }

    public StreamMetadata withLastStreamSeq(String seq) {
        return new StreamMetadata(id, path, contentType, ttlSeconds, expiresAt, expiresAtMillis, lastAccessMillis,
                tail, closed, closedBy, seq, sourceId, forkedFrom, forkPosition, forkCount,
                softDeleted, forkDepth, earliest, retention);
    }

    public StreamMetadata withLastAccess(long millis) {
        return new StreamMetadata(id, path, contentType, ttlSeconds, expiresAt, expiresAtMillis, millis,
                tail, closed, closedBy, lastStreamSeq, sourceId, forkedFrom, forkPosition, forkCount,
                softDeleted, forkDepth, earliest, retention);
    }

    public StreamMetadata withForkCount(int count) {
        return new StreamMetadata(id, path, contentType, ttlSeconds, expiresAt, expiresAtMillis, lastAccessMillis,
                tail, closed, closedBy, lastStreamSeq, sourceId, forkedFrom, forkPosition, count,
                softDeleted, forkDepth, earliest, retention);
    }

    public StreamMetadata withSoftDeleted() {
        return new StreamMetadata(id, path, contentType, ttlSeconds, expiresAt, expiresAtMillis, lastAccessMillis,
                tail, closed, closedBy, lastStreamSeq, sourceId, forkedFrom, forkPosition, forkCount,
                true, forkDepth, earliest, retention);
    }

    /** True if the stream has a retention policy. */
    public boolean hasRetention() {
        return !retention.isNone();
    }

    /** The metadata with retention's earliest retained position moved to {@code position}. */
    public StreamMetadata withEarliest(long position) {
        return new StreamMetadata(id, path, contentType, ttlSeconds, expiresAt, expiresAtMillis, lastAccessMillis,
                tail, closed, closedBy, lastStreamSeq, sourceId, forkedFrom, forkPosition, forkCount,
                softDeleted, forkDepth, position, retention);
    }

    /** The metadata with the retention policy fixed at creation. */
    public StreamMetadata withRetention(RetentionPolicy policy) {
        return new StreamMetadata(id, path, contentType, ttlSeconds, expiresAt, expiresAtMillis, lastAccessMillis,
                tail, closed, closedBy, lastStreamSeq, sourceId, forkedFrom, forkPosition, forkCount,
                softDeleted, forkDepth, earliest, policy);
    }
}
