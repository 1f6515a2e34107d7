package io.dsk.bench.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status line and headers of one HTTP/1.1 response. It keeps the head's bytes and where each
 * header's name and value lie in them, and makes a string only of a value asked for: the load
 * generator reads two or three headers of each response, on the cores the server it measures runs on.
 */
public final class ResponseHead {

    private final int status;
    private final byte[] bytes;
    /** Per header, in order: name start, name end, value start, value end (both trimmed) in {@link #bytes}. */
    private final int[] fields;
    private final int count;

    /**
     * @param status the status code
     * @param bytes the head (not copied: the caller gives it up)
     * @param fields four offsets per header, as {@link #fields} says
     * @param count the number of headers
     */
    ResponseHead(int status, byte[] bytes, int[] fields, int count) {
        this.status = status;
        this.bytes = bytes;
        this.fields = fields;
        this.count = count;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The value of a header, looked up without regard to case; a repeated header gives its last value. */
    public Optional<String> header(String name) {
        for (int h = count - 1; h >= 0; h--) {
            if (nameIs(h, name)) {
                return Optional.of(text(fields[4 * h + 2], fields[4 * h + 3]));
            }
        }
        return Optional.empty();
    }

    /** Every header value by lower-case name, in a new map; a repeated header keeps its last value. */
    public Map<String, String> headers() {
        Map<String, String> all = new LinkedHashMap<>();
        for (int h = 0; h < count; h++) {
            all.put(text(fields[4 * h], fields[4 * h + 1]).toLowerCase(Locale.ROOT),
                    text(fields[4 * h + 2], fields[4 * h + 3]));
        }
        return all;
    }

    /** Whether a response with this status carries no body whatever its headers say (RFC 9112 6.3). */
    public boolean bodyless() {
        return status / 100 == 1 || status == 204 || status == 304;
    }

    /** Whether the server will close the connection after this response. */
    public boolean closesConnection() {
        return header("connection").map(v -> v.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
    }

    @Override
    public String toString() {
        return status + " " + headers();
    }

    private boolean nameIs(int h, String name) {
        int start = fields[4 * h];
        if (fields[4 * h + 1] - start != name.length()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            int a = bytes[start + k];
            int b = name.charAt(k);
            if (a != b && lowerCase(a) != lowerCase(b)) {
                return false;
            }
        }
        return true;
    }

    private static int lowerCase(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    private String text(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
