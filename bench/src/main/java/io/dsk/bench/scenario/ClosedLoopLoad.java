package io.dsk.bench.scenario;

import io.dsk.bench.measure.LatencyHistogram;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed-loop HTTP/1.1 load: {@code n} keep-alive connections, each sending its next request as
 * soon as the previous response has arrived, all driven by one selector thread. 256 writers cost
 * one thread, so the generator's own CPU stays small next to the server's.
 *
 * <p>Responses that arrive inside the measured window (after the warm-up) count, with their
 * latency; so under a load where each request waits longer than the window, the few that complete
 * still give throughput and latency. When the window closes, connections stop sending and their
 * last responses are drained (not counted) so that the server is left idle.
 */
final class ClosedLoopLoad {

    /** Supplies requests per connection; null ends that connection's work. */
    interface Requests {
        ByteBuffer next(int connection);
    }

    /** Decides whether a response is a success; a failure is counted and its status kept. */
    interface Check {
        boolean ok(int connection, CountingResponseReader.Response response);
    }

    /**
     * What one run produced.
     *
     * @param completed successful responses that arrived inside the window
     * @param seconds the window's length, or the time to the last response if the requests ran out first
     * @param latencies latency of each counted request
     * @param failures responses the check rejected
     * @param firstFailure a description of the first rejected response, or null
     * @param bodyBytes response body bytes received inside the window
     * @param allSucceeded successful responses including warm-up and drain, to divide server CPU time by
     */
    record Result(long completed, double seconds, LatencyHistogram latencies, long failures, String firstFailure,
            long bodyBytes, long allSucceeded) {

        double perSecond() {
            return completed / seconds;
        }
    }

    private static final long DRAIN_NANOS = Duration.ofSeconds(30).toNanos();

    private final URI server;
    private final int connections;

    ClosedLoopLoad(URI server, int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("a load needs at least one connection, got " + connections);
        }
        this.server = server;
        this.connections = connections;
    }

    /** The {@code Host} header value for requests to this server. */
    static String host(URI server) {
        return server.getHost() + ":" + server.getPort();
    }

    /**
     * Runs the load.
     *
     * @param requests the requests of each connection
     * @param check which responses count as successes
     * @param warmup time at the start that is not counted
     * @param window measured time after the warm-up; the run ends earlier if the requests run out
     * @return counts and latencies of the window
     * @throws IOException if a connection fails
     */
    Result run(Requests requests, Check check, Duration warmup, Duration window) throws IOException {
        try (Selector selector = Selector.open()) {
            List<Connection> open = connect(selector);
            long start = System.nanoTime();
            Run run = new Run(requests, check, start + warmup.toNanos(), start + warmup.toNanos() + window.toNanos());
            for (Connection c : open) {
                run.sendNext(c);
            }
            run.loop(selector);
            for (Connection c : open) {
                c.channel.close();
            }
            return run.result();
        }
    }

    private List<Connection> connect(Selector selector) throws IOException {
        List<Connection> open = new ArrayList<>(connections);
        InetSocketAddress address = new InetSocketAddress(server.getHost(), server.getPort());
        for (int i = 0; i < connections; i++) {
            SocketChannel channel = SocketChannel.open(address);
            channel.socket().setTcpNoDelay(true);
            channel.configureBlocking(false);
            Connection c = new Connection(i, channel);
            c.key = channel.register(selector, 0, c);
            open.add(c);
        }
        return open;
    }

    /** One connection's state: the request being written and the response being parsed. */
    private static final class Connection {
        final int index;
        final SocketChannel channel;
        final CountingResponseReader parser = new CountingResponseReader();
        SelectionKey key;
        ByteBuffer pending;
        long sentAt;
        boolean busy;

        Connection(int index, SocketChannel channel) {
            this.index = index;
            this.channel = channel;
        }
    }

    /** The state of one run, touched by the selector thread only. */
    private static final class Run {
        private final Requests requests;
        private final Check check;
        private final long windowStart;
        private final long windowEnd;
        private final ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        private final LatencyHistogram latencies = new LatencyHistogram();
        private long completed;
        private long allSucceeded;
        private long failures;
        private long bodyBytes;
        private String firstFailure;
        private long lastCompletion;
        private int busy;
        private boolean exhausted;

        Run(Requests requests, Check check, long windowStart, long windowEnd) {
            this.requests = requests;
            this.check = check;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
        }

        void loop(Selector selector) throws IOException {
            long drainDeadline = windowEnd + DRAIN_NANOS;
            while (busy > 0 && System.nanoTime() < drainDeadline) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    if (key.isWritable()) {
                        write(c);
                    }
                    if (key.isReadable()) {
                        read(c);
                    }
                }
                selector.selectedKeys().clear();
            }
        }

        void sendNext(Connection c) throws IOException {
            ByteBuffer request = null;
            if (System.nanoTime() < windowEnd) {
                request = requests.next(c.index);
                exhausted |= request == null;
            }
            if (request == null) {
                c.key.interestOps(0);
                return;
            }
            c.pending = request.duplicate();
            c.sentAt = System.nanoTime();
            c.busy = true;
            busy++;
            write(c);
        }

        private void write(Connection c) throws IOException {
            c.channel.write(c.pending);
            c.key.interestOps(c.pending.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ
                    : SelectionKey.OP_READ);
        }

        private void read(Connection c) throws IOException {
            in.clear();
            int n = c.channel.read(in);
            if (n < 0) {
                throw new IOException("the server closed connection " + c.index + " with a request outstanding");
            }
            in.flip();
            CountingResponseReader.Response response = c.parser.feed(in);
            if (response != null) {
                onResponse(c, response);
            }
        }

        private void onResponse(Connection c, CountingResponseReader.Response response) throws IOException {
            long now = System.nanoTime();
            c.busy = false;
            busy--;
            boolean ok = check.ok(c.index, response);
            if (!ok) {
                failures++;
                if (firstFailure == null) {
                    firstFailure = "status " + response.status() + " on connection " + c.index;
                }
            } else if (now >= windowStart && now <= windowEnd) {
                allSucceeded++;
                completed++;
                bodyBytes += response.bodyBytes();
                latencies.recordNanos(now - c.sentAt);
                lastCompletion = now;
            } else {
                allSucceeded++;
            }
            sendNext(c);
        }

        Result result() {
            long end = exhausted && busy == 0 && lastCompletion > 0 ? Math.min(lastCompletion, windowEnd) : windowEnd;
            double seconds = Math.max(1e-9, (end - windowStart) / 1e9);
            return new Result(completed, seconds, latencies, failures, firstFailure, bodyBytes, allSucceeded);
        }
    }
}
