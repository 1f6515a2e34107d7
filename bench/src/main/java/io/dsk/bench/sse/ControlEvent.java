package io.dsk.bench.sse;

import java.util.Optional;

/**
 * The fields of an SSE {@code control} event (PROTOCOL.md 5.8) that a subscriber acts on. The
 * event's data is a flat JSON object; only these three fields are read, without a JSON library, so
 * that thousands of subscribers on one selector thread stay cheap.
 *
 * @param nextOffset {@code streamNextOffset}, where a reconnect resumes
 * @param upToDate {@code upToDate}
 * @param closed {@code streamClosed}
 */
public record ControlEvent(String nextOffset, boolean upToDate, boolean closed) {

    /**
     * Reads a control event's data.
     *
     * @throws IllegalArgumentException if {@code streamNextOffset} is missing
     */
    public static ControlEvent parse(String json) {
        String next = stringField(json, "streamNextOffset").orElseThrow(() ->
                new IllegalArgumentException("control event without streamNextOffset: " + json));
        return new ControlEvent(next, trueField(json, "upToDate"), trueField(json, "streamClosed"));
    }

    private static Optional<String> stringField(String json, String name) {
        int value = valueStart(json, name);
        if (value < 0 || value >= json.length() || json.charAt(value) != '"') {
            return Optional.empty();
        }
        int close = json.indexOf('"', value + 1);
        return close < 0 ? Optional.empty() : Optional.of(json.substring(value + 1, close));
    }

    private static boolean trueField(String json, String name) {
        int value = valueStart(json, name);
        return value >= 0 && json.startsWith("true", value);
    }

    /** Index of the first character of the named field's value, or -1. */
    private static int valueStart(String json, String name) {
        String key = '"' + name + '"';
        int at = json.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int i = skipSpace(json, at + key.length());
        if (i >= json.length() || json.charAt(i) != ':') {
            return -1;
        }
        return skipSpace(json, i + 1);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
