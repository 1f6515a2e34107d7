package io.dsk.connector.delivery.client;

/**
 * One idempotent PUT creating a stream.
 *
 * @param path        the canonical stream name (io.dsk.path.StreamPath), relative to the base URL
 * @param contentType the stream's media type
 * @param ttlSeconds  sliding TTL in seconds, or -1 for none
 * @param expiresAt   RFC 3339 absolute expiry, or empty for none
 * @param retentionMs    retention by age in milliseconds, or -1 for none
 * @param retentionBytes retention by size in bytes, or -1 for none
 */
public record CreateRequest(String path, String contentType, long ttlSeconds, String expiresAt, long retentionMs,
                            long retentionBytes) {

    /** A create without retention. */
    public CreateRequest(String path, String contentType, long ttlSeconds, String expiresAt) {
        this(path, contentType, ttlSeconds, expiresAt, -1, -1);
    }

    /** The retention age as {@code DSK-Retention-Max-Age} carries it: whole seconds, rounded up; -1 for none. */
    public long retentionSeconds() {
        return retentionMs < 0 ? -1 : Math.max(1, (retentionMs + 999) / 1000);
    }
}
