package io.dsk.gateway.protocol;

import java.util.regex.Pattern;

/**
 * The idempotent producer headers of an append: all three or none.
 *
 * @param producerId the client-chosen producer id
 * @param epoch the client-declared epoch
 * @param seq the request's sequence number within the epoch
 */
public record ProducerHeaders(String producerId, long epoch, long seq) {

    /** JavaScript's largest safe integer, the protocol's bound on epochs and sequence numbers. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,15}");

    /**
     * Parses the headers; null when none is present.
     *
     * @throws ProtocolException 400 if only some are present, the id is empty, or a number is malformed
     */
    public static ProducerHeaders parse(String id, String epoch, String seq) {
        if (id == null && epoch == null && seq == null) {
            return null;
        }
        if (id == null || epoch == null || seq == null) {
            throw ProtocolException.badRequest("send Producer-Id, Producer-Epoch and Producer-Seq together, or none");
        }
        if (id.isEmpty()) {
            throw ProtocolException.badRequest("Producer-Id must not be empty");
        }
        return new ProducerHeaders(id, number(epoch, "Producer-Epoch"), number(seq, "Producer-Seq"));
    }

    private static long number(String value, String name) {
        String v = value.trim();
        if (!NUMBER.matcher(v).matches()) {
            throw ProtocolException.badRequest(name + " must be a non-negative integer, was '" + abbreviate(v) + "'");
        }
        long n = Long.parseLong(v);
        if (n > MAX_SAFE_INTEGER) {
            throw ProtocolException.badRequest(name + " must be at most " + MAX_SAFE_INTEGER);
        }
        return n;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
