package io.dsk.bench.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread and one NIO selector driving thousands of subscriber connections: it connects them
 * (at most {@code maxConnecting} at a time, so the server's accept queue never overflows), writes
 * each GET, hands what arrives to the subscriber's {@link LiveRead} stamped with the time of the
 * read, and follows its verdict (read on, poll again, reconnect, stop).
 */
final class SubscriberLoop implements Runnable, AutoCloseable {

    private final InetSocketAddress server;
    private final int maxConnecting;
    private final SubscriberCounts counts;
    private final DeliveryRecorder recorder;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Queue<Connection> toConnect = new ArrayDeque<>();
    private final Set<Connection> connections = new HashSet<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final int socketRetries;
    private volatile boolean running = true;
    private int connecting;
    private boolean connectingWaiting;

    /**
     * @param socketRetries how often one subscriber reconnects after a socket error (a reset, a
     *     refused connect) before it gives up; HTTP errors are never retried
     */
    SubscriberLoop(String name, InetSocketAddress server, int maxConnecting, int socketRetries,
            SubscriberCounts counts, MeasurementWindow window) throws IOException {
        this.server = server;
        this.socketRetries = socketRetries;
        this.maxConnecting = maxConnecting;
        this.counts = counts;
        this.recorder = new DeliveryRecorder(window);
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Adds a subscriber; its connection opens as soon as fewer than {@code maxConnecting} are
     * pending.
     *
     * @param source the local address to bind, or null for the system's choice
     */
    void subscribe(LiveMode mode, String path, String offset, InetAddress source) {
        String host = server.getHostString() + ":" + server.getPort();
        execute(() -> {
            Connection c = new Connection(source);
            c.read = new LiveRead(mode, path, host, offset, c);
            toConnect.add(c);
            connectWaiting();
        });
    }

    /** The deliveries recorded so far, copied on the loop's thread. */
    CompletableFuture<DeliveryStats> stats() {
        CompletableFuture<DeliveryStats> result = new CompletableFuture<>();
        execute(() -> result.complete(recorder.snapshot()));
        return result;
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(500);
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    ((Connection) key.attachment()).handle(key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("subscriber selector failed", e);
        } finally {
            toConnect.clear();
            new ArrayList<>(connections).forEach(Connection::abort);
            try {
                selector.close();
            } catch (IOException e) {
                // closing at the end of a run; nothing left to recover
            }
        }
    }

    /** Stops the thread and resets every connection (no TIME_WAIT left behind for the next run). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(30_000);
    }

    private void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void connectWaiting() {
        if (connectingWaiting) {
            return;
        }
        connectingWaiting = true;
        try {
            while (running && connecting < maxConnecting && !toConnect.isEmpty()) {
                toConnect.poll().connect();
            }
        } finally {
            connectingWaiting = false;
        }
    }

    /** One subscriber's socket; it is also the subscriber's listener, forwarding to the counts. */
    private final class Connection implements LiveRead.Listener {
        private final InetAddress source;
        private LiveRead read;
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer out;
        private boolean pending;
        private int socketErrors;

        Connection(InetAddress source) {
            this.source = source;
        }

        void connect() {
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (source != null) {
                    channel.bind(new InetSocketAddress(source, 0));
                }
                connections.add(this);
                pending = true;
                connecting++;
                if (channel.connect(server)) {
                    key = channel.register(selector, 0, this);
                    connected();
                } else {
                    key = channel.register(selector, SelectionKey.OP_CONNECT, this);
                }
            } catch (IOException e) {
                socketError("connect from " + source + ": " + e);
            }
        }

        void handle(SelectionKey selected) {
            try {
                if (!selected.isValid()) {
                    return;
                }
                if (selected.isConnectable()) {
                    if (channel.finishConnect()) {
                        connected();
                    }
                } else if (selected.isWritable()) {
                    write();
                } else if (selected.isReadable()) {
                    read();
                }
            } catch (IOException e) {
                socketError(e.toString());
            }
        }

        private void connected() throws IOException {
            donePending();
            send();
        }

        private void send() throws IOException {
            out = ByteBuffer.wrap(read.request());
            write();
        }

        private void write() throws IOException {
            channel.write(out);
            if (out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE);
            } else {
                key.interestOps(SelectionKey.OP_READ);
                read.requestSent();
            }
        }

        private void read() throws IOException {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            LiveRead.Next next;
            try {
                next = n < 0 ? read.closedByServer() : read.received(readBuffer.array(), 0, n, System.nanoTime());
            } catch (IOException e) {
                fail(e.getMessage());
                return;
            }
            switch (next) {
                case READ -> { }
                case SEND -> send();
                case RECONNECT -> reconnect();
                case STOP -> abort();
            }
        }

        private void reconnect() {
            abort();
            read.reconnected();
            counts.addReconnect();
            toConnect.add(this);
            connectWaiting();
        }

        /** A reset or refused connection, e.g. after the server's accept queue overflowed: retried. */
        private void socketError(String reason) {
            if (++socketErrors > socketRetries) {
                fail(reason + " (after " + socketRetries + " reconnects)");
            } else {
                reconnect();
            }
        }

        private void fail(String reason) {
            abort();
            counts.addFailure(reason);
        }

        /** Closes with a reset: SO_LINGER 0 leaves no TIME_WAIT that would hold the local port. */
        void abort() {
            donePending();
            connections.remove(this);
            if (channel == null) {
                return;
            }
            try {
                if (channel.isOpen()) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
                channel.close();
            } catch (IOException e) {
                // the connection is being discarded; nothing to recover
            }
            channel = null;
        }

        private void donePending() {
            if (pending) {
                pending = false;
                connecting--;
                connectWaiting();
            }
        }

        @Override
        public void ready() {
            counts.addReady();
        }

        @Override
        public void firstMessage() {
            counts.addWithMessage();
        }

        @Override
        public void delivered(long sentNanos, long receivedNanos) {
            recorder.delivered(sentNanos, receivedNanos);
        }
    }
}
