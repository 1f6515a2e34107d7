package io.dsk.bench.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an SSE {@code control} event a reconnecting subscriber needs (PROTOCOL.md 5.8).
 *
 * @param nextOffset where to resume reading, never null
 * @param closed whether the stream is closed and no more data will come
 */
record ControlEvent(String nextOffset, boolean closed) {

    private static final Pattern NEXT_OFFSET = Pattern.compile("\"streamNextOffset\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CLOSED = Pattern.compile("\"streamClosed\"\\s*:\\s*true");

    /**
     * Reads a control event's JSON.
     *
     * @throws IllegalArgumentException if it has no {@code streamNextOffset}
     */
    static ControlEvent parse(String json) {
        Matcher offset = NEXT_OFFSET.matcher(json);
        if (!offset.find()) {
            throw new IllegalArgumentException("control event without streamNextOffset: " + json);
        }
        return new ControlEvent(offset.group(1), CLOSED.matcher(json).find());
    }
}
