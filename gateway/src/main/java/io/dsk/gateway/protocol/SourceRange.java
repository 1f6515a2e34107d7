package io.dsk.gateway.protocol;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DSK extension header {@code DSK-Source-Range: <topic>/<partition>/<firstOffset>/<lastOffset>}:
 * the Kafka records an append carries. Topic names use Kafka's legal characters
 * ({@code [a-zA-Z0-9._-]}, at most 249).
 */
public record SourceRange(String topic, int partition, long firstOffset, long lastOffset) {

    private static final Pattern SHAPE = Pattern.compile("([a-zA-Z0-9._-]{1,249})/(0|[1-9][0-9]{0,9})/(0|[1-9][0-9]{0,18})/(0|[1-9][0-9]{0,18})");

    /**
     * Parses the header; null when absent.
     *
     * @throws ProtocolException 400 when malformed or first is after last
     */
    public static SourceRange parse(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = SHAPE.matcher(value.trim());
        if (!m.matches()) {
            throw ProtocolException.badRequest(
                    "DSK-Source-Range must be <topic>/<partition>/<firstOffset>/<lastOffset>, such as orders/0/10/19");
        }
        try {
            int partition = Integer.parseInt(m.group(2));
            long first = Long.parseLong(m.group(3));
            long last = Long.parseLong(m.group(4));
            if (first > last) {
                throw ProtocolException.badRequest("DSK-Source-Range first offset " + first
                        + " is after last offset " + last);
            }
            return new SourceRange(m.group(1), partition, first, last);
        } catch (NumberFormatException e) {
            throw ProtocolException.badRequest("DSK-Source-Range partition or offset is out of range");
        }
    }

    /** The header value. */
    public String format() {
        return topic + '/' + partition + '/' + firstOffset + '/' + lastOffset;
    }
}
