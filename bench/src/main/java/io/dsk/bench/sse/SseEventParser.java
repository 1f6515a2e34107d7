package io.dsk.bench.sse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An incremental Server-Sent Events parser (the WHATWG event-stream format the protocol relies on,
 * PROTOCOL.md 5.8): {@code event:} names the event, consecutive {@code data:} lines are joined with
 * {@code \n} (one space after the colon is dropped), lines starting with {@code :} are comments,
 * unknown fields are skipped, and a blank line dispatches the event. Fed either raw bytes
 * ({@link #feed}: lines end with CR, LF or CRLF, even when the CR and the LF arrive in different
 * reads) or lines already split ({@link #acceptLine}). Not thread-safe.
 */
public final class SseEventParser {

    /** Receives each complete event. */
    public interface Listener {

        /**
         * One event.
         *
         * @param type the {@code event:} name, {@code "message"} when the event had none
         * @param data the joined {@code data:} lines
         */
        void onEvent(String type, String data);
    }

    private static final int MAX_LINE_BYTES = 1 << 20;

    private final Listener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private final StringBuilder data = new StringBuilder(128);
    private String type;
    private boolean hasData;
    private boolean afterCarriageReturn;

    public SseEventParser(Listener listener) {
        this.listener = listener;
    }

    /**
     * Parses the next bytes of the event stream.
     *
     * @throws IOException if one line exceeds a megabyte
     */
    public void feed(byte[] bytes, int offset, int length) throws IOException {
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
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                acceptLine(text);
            }
            start = i + 1;
        }
        if (start < end) {
            afterCarriageReturn = false;
            append(bytes, start, end - start);
        }
    }

    /** Consumes one line of the body, without its line terminator. */
    public void acceptLine(String text) {
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

    /** Starts over, as on a new connection: a partly received line or event is dropped. */
    public void reset() {
        line.reset();
        afterCarriageReturn = false;
        clearEvent();
    }

    private void append(byte[] bytes, int from, int count) throws IOException {
        if (line.size() + count > MAX_LINE_BYTES) {
            throw new IOException("SSE line longer than " + MAX_LINE_BYTES + " bytes");
        }
        line.write(bytes, from, count);
    }

    private void dispatch() {
        if (hasData) {
            listener.onEvent(type == null || type.isEmpty() ? "message" : type, data.toString());
        }
        clearEvent();
    }

    private void clearEvent() {
        data.setLength(0);
        type = null;
        hasData = false;
    }
}
