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
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Live reads, SSE only: a {@code GET} whose query has {@code live=sse} is answered with an event
 * stream (chunked) that starts with a control event, and the connection then only waits for data.
 * Each {@code POST} to a path, once answered, is written by the thread that read it to every SSE
 * connection of that path as one chunk (the body as a data event and a control event): one write
 * per subscriber and message, nothing stored, no thread hand-off. That is the floor under a
 * server's CPU per SSE delivery.
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
    private static final byte[] LIVE_SSE = "live=sse".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SSE_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    static final String CONTROL = "event: control\ndata:{\"streamNextOffset\":\"0000000000000000_0000000000000000\","
            + "\"streamCursor\":\"1\",\"upToDate\":true}\n\n";

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
        Subscribers subscribers = new Subscribers();
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop(subscribers);
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

    /** One chunk of an HTTP/1.1 chunked body holding {@code payload}. */
    static byte[] chunk(byte[] payload) {
        byte[] size = (Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[size.length + payload.length + 2];
        System.arraycopy(size, 0, all, 0, size.length);
        System.arraycopy(payload, 0, all, size.length, payload.length);
        all[all.length - 2] = '\r';
        all[all.length - 1] = '\n';
        return all;
    }

    /** The SSE connections of each path, shared by every selector thread. */
    private static final class Subscribers {
        private final Map<String, Set<Connection>> byPath = new ConcurrentHashMap<>();

        void add(String path, Connection connection) {
            byPath.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet()).add(connection);
        }

        void remove(String path, Connection connection) {
            Set<Connection> connections = byPath.get(path);
            if (connections != null) {
                connections.remove(connection);
            }
        }

        /**
         * Writes {@code body} as one chunk (a data and a control event) to every SSE connection of
         * {@code path}; one that fails (its client left) is closed and forgotten.
         */
        void deliver(String path, byte[] body) {
            Set<Connection> connections = byPath.get(path);
            if (connections == null || connections.isEmpty()) {
                return;
            }
            byte[] events = chunk(("event: data\ndata:[" + new String(body, StandardCharsets.UTF_8) + "]\n\n" + CONTROL)
                    .getBytes(StandardCharsets.UTF_8));
            for (Connection connection : connections) {
                try {
                    connection.push(events);
                } catch (IOException e) {
                    connection.closeQuietly();
                }
            }
        }
    }

    /** One selector thread and its connections. */
    private static final class Loop implements Runnable {
        private final Selector selector;
        private final Subscribers subscribers;
        private final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
        private volatile boolean closed;

        Loop(Subscribers subscribers) throws IOException {
            selector = Selector.open();
            this.subscribers = subscribers;
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
                        fresh.register(selector, SelectionKey.OP_READ, new Connection(fresh, subscribers));
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        Connection connection = (Connection) key.attachment();
                        boolean open;
                        try {
                            open = connection.readAndAnswer();
                        } catch (IOException e) {
                            open = false; // reset by the client: that connection only
                        }
                        if (!open) {
                            key.cancel();
                            connection.closeQuietly();
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

    /** A keep-alive connection: reads requests, answers every complete one; or an SSE connection. */
    private static final class Connection {
        private final SocketChannel channel;
        private final Subscribers subscribers;
        /** Grows when a request does not fit; small, so thousands of SSE connections fit the floor's heap. */
        private ByteBuffer in = ByteBuffer.allocate(8 << 10);
        private final ByteBuffer out = ByteBuffer.allocate(16 << 10);
        /** The path this connection follows over SSE, once it does. */
        private String ssePath;

        Connection(SocketChannel channel, Subscribers subscribers) {
            this.channel = channel;
            this.subscribers = subscribers;
        }

        /** False once the client has closed the connection. */
        boolean readAndAnswer() throws IOException {
            int read = channel.read(in);
            if (read < 0) {
                return false;
            }
            if (ssePath != null) {
                in.clear();
                return true;
            }
            in.flip();
            int request;
            while (ssePath == null && (request = completeRequest(in)) > 0) {
                int start = in.position();
                byte method = in.get(start);
                if (method == 'G' && requestLineHas(in, start, LIVE_SSE)) {
                    flush();
                    write(ByteBuffer.wrap(SSE_HEAD));
                    write(ByteBuffer.wrap(chunk(CONTROL.getBytes(StandardCharsets.US_ASCII))));
                    ssePath = path(in, start);
                    subscribers.add(ssePath, this); // from here on, appends read by any thread write to it
                    in.position(start + request);
                    continue;
                }
                byte[] answer = method == 'P' && in.get(start + 1) == 'U' ? CREATED
                        : method == 'P' ? APPENDED : READ;
                if (out.remaining() < answer.length) {
                    flush();
                }
                out.put(answer);
                if (answer == APPENDED) {
                    // Answered first, then written to the path's subscribers from this thread.
                    int head = indexOf(in, start, HEAD_END) + HEAD_END.length;
                    byte[] body = new byte[start + request - head];
                    in.get(head, body);
                    flush();
                    subscribers.deliver(path(in, start), body);
                }
                in.position(start + request);
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

        /** Writes one SSE chunk, from whichever thread read the append; whole, so chunks never interleave. */
        synchronized void push(byte[] events) throws IOException {
            write(ByteBuffer.wrap(events));
        }

        void close() throws IOException {
            if (ssePath != null) {
                subscribers.remove(ssePath, this);
            }
            channel.close();
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                // closing anyway
            }
        }

        private void write(ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        /** The request target's path (up to {@code ?}) of the request at {@code start}. */
        private static String path(ByteBuffer b, int start) {
            int from = start;
            while (b.get(from) != ' ') {
                from++;
            }
            from++;
            int to = from;
            while (b.get(to) != ' ' && b.get(to) != '?') {
                to++;
            }
            byte[] path = new byte[to - from];
            b.get(from, path);
            return new String(path, StandardCharsets.US_ASCII);
        }

        /** Whether the request line of the request at {@code start} contains {@code what}. */
        private static boolean requestLineHas(ByteBuffer b, int start, byte[] what) {
            int at = indexOf(b, start, what);
            int lineEnd = indexOf(b, start, NEWLINE);
            return at >= 0 && at < lineEnd;
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
