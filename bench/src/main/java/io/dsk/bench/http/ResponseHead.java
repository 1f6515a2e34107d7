package io.dsk.bench.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status line and headers of one HTTP/1.1 response.
 *
 * @param status the status code
 * @param headers header values by lower-case name; a repeated header keeps its last value
 */
public record ResponseHead(int status, Map<String, String> headers) {

    public ResponseHead {
        headers = Map.copyOf(headers);
    }

    /** The value of a header, looked up without regard to case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether a response with this status carries no body whatever its headers say (RFC 9112 6.3). */
    public boolean bodyless() {
        return status / 100 == 1 || status == 204 || status == 304;
    }

    /** Whether the server will close the connection after this response. */
    public boolean closesConnection() {
        return header("connection").map(v -> v.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
    }
}
