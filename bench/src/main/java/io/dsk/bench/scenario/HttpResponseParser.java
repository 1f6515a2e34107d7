package io.dsk.bench.scenario;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Incremental parser of HTTP/1.1 responses on a keep-alive connection: feed it whatever bytes
 * arrived and it reports each complete response. Bodies are counted and dropped, never kept, so a
 * 100 MB read costs no memory. Handles {@code Content-Length}, {@code chunked} and bodiless
 * statuses; not a general client (no pipelining, no trailers, no 1xx).
 */
final class HttpResponseParser {

    /** A complete response: status, headers (names in lower case) and the body's length. */
    record Response(int status, Map<String, String> headers, long bodyBytes) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER }

    private final StringBuilder line = new StringBuilder();
    private State state = State.HEAD;
    private boolean headRequest;
    private int status;
    private Map<String, String> headers = new LinkedHashMap<>();
    private long remaining;
    private long bodyBytes;

    /** Tells the parser that the next response answers a HEAD request (no body whatever the headers say). */
    void expectHeadResponse(boolean head) {
        this.headRequest = head;
    }

    /**
     * Consumes bytes up to the end of one response.
     *
     * @param in bytes received; its position advances past what was consumed
     * @return the response once complete, else null (call again with more bytes)
     * @throws IllegalStateException if the bytes are not an HTTP/1.1 response
     */
    Response feed(ByteBuffer in) {
        while (in.hasRemaining()) {
            Response done = switch (state) {
                case HEAD, CHUNK_SIZE, CHUNK_END, TRAILER -> readLine(in) ? onLine() : null;
                case BODY, CHUNK_DATA -> skipBody(in);
            };
            if (done != null) {
                return done;
            }
        }
        return null;
    }

    private boolean readLine(ByteBuffer in) {
        while (in.hasRemaining()) {
            char c = (char) (in.get() & 0xff);
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return true;
            }
            line.append(c);
        }
        return false;
    }

    private Response onLine() {
        String text = line.toString();
        line.setLength(0);
        switch (state) {
            case HEAD -> {
                return headLine(text);
            }
            case CHUNK_SIZE -> {
                int semi = text.indexOf(';');
                remaining = Long.parseLong((semi < 0 ? text : text.substring(0, semi)).trim(), 16);
                state = remaining == 0 ? State.TRAILER : State.CHUNK_DATA;
                return null;
            }
            case CHUNK_END -> {
                state = State.CHUNK_SIZE;
                return null;
            }
            default -> {
                return text.isEmpty() ? complete() : null;
            }
        }
    }

    private Response headLine(String text) {
        if (status == 0) {
            if (!text.startsWith("HTTP/1.")) {
                throw new IllegalStateException("not an HTTP/1.x status line: "
                        + text.substring(0, Math.min(40, text.length())));
            }
            status = Integer.parseInt(text.substring(9, 12));
            return null;
        }
        if (!text.isEmpty()) {
            int colon = text.indexOf(':');
            headers.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT), text.substring(colon + 1).trim());
            return null;
        }
        if (headRequest || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            return complete();
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            state = State.CHUNK_SIZE;
            return null;
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IllegalStateException("response " + status + " has neither Content-Length nor chunked "
                    + "encoding; this client needs one of them to keep the connection");
        }
        remaining = Long.parseLong(length);
        state = State.BODY;
        return remaining == 0 ? complete() : null;
    }

    private Response skipBody(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        in.position(in.position() + n);
        remaining -= n;
        bodyBytes += n;
        if (remaining > 0) {
            return null;
        }
        if (state == State.CHUNK_DATA) {
            state = State.CHUNK_END;
            return null;
        }
        return complete();
    }

    private Response complete() {
        Response response = new Response(status, headers, bodyBytes);
        state = State.HEAD;
        status = 0;
        headers = new LinkedHashMap<>();
        bodyBytes = 0;
        headRequest = false;
        return response;
    }

    /** Encodes a request: request line, Host, the given headers, Content-Length and the body. */
    static ByteBuffer request(String method, String host, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(128);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(headBytes.length + body.length);
        buffer.put(headBytes).put(body).flip();
        return buffer.asReadOnlyBuffer();
    }
}
