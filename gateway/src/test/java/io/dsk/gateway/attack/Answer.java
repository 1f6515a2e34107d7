package io.dsk.gateway.attack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * What came back for one request: an answer with its status, or how the connection ended without
 * one. {@code headers} are lower-case name and value pairs.
 */
record Answer(Kind kind, int status, List<String[]> headers, byte[] body, Duration elapsed) {

    enum Kind {
        /** A response (status -1 if it was not HTTP). */
        ANSWERED,
        /** The server closed the connection without answering. */
        CLOSED,
        /** The connection was reset. */
        RESET,
        /** Nothing within the bound: a hang. */
        TIMEOUT
    }

    static Answer of(Kind kind, long startedNanos) {
        return new Answer(kind, -1, List.of(), new byte[0], Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    static Answer status(int status) {
        return new Answer(Kind.ANSWERED, status, List.of(), new byte[0], Duration.ZERO);
    }

    String header(String name) {
        return RawHttp.header(headers, name);
    }

    /** Headers and body as one text, to look for planted secrets. */
    String everything() {
        StringBuilder all = new StringBuilder();
        for (String[] h : headers) {
            all.append(h[0]).append(": ").append(h[1]).append('\n');
        }
        return all.append(new String(body, StandardCharsets.ISO_8859_1)).toString();
    }

    @Override
    public String toString() {
        if (kind != Kind.ANSWERED) {
            return kind + " after " + elapsed.toMillis() + " ms";
        }
        String text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.ISO_8859_1)
                .replaceAll("[\\r\\n]+", " ");
        return status + " " + text;
    }
}
