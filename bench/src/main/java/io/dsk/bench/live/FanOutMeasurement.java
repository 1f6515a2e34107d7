package io.dsk.bench.live;

import io.dsk.bench.run.CpuMeter;
import io.dsk.bench.run.ServerCpu;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Measures one fan-out cell on one server: fresh streams, every subscriber connected and proven
 * live by a warm-up message, then the paced writer for the measured window, then a drain until
 * every expected delivery arrived or the drain time is up. Each cell gets its own HTTP client for
 * the writer, so no pooled connection that a server closed while idle is reused.
 */
final class FanOutMeasurement {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(1);

    private final CpuMeter cpu;
    private final Duration window;
    private final Duration drain;
    private final int threads;
    private final Duration warmUp;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private int cellsMeasured;

    /**
     * @param window how long the writer appends
     * @param drain how long to wait after the window for the last deliveries
     * @param threads subscriber selector threads
     * @param warmUp how long the writer appends at the cell's rate before the window, unrecorded,
     *     so that the window times a warm server (its JIT compilers otherwise take much of its CPU)
     */
    FanOutMeasurement(CpuMeter cpu, Duration window, Duration drain, int threads, Duration warmUp) {
        this.cpu = cpu;
        this.window = window;
        this.drain = drain;
        this.threads = threads;
        this.warmUp = warmUp;
    }

    /**
     * Runs the cell against the server.
     *
     * @throws IOException if the streams cannot be created, the subscribers do not all connect, or
     *     the warm-up message does not reach every one of them
     */
    FanOutResult measure(ServerUnderTest server, FanOutCell cell)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String prefix = String.format(Locale.ROOT, "bench-%s/fanout/%s-%d", runId, cell.label(), cellsMeasured++);
        List<BenchStreams.Created> streams = new BenchStreams(http).create(server, prefix, cell.streams());
        List<URI> uris = streams.stream().map(BenchStreams.Created::uri).toList();
        try (SubscriberFleet fleet = new SubscriberFleet(server.baseUri(), threads, 128)) {
            for (int i = 0; i < streams.size(); i++) {
                fleet.subscribe(cell.mode(), streams.get(i).path(), streams.get(i).tail(), cell.subscribersOf(i));
            }
            SubscriberCounts counts = fleet.counts();
            require(fleet.await(counts::ready, CONNECT_TIMEOUT), fleet, server, "connected and waiting");
            PacedWriter writer = new PacedWriter(http);
            writer.appendToEach(uris);
            require(fleet.await(counts::withMessage, WARM_UP_TIMEOUT), fleet, server, "received the warm-up message");
            if (!warmUp.isZero()) {
                writer.run(uris, cell.appendsPerSecond(), warmUp, new MeasurementWindow());
            }
            CpuMeter.Window usage = cpu.start(server);
            ServerCpu.Meter serverCpu = ServerCpu.start(server);
            PacedWriter.Result written = writer.run(uris, cell.appendsPerSecond(), window, fleet.window());
            ServerCpu serverUsed = serverCpu.stop();
            CpuMeter.Usage used = usage.stop();
            long expected = cell.expectedDeliveries(written.deliverablePerStream());
            DeliveryStats stats = awaitDeliveries(fleet, expected);
            return new FanOutResult(stats.latency(), stats.receivedInWindow() / fleet.window().seconds(), expected,
                    written, counts.reconnects(), counts.failed(), counts.firstFailure(), used.generatorShare(),
                    used.serverCores().getOrDefault(server.name(), Double.NaN), stats.receivedInWindow(),
                    serverUsed);
        }
    }

    private DeliveryStats awaitDeliveries(SubscriberFleet fleet, long expected)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + drain.toNanos();
        DeliveryStats stats = fleet.stats();
        while (stats.latency().count() < expected && System.nanoTime() - deadline < 0) {
            Thread.sleep(200);
            stats = fleet.stats();
        }
        return stats;
    }

    private static void require(boolean reached, SubscriberFleet fleet, ServerUnderTest server, String what)
            throws IOException {
        SubscriberCounts counts = fleet.counts();
        if (!reached || counts.failed() > 0) {
            throw new IOException(String.format(Locale.ROOT,
                    "%s: of %d subscribers %d are ready, %d have a message, %d failed (first: %s); not all %s",
                    server.name(), fleet.subscribed(), counts.ready(), counts.withMessage(), counts.failed(),
                    counts.firstFailure(), what));
        }
    }
}
