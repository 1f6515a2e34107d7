package io.dsk.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client sends: malformed framing, chosen chunk
 * sizes. The request is written by its own thread while the answer is read, so a server that answers
 * before it has read the whole body never blocks the test; every read has a timeout, so a server
 * that never answers fails the test instead of hanging it.
 */
final class RawHttp {

    /** Longest wait for any byte of the answer; a server that says nothing this long is hanging. */
    static final int READ_TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /** What came back on one connection. */
    record Answer(int status, String headers, String body, boolean closedByServer, String failure) {

        /** The value of a response header, or null. */
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** The request line and headers of a request to {@code path}; {@code headers} are full lines. */
    static byte[] head(String method, String path, String... headers) {
        StringBuilder out = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: test\r\n");
        for (String h : headers) {
            out.append(h).append("\r\n");
        }
        return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code body} as chunks of {@code chunkSize} bytes and the last chunk. */
    static byte[] chunked(byte[] body, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / chunkSize * 8 + 16);
        for (int from = 0; from < body.length; from += chunkSize) {
            int n = Math.min(chunkSize, body.length - from);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, from, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Sends {@code request} on a new connection and reads one answer, then whether the server closes
     * the connection (read to the end when {@code untilClosed}).
     */
    static Answer send(int port, byte[] request, boolean untilClosed) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(request);
                    out.flush();
                } catch (IOException e) {
                    // the server may close once it has answered; what it answered is what counts
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                return read(socket.getInputStream(), untilClosed);
            } finally {
                writer.join(READ_TIMEOUT_MILLIS);
            }
        }
    }

    private static Answer read(InputStream in, boolean untilClosed) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!endsWithBlankLine(head)) {
                int b = in.read();
                if (b < 0) {
                    return new Answer(0, head.toString(StandardCharsets.ISO_8859_1), "", true,
                            "connection closed before an answer");
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(headers.substring(9, 12));
            Answer partial = new Answer(status, headers, "", false, null);
            String length = partial.header("Content-Length");
            byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
            String text = new String(body, StandardCharsets.UTF_8);
            if (!untilClosed) {
                return new Answer(status, headers, text, false, null);
            }
            try {
                boolean closed = in.read() < 0;
                return new Answer(status, headers, text, closed, closed ? null : "more bytes after the answer");
            } catch (IOException e) {
                return new Answer(status, headers, text, false, "after the answer: " + describe(e));
            }
        } catch (SocketTimeoutException e) {
            return new Answer(0, head.toString(StandardCharsets.ISO_8859_1), "", false,
                    "no answer within " + READ_TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            return new Answer(0, head.toString(StandardCharsets.ISO_8859_1), "", false,
                    describe(e));
        }
    }

    private static String describe(IOException e) {
        return e instanceof SocketTimeoutException ? "no end of the connection within " + READ_TIMEOUT_MILLIS + " ms"
                : e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
        byte[] b = head.toByteArray();
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }
}
