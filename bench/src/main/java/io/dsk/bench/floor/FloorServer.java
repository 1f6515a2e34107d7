package io.dsk.bench.floor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The least an HTTP/1.1 server can do per request: an HTTP/1.1 server that stores nothing and answers
 * each request as soon as it has arrived, with one read per arrival and one write per answer, on
 * as many selector threads as the machine has cores (like the gateway's IO threads). A {@code PUT}
 * is answered {@code 201}, a {@code POST} {@code 204}, anything else {@code 200} with a 1,000-byte
 * body; each with a {@code Stream-Next-Offset}, so the bench's load generator takes the answers as
 * it takes the gateway's. What it costs per request is the floor under any server's CPU per request
 * on that machine and client: the system calls and the loopback TCP path, which on a virtual
 * machine can be most of it.
 *
 * <p>Run: {@code java -cp dsk-bench.jar io.dsk.bench.floor.FloorServer [threads]}; it prints
 * {@value #READY} and the stream root once it listens on an ephemeral port of 127.0.0.1.
 */
public final class FloorServer implements AutoCloseable {

    /** The start of the line printed once the server listens. */
    public static final String READY = "floor server listening on ";

    static final byte[] CREATED = answer("201 Created", 0);
    static final byte[] APPENDED = answer("204 No Content", -1);
    static final byte[] READ = answer("200 OK", 1000);
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE = {'\n'};

    private final ServerSocketChannel listener;
    private final Loop[] loops;

    private FloorServer(ServerSocketChannel listener, Loop[] loops) {
        this.listener = listener;
        this.loops = loops;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        FloorServer server = start(threads);
        System.out.println(READY + "http://127.0.0.1:" + server.port() + "/v1/stream/");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Listens on an ephemeral port of 127.0.0.1 with {@code threads} selector threads, and a thread that accepts. */
    static FloorServer start(int threads) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        Loop[] loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop();
            daemon(loops[i], "floor-io-" + i);
        }
        FloorServer server = new FloorServer(listener, loops);
        daemon(server::accept, "floor-accept");
        return server;
    }

    int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() throws IOException {
        listener.close();
        for (Loop loop : loops) {
            loop.close();
        }
    }

    private void accept() {
        try {
            for (long n = 0; listener.isOpen(); n++) {
                SocketChannel channel = listener.accept();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                loops[(int) (n % loops.length)].adopt(channel);
            }
        } catch (ClosedChannelException e) {
            // closed: done
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static byte[] answer(String status, int bodyBytes) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n")
                .append("Stream-Next-Offset: 0000000000000000_0000000000000000\r\n");
        if (bodyBytes >= 0) {
            head.append("Content-Type: application/octet-stream\r\nContent-Length: ").append(bodyBytes).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + Math.max(bodyBytes, 0)];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        for (int i = headBytes.length; i < all.length; i++) {
            all[i] = 'x';
        }
        return all;
    }

    /** One selector thread and its connections. */
    private static final class Loop implements Runnable {
        private final Selector selector;
        private final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
        private volatile boolean closed;

        Loop() throws IOException {
            selector = Selector.open();
        }

        void adopt(SocketChannel channel) {
            adopted.add(channel);
            selector.wakeup();
        }

        void close() {
            closed = true;
            selector.wakeup();
        }

        @Override
        public void run() {
            try (selector) {
                while (!closed) {
                    selector.select();
                    SocketChannel fresh;
                    while ((fresh = adopted.poll()) != null) {
                        fresh.register(selector, SelectionKey.OP_READ, new Connection(fresh));
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        Connection connection = (Connection) key.attachment();
                        if (!connection.readAndAnswer()) {
                            key.cancel();
                            connection.channel.close();
                        }
                    }
                }
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A keep-alive connection: reads requests, answers every complete one. */
    private static final class Connection {
        private final SocketChannel channel;
        private ByteBuffer in = ByteBuffer.allocate(64 << 10);
        private final ByteBuffer out = ByteBuffer.allocate(64 << 10);

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        /** False once the client has closed the connection. */
        boolean readAndAnswer() throws IOException {
            int read = channel.read(in);
            if (read < 0) {
                return false;
            }
            in.flip();
            int request;
            while ((request = completeRequest(in)) > 0) {
                byte method = in.get(in.position());
                byte[] answer = method == 'P' && in.get(in.position() + 1) == 'U' ? CREATED
                        : method == 'P' ? APPENDED : READ;
                if (out.remaining() < answer.length) {
                    flush();
                }
                out.put(answer);
                in.position(in.position() + request);
            }
            in.compact();
            if (!in.hasRemaining()) {
                ByteBuffer larger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                in = larger.put(in);
            }
            flush();
            return true;
        }

        /** Writes the answers so far; blocks the loop while the client's window is full (never, closed-loop). */
        private void flush() throws IOException {
            out.flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            out.clear();
        }

        /** The length of the complete request at the buffer's position (head and body), or 0. */
        private static int completeRequest(ByteBuffer b) {
            int start = b.position();
            int end = indexOf(b, start, HEAD_END);
            if (end < 0) {
                return 0;
            }
            int headLength = end - start + HEAD_END.length;
            int length = headLength + contentLength(b, start, end);
            return b.limit() - start >= length ? length : 0;
        }

        private static int contentLength(ByteBuffer b, int start, int end) {
            int at = start;
            while ((at = indexOf(b, at, NEWLINE)) >= 0 && at < end) {
                at++;
                if (startsWithIgnoringCase(b, at, CONTENT_LENGTH)) {
                    int i = at + CONTENT_LENGTH.length;
                    int value = 0;
                    while (b.get(i) == ' ') {
                        i++;
                    }
                    while (b.get(i) >= '0' && b.get(i) <= '9') {
                        value = value * 10 + (b.get(i++) - '0');
                    }
                    return value;
                }
            }
            return 0;
        }

        private static boolean startsWithIgnoringCase(ByteBuffer b, int at, byte[] prefix) {
            if (b.limit() - at < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (Character.toLowerCase(b.get(at + i)) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private static int indexOf(ByteBuffer b, int from, byte[] what) {
            for (int i = from; i <= b.limit() - what.length; i++) {
                int j = 0;
                while (j < what.length && b.get(i + j) == what[j]) {
                    j++;
                }
                if (j == what.length) {
                    return i;
                }
            }
            return -1;
        }
    }
}
