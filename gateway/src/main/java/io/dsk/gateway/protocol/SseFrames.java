package io.dsk.gateway.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Server-Sent Events framing of data and control events (PROTOCOL.md 5.8). */
public final class SseFrames {

    private static final int BASE64_LINE = 76;
    /** A keep-alive comment. */
    public static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFrames() {
    }

    /** An {@code event: data} frame; text payloads are split on line breaks, others base64-encoded. */
    public static String data(byte[] payload, boolean base64) {
        StringBuilder out = new StringBuilder(payload.length + 32).append("event: data\n");
        if (base64) {
            String encoded = Base64.getEncoder().encodeToString(payload);
            if (encoded.isEmpty()) {
                out.append("data:\n");
            }
            for (int i = 0; i < encoded.length(); i += BASE64_LINE) {
                out.append("data:").append(encoded, i, Math.min(encoded.length(), i + BASE64_LINE)).append('\n');
            }
        } else {
            appendDataLines(out, new String(payload, StandardCharsets.UTF_8));
        }
        return out.append('\n').toString();
    }

    /** One {@code data:} line per line of the text, split on CRLF, CR or LF, as SSE parsers split them. */
    private static void appendDataLines(StringBuilder out, String text) {
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c != '\r' && c != '\n') {
                continue;
            }
            // One space after the colon is eaten by SSE parsers; add one only where the line needs it.
            out.append(start < i && text.charAt(start) == ' ' ? "data: " : "data:").append(text, start, i).append('\n');
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            start = i + 1;
        }
    }

    /**
     * An {@code event: control} frame.
     *
     * @param cursor the cursor, or null when the stream is closed
     */
    public static String control(String nextOffset, String cursor, boolean upToDate, boolean closed) {
        StringBuilder json = new StringBuilder(96).append("{\"streamNextOffset\":\"").append(nextOffset).append('"');
        if (cursor != null) {
            json.append(",\"streamCursor\":\"").append(cursor).append('"');
        }
        if (upToDate) {
            json.append(",\"upToDate\":true");
        }
        if (closed) {
            json.append(",\"streamClosed\":true");
        }
        return "event: control\ndata:" + json.append('}') + "\n\n";
    }
}
