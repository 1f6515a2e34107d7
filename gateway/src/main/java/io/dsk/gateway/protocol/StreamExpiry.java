package io.dsk.gateway.protocol;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The expiry a create request asks for: a sliding {@code Stream-TTL}, an absolute
 * {@code Stream-Expires-At}, or none. At most one of the two headers may be sent.
 *
 * @param ttlSeconds the TTL in seconds, or -1
 * @param expiresAt the RFC 3339 timestamp as sent, or null
 * @param expiresAtMillis the timestamp in epoch millis, or -1
 */
public record StreamExpiry(long ttlSeconds, String expiresAt, long expiresAtMillis) {

    public static final StreamExpiry NONE = new StreamExpiry(-1, null, -1);

    private static final Pattern TTL = Pattern.compile("0|[1-9][0-9]{0,17}");

    /**
     * Parses the two headers of a create request.
     *
     * @throws ProtocolException 400 if both are present or either is malformed
     */
    public static StreamExpiry parse(String ttl, String expiresAt) {
        if (ttl != null && expiresAt != null) {
            throw ProtocolException.badRequest("send either Stream-TTL or Stream-Expires-At, not both");
        }
        if (ttl != null) {
            if (!TTL.matcher(ttl).matches()) {
                throw ProtocolException.badRequest(
                        "Stream-TTL must be a whole number of seconds without sign or leading zeros, such as 3600");
            }
            return new StreamExpiry(Long.parseLong(ttl), null, -1);
        }
        if (expiresAt != null) {
            try {
                long millis = OffsetDateTime.parse(expiresAt.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant().toEpochMilli();
                return new StreamExpiry(-1, expiresAt.trim(), millis);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw ProtocolException.badRequest(
                        "Stream-Expires-At must be an RFC 3339 timestamp, such as 2030-01-01T00:00:00Z");
            }
        }
        return NONE;
    }

    public boolean isNone() {
        return ttlSeconds < 0 && expiresAtMillis < 0;
    }
}
