package io.dsk.bench.http;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An incremental HTTP/1.1 response parser for a client that sends one request at a time on a
 * connection. Bytes arrive in whatever pieces the socket hands over; the reader reports the head,
 * each piece of the decoded body (Content-Length, chunked, or until the connection closes) and the
 * end of each response, then starts over for the next response on the same connection. The one
 * HTTP response parser of the benchmarks: live subscribers (SSE, long-poll) and the closed-loop
 * load of the appends and catch-up scenarios both read with it.
 */
public final class HttpResponseReader {

    /** Receives what the reader decodes. */
    public interface Handler {

        /** The status line and headers arrived. */
        void head(ResponseHead head);

        /** A piece of the decoded body; the array is reused after the call returns. */
        void body(byte[] bytes, int offset, int length);

        /** The response ended; the connection may carry the next one. */
        void end();
    }

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_CHUNK_LINE = 1024;

    private enum State { HEAD, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, UNTIL_CLOSE }

    private final Handler handler;
    private final LineBuffer line = new LineBuffer();
    private final StringBuilder head = new StringBuilder(256);
    private State state = State.HEAD;
    private long remaining;
    private boolean inResponse;
    private boolean headRequest;

    public HttpResponseReader(Handler handler) {
        this.handler = handler;
    }

    /**
     * Parses the next bytes received on the connection.
     *
     * @throws IOException if the bytes are not a well-formed HTTP/1.1 response
     */
    public void feed(byte[] bytes, int offset, int length) throws IOException {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            i = switch (state) {
                case HEAD -> headByte(bytes, i, end);
                case FIXED_BODY -> fixedBody(bytes, i, end);
                case CHUNK_SIZE, CHUNK_DATA_END, TRAILERS -> chunkLine(bytes, i, end);
                case CHUNK_DATA -> chunkData(bytes, i, end);
                case UNTIL_CLOSE -> untilClose(bytes, i, end);
            };
        }
    }

    /**
     * The server closed the connection: ends a body that runs until close.
     *
     * @return true if the connection closed cleanly between responses or at the end of such a body
     * @throws IOException if a response was cut short
     */
    public boolean closed() throws IOException {
        if (state == State.UNTIL_CLOSE) {
            finish();
            return true;
        }
        if (inResponse) {
            throw new IOException("the connection closed in the middle of a response (" + state + ")");
        }
        return true;
    }

    /** Starts over, as on a new connection: a partly received response is dropped. */
    public void reset() {
        state = State.HEAD;
        head.setLength(0);
        line.take();
        remaining = 0;
        inResponse = false;
        headRequest = false;
    }

    /** The next response answers a HEAD request: it has no body whatever its headers say. */
    public void expectHeadResponse() {
        headRequest = true;
    }

    /** Whether the reader is inside a response (head started and body not finished). */
    public boolean inResponse() {
        return inResponse;
    }

    private int headByte(byte[] bytes, int i, int end) throws IOException {
        inResponse = true;
        while (i < end) {
            char c = (char) (bytes[i++] & 0xff);
            head.append(c);
            if (head.length() > MAX_HEAD_BYTES) {
                throw new IOException("response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (c == '\n' && endsWithBlankLine()) {
                ResponseHead parsed = parseHead(head);
                head.setLength(0);
                startBody(parsed);
                return i;
            }
        }
        return i;
    }

    private boolean endsWithBlankLine() {
        int n = head.length();
        return n >= 4 && head.charAt(n - 4) == '\r' && head.charAt(n - 3) == '\n' && head.charAt(n - 2) == '\r'
                || n >= 2 && head.charAt(n - 2) == '\n';
    }

    private void startBody(ResponseHead parsed) throws IOException {
        handler.head(parsed);
        if (parsed.bodyless() || headRequest) {
            finish();
            return;
        }
        String encoding = parsed.header("transfer-encoding").orElse("").toLowerCase(Locale.ROOT);
        if (encoding.contains("chunked")) {
            state = State.CHUNK_SIZE;
        } else if (parsed.header("content-length").isPresent()) {
            remaining = contentLength(parsed.header("content-length").get());
            state = State.FIXED_BODY;
            if (remaining == 0) {
                finish();
            }
        } else {
            state = State.UNTIL_CLOSE;
        }
    }

    private int fixedBody(byte[] bytes, int i, int end) {
        int n = (int) Math.min(remaining, end - i);
        handler.body(bytes, i, n);
        remaining -= n;
        if (remaining == 0) {
            finish();
        }
        return i + n;
    }

    private int untilClose(byte[] bytes, int i, int end) {
        handler.body(bytes, i, end - i);
        return end;
    }

    private int chunkData(byte[] bytes, int i, int end) {
        int n = (int) Math.min(remaining, end - i);
        handler.body(bytes, i, n);
        remaining -= n;
        if (remaining == 0) {
            state = State.CHUNK_DATA_END;
        }
        return i + n;
    }

    private int chunkLine(byte[] bytes, int i, int end) throws IOException {
        int consumed = line.fill(bytes, i, end, MAX_CHUNK_LINE);
        if (!line.complete()) {
            return i + consumed;
        }
        String text = line.take();
        switch (state) {
            case CHUNK_SIZE -> {
                remaining = chunkSize(text);
                state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_DATA_END -> {
                if (!text.isEmpty()) {
                    throw new IOException("chunk data not followed by CRLF but by '" + text + "'");
                }
                state = State.CHUNK_SIZE;
            }
            default -> {
                if (text.isEmpty()) {
                    finish();
                }
            }
        }
        return i + consumed;
    }

    private void finish() {
        state = State.HEAD;
        inResponse = false;
        headRequest = false;
        handler.end();
    }

    static ResponseHead parseHead(CharSequence text) throws IOException {
        String[] lines = text.toString().split("\r?\n");
        String status = lines[0];
        if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
            throw new IOException("not an HTTP/1.x status line: '" + status + "'");
        }
        int code;
        try {
            code = Integer.parseInt(status.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("status line without a three-digit code: '" + status + "'", e);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            } else if (!lines[i].isEmpty()) {
                throw new IOException("header line without a colon: '" + lines[i] + "'");
            }
        }
        return new ResponseHead(code, headers);
    }

    private static long contentLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value.trim());
            if (length < 0) {
                throw new NumberFormatException("negative");
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("invalid Content-Length '" + value + "'", e);
        }
    }

    private static long chunkSize(String text) throws IOException {
        int semicolon = text.indexOf(';');
        String hex = (semicolon < 0 ? text : text.substring(0, semicolon)).trim();
        try {
            long size = Long.parseLong(hex, 16);
            if (size < 0 || hex.isEmpty()) {
                throw new NumberFormatException("negative or empty");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("invalid chunk size line '" + text + "'", e);
        }
    }

    /** Collects one CRLF- or LF-terminated ASCII line across reads. */
    private static final class LineBuffer {
        private final StringBuilder text = new StringBuilder(16);
        private boolean complete;

        /** Consumes bytes up to and including a line feed; returns how many it consumed. */
        int fill(byte[] bytes, int from, int end, int limit) throws IOException {
            for (int i = from; i < end; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    complete = true;
                    return i - from + 1;
                }
                if (b != '\r') {
                    text.append((char) (b & 0xff));
                    if (text.length() > limit) {
                        throw new IOException("chunk framing line longer than " + limit + " bytes");
                    }
                }
            }
            return end - from;
        }

        boolean complete() {
            return complete;
        }

        String take() {
            String s = text.toString();
            text.setLength(0);
            complete = false;
            return s;
        }
    }
}
