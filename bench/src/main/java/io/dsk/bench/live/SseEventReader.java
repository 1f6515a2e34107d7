package io.dsk.bench.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An incremental Server-Sent Events parser (the WHATWG event-stream format): lines end with CR, LF
 * or CRLF, even when the CR and the LF arrive in different reads; {@code data:} lines of one event
 * are joined with line feeds; comments ({@code :} lines) and unknown fields are skipped; a blank
 * line dispatches the event.
 */
final class SseEventReader {

    /** Receives each complete event. */
    interface Handler {

        /**
         * One event.
         *
         * @param type the {@code event:} field, or {@code message} when absent
         * @param data the joined {@code data:} lines
         */
        void event(String type, String data);
    }

    private static final int MAX_LINE_BYTES = 1 << 20;

    private final Handler handler;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private final StringBuilder data = new StringBuilder(128);
    private String type;
    private boolean hasData;
    private boolean afterCarriageReturn;

    SseEventReader(Handler handler) {
        this.handler = handler;
    }

    /**
     * Parses the next bytes of the event stream.
     *
     * @throws IOException if one line exceeds a megabyte
     */
    void feed(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r') {
                continue;
            }
            boolean lineFeedOfCrLf = b == '\n' && afterCarriageReturn && i == start && line.size() == 0;
            afterCarriageReturn = b == '\r';
            if (!lineFeedOfCrLf) {
                append(bytes, start, i - start);
                lineEnded();
            }
            start = i + 1;
        }
        if (start < end) {
            afterCarriageReturn = false;
            append(bytes, start, end - start);
        }
    }

    /** Starts over, as on a new connection: a partly received event is dropped. */
    void reset() {
        line.reset();
        data.setLength(0);
        type = null;
        hasData = false;
        afterCarriageReturn = false;
    }

    private void append(byte[] bytes, int from, int count) throws IOException {
        if (line.size() + count > MAX_LINE_BYTES) {
            throw new IOException("SSE line longer than " + MAX_LINE_BYTES + " bytes");
        }
        line.write(bytes, from, count);
    }

    private void lineEnded() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(text.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
        if (field.equals("event")) {
            type = value;
        } else if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        }
    }

    private void dispatch() {
        if (hasData) {
            handler.event(type == null || type.isEmpty() ? "message" : type, data.toString());
        }
        data.setLength(0);
        type = null;
        hasData = false;
    }
}
