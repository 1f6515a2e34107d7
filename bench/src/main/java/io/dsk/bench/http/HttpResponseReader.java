package io.dsk.bench.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An incremental HTTP/1.1 response parser for a client that sends one request at a time on a
 * connection. Bytes arrive in whatever pieces the socket hands over; the reader reports the head,
 * each piece of the decoded body (Content-Length, chunked, or until the connection closes) and the
 * end of each response, then starts over for the next response on the same connection. The one
 * HTTP response parser of the benchmarks: live subscribers (SSE, long-poll) and the closed-loop
 * load of the appends and catch-up scenarios both read with it.
 *
 * <p>It runs in the load generator, on the same cores as the server it measures, once per response,
 * so it parses the head in one pass over its bytes, line by line as they arrive, without regular
 * expressions or per-character string building.
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
    /** The head received so far ({@code headLength} bytes); its lines are parsed once it is complete. */
    private byte[] head = new byte[512];
    private int headLength;
    /** Where the line being received starts in {@link #head}. */
    private int lineStart;
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
        headLength = 0;
        lineStart = 0;
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
            int newline = indexOf(bytes, (byte) '\n', i, end);
            int taken = (newline < end ? newline + 1 : end) - i;
            if (headLength + taken > head.length) {
                if (headLength + taken > MAX_HEAD_BYTES) {
                    throw new IOException("response head longer than " + MAX_HEAD_BYTES + " bytes");
                }
                head = Arrays.copyOf(head, Math.min(MAX_HEAD_BYTES, Math.max(headLength + taken, head.length * 2)));
            }
            System.arraycopy(bytes, i, head, headLength, taken);
            headLength += taken;
            i += taken;
            if (newline < end) {
                if (lineEnd(head, lineStart, headLength - 1) == lineStart && lineStart > 0) {
                    ResponseHead parsed = parseHead(head, headLength);
                    headLength = 0;
                    lineStart = 0;
                    startBody(parsed);
                    return i;
                }
                lineStart = headLength;
            }
        }
        return i;
    }

    private void startBody(ResponseHead parsed) throws IOException {
        handler.head(parsed);
        if (parsed.bodyless() || headRequest) {
            finish();
            return;
        }
        String encoding = parsed.header("transfer-encoding").orElse("").toLowerCase(Locale.ROOT);
        Optional<String> length = parsed.header("content-length");
        if (encoding.contains("chunked")) {
            state = State.CHUNK_SIZE;
        } else if (length.isPresent()) {
            remaining = contentLength(length.get());
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

    /** Parses a complete head (status line, header lines, blank line); for tests. */
    static ResponseHead parseHead(CharSequence text) throws IOException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        return parseHead(bytes, bytes.length);
    }

    /** Parses the first {@code length} bytes of {@code bytes}: a status line and header lines, CRLF or LF ended. */
    private static ResponseHead parseHead(byte[] bytes, int length) throws IOException {
        int newline = indexOf(bytes, (byte) '\n', 0, length);
        int statusEnd = lineEnd(bytes, 0, newline);
        if (statusEnd < 12 || !startsWith(bytes, "HTTP/1.") || bytes[8] != ' ') {
            throw new IOException("not an HTTP/1.x status line: '" + text(bytes, 0, statusEnd) + "'");
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IOException("status line without a three-digit code: '" + text(bytes, 0, statusEnd) + "'");
            }
            code = code * 10 + digit;
        }
        int[] fields = new int[64];
        int count = 0;
        for (int start = newline + 1; start < length; start = newline + 1) {
            newline = indexOf(bytes, (byte) '\n', start, length);
            int end = lineEnd(bytes, start, newline);
            if (end == start) {
                continue;
            }
            int colon = indexOf(bytes, (byte) ':', start, end);
            if (colon == end || colon == start) {
                throw new IOException("header line without a colon: '" + text(bytes, start, end) + "'");
            }
            if (4 * count + 4 > fields.length) {
                fields = Arrays.copyOf(fields, fields.length * 2);
            }
            trim(bytes, start, colon, fields, 4 * count);
            trim(bytes, colon + 1, end, fields, 4 * count + 2);
            count++;
        }
        return new ResponseHead(code, Arrays.copyOf(bytes, length), fields, count);
    }

    /** The end of the line from {@code start} whose line feed is at {@code newline}, without a CR before it. */
    private static int lineEnd(byte[] bytes, int start, int newline) {
        return newline > start && bytes[newline - 1] == '\r' ? newline - 1 : newline;
    }

    /** The index of {@code b} in {@code bytes[from, to)}, or {@code to}. */
    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return to;
    }

    private static boolean startsWith(byte[] bytes, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stores where {@code bytes[from, to)} starts and ends without the control characters and spaces
     * around it (as {@link String#trim()}) at {@code into[at]}.
     */
    private static void trim(byte[] bytes, int from, int to, int[] into, int at) {
        while (from < to && (bytes[from] & 0xff) <= ' ') {
            from++;
        }
        while (to > from && (bytes[to - 1] & 0xff) <= ' ') {
            to--;
        }
        into[at] = from;
        into[at + 1] = to;
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
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
