package io.dsk.gateway.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, sending bytes exactly as given: malformed request lines, raw
 * {@code ;} and {@code %} in paths, odd framing. Reads one answer, bounded in time and size.
 */
final class RawHttp {

    /** Body bytes kept per answer; enough to find any secret the suite planted. */
    private static final int MAX_KEPT = 8 << 20;

    private RawHttp() {
    }

    /** Sends {@code request} on a new connection from {@code local} (null: any) and reads one answer. */
    static Answer exchange(InetSocketAddress target, InetAddress local, byte[] request, Duration bound) {
        return exchange(target, local, List.of(request), Duration.ZERO, bound, false);
    }

    /**
     * Sends {@code request} and shuts the sending side down, so a server waiting for more of a
     * request sees its end; for mutated requests whose end may be gone.
     */
    static Answer exchangeAndShutdownOutput(InetSocketAddress target, byte[] request, Duration bound) {
        return exchange(target, null, List.of(request), Duration.ZERO, bound, true);
    }

    /**
     * Sends the pieces with {@code pause} between them (a slow client), then reads one answer.
     * Writing fails quietly when the server has already answered or closed; the answer is still read.
     */
    static Answer exchange(InetSocketAddress target, InetAddress local, List<byte[]> pieces, Duration pause,
            Duration bound, boolean shutdownOutput) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            socket.connect(target, (int) bound.toMillis());
            socket.setSoTimeout((int) bound.toMillis());
            OutputStream out = socket.getOutputStream();
            boolean head = new String(pieces.get(0), 0, Math.min(5, pieces.get(0).length), StandardCharsets.ISO_8859_1)
                    .startsWith("HEAD ");
            try {
                for (int i = 0; i < pieces.size(); i++) {
                    if (i > 0 && !pause.isZero()) {
                        Thread.sleep(pause.toMillis());
                    }
                    out.write(pieces.get(i));
                    out.flush();
                }
                if (shutdownOutput) {
                    socket.shutdownOutput();
                }
            } catch (SocketException e) {
                // The server answered or closed early; read what it said.
            }
            return read(socket.getInputStream(), head, started);
        } catch (SocketTimeoutException e) {
            return Answer.of(Answer.Kind.TIMEOUT, started);
        } catch (IOException e) {
            return Answer.of(isReset(e) ? Answer.Kind.RESET : Answer.Kind.CLOSED, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.of(Answer.Kind.TIMEOUT, started);
        }
    }

    private static boolean isReset(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("reset") || message.contains("broken pipe");
    }

    private static Answer read(InputStream in, boolean head, long started) throws IOException {
        while (true) {
            byte[] headBytes = readHead(in);
            if (headBytes == null) {
                return Answer.of(Answer.Kind.CLOSED, started);
            }
            String text = new String(headBytes, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            String[] status = lines[0].split(" ", 3);
            if (status.length < 2 || !status[0].startsWith("HTTP/")) {
                return new Answer(Answer.Kind.ANSWERED, -1, List.of(), headBytes, elapsed(started));
            }
            int code = Integer.parseInt(status[1].trim());
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] {lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim()});
                }
            }
            if (code >= 100 && code < 200) {
                continue;
            }
            byte[] body = head || code == 204 || code == 304 ? new byte[0] : readBody(in, headers);
            return new Answer(Answer.Kind.ANSWERED, code, headers, body, elapsed(started));
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? null : head.toByteArray();
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                byte[] bytes = head.toByteArray();
                return java.util.Arrays.copyOf(bytes, bytes.length - 4);
            }
            if (head.size() > 1 << 20) {
                throw new IOException("answer head larger than 1 MiB");
            }
        }
    }

    private static byte[] readBody(InputStream in, List<String[]> headers) throws IOException {
        String length = header(headers, "content-length");
        String encoding = header(headers, "transfer-encoding");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    break;
                }
                int size = Integer.parseInt(line.split(";")[0].trim(), 16);
                if (size == 0) {
                    readLine(in);
                    break;
                }
                copy(in, body, size);
                readLine(in);
            }
        } else if (length != null) {
            copy(in, body, Long.parseLong(length));
        } else {
            copy(in, body, Long.MAX_VALUE);
        }
        return body.toByteArray();
    }

    private static void copy(InputStream in, ByteArrayOutputStream body, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            if (body.size() < MAX_KEPT) {
                body.write(buffer, 0, n);
            }
            left -= n;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString().trim();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    static String header(List<String[]> headers, String name) {
        for (String[] h : headers) {
            if (h[0].equals(name)) {
                return h[1];
            }
        }
        return null;
    }

    /** One request as bytes (head in ISO-8859-1, so a char is a byte): request line, headers, CRLFs, body. */
    static byte[] request(String requestLine, List<String> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(requestLine).append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
