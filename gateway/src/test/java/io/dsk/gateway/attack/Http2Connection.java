package io.dsk.gateway.attack;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A minimal HTTP/2 client over TLS with ALPN {@code h2}, enough to send frames a real client
 * never would: HEADERS followed at once by RST_STREAM, endless CONTINUATION frames, header lists
 * that expand past any limit. A reader thread answers SETTINGS and PING and notes GOAWAY, RST_STREAM,
 * response HEADERS and the end of the connection.
 */
final class Http2Connection implements AutoCloseable {

    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int END_HEADERS = 0x4;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SSLSocket socket;
    private final OutputStream out;
    private final Thread reader;
    volatile boolean goAway;
    volatile boolean ended;
    volatile int resets;
    volatile int responses;
    /** Set by a watchdog that closed the connection because a write blocked past the bound. */
    volatile boolean timedOut;

    private Http2Connection(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.reader = new Thread(this::read, "h2-attack-reader");
        reader.setDaemon(true);
    }

    static Http2Connection open(SSLContext context, InetSocketAddress address, Duration bound) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(address, (int) bound.toMillis());
        socket.setSoTimeout((int) bound.toMillis());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        if (!"h2".equals(socket.getApplicationProtocol())) {
            socket.close();
            throw new IOException("the server did not choose h2 by ALPN but '" + socket.getApplicationProtocol() + "'");
        }
        Http2Connection connection = new Http2Connection(socket);
        connection.out.write(PREFACE);
        connection.frame(SETTINGS, 0, 0, new byte[0]);
        connection.flush();
        connection.reader.start();
        return connection;
    }

    synchronized void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
            (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
            (byte) stream});
        out.write(payload);
    }

    synchronized void flush() throws IOException {
        out.flush();
    }

    /** A HEADERS block for {@code GET path}, without Huffman coding or indexing. */
    static byte[] getRequest(String path) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82);
        block.write(0x87);
        literal(block, 4, path);
        literal(block, 1, "127.0.0.1");
        return block.toByteArray();
    }

    /** A literal header field without indexing whose name is static table entry {@code nameIndex}. */
    static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        integer(block, 0x00, 4, nameIndex);
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        integer(block, 0x00, 7, bytes.length);
        block.writeBytes(bytes);
    }

    static void integer(ByteArrayOutputStream block, int firstBits, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            block.write(firstBits | value);
            return;
        }
        block.write(firstBits | max);
        int rest = value - max;
        while (rest >= 128) {
            block.write((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        block.write(rest);
    }

    static byte[] rstCancel() {
        return new byte[] {0, 0, 0, 0x8};
    }

    private void read() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[9];
            while (true) {
                in.readFully(header);
                int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
                int type = header[3] & 0xff;
                int flags = header[4] & 0xff;
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (type == SETTINGS && (flags & 0x1) == 0) {
                    frame(SETTINGS, 0x1, 0, new byte[0]);
                    flush();
                } else if (type == PING && (flags & 0x1) == 0) {
                    frame(PING, 0x1, 0, payload);
                    flush();
                } else if (type == GOAWAY) {
                    goAway = true;
                } else if (type == RST_STREAM) {
                    resets++;
                } else if (type == HEADERS) {
                    responses++;
                }
            }
        } catch (IOException e) {
            ended = true;
        }
    }

    /** True once the server said GOAWAY or the connection ended. */
    boolean refused() {
        return goAway || ended;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
