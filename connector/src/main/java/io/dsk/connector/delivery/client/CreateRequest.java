package io.dsk.connector.delivery.client;

/**
 * One idempotent PUT creating a stream.
 *
 * @param path        the canonical stream name (io.dsk.path.StreamPath), relative to the base URL
 * @param contentType the stream's media type
 * @param ttlSeconds  sliding TTL in seconds, or -1 for none
 * @param expiresAt   RFC 3339 absolute expiry, or empty for none
 */
public record CreateRequest(String path, String contentType, long ttlSeconds, String expiresAt) {
}
