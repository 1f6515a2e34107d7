package io.dsk.bench.live;

import io.dsk.bench.run.BenchContext;
import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * One SSE cell of the fan-out measurement (subscribers spread over streams, one writer at a fixed
 * rate) on one server, for scenarios outside this package: the floor scenario measures the floor
 * server's CPU per SSE delivery with it, beside the gateway's.
 *
 * @param subscribers SSE subscribers, spread evenly over the streams
 * @param streams JSON streams the writer appends to, round-robin
 * @param appendsPerSecond the writer's rate over all streams
 * @param warmUp how long the writer runs at that rate, unmeasured, before the window
 */
public record SseDeliveryCell(int subscribers, int streams, double appendsPerSecond, Duration warmUp) {

    /** Gateway options the cell needs: no SSE connection closed mid-cell. */
    public static final Map<String, String> GATEWAY_OPTIONS = FanOutScenario.GATEWAY_OPTIONS;

    /**
     * What one server did in the cell.
     *
     * @param microsPerDelivery the server's CPU time over the window per message each subscriber received
     * @param deliveriesPerSecond messages received by all subscribers per second of the window
     * @param p99Millis append-to-subscriber latency, 99th percentile
     * @param byThread server CPU per delivery by thread group
     * @param generatorShare the benchmark process's CPU over the window, as a share of the machine
     */
    public record Result(double microsPerDelivery, double deliveriesPerSecond, double p99Millis, String byThread,
            double generatorShare) {
    }

    /** Checks the shape as the fan-out scenario does. */
    public SseDeliveryCell {
        new FanOutCell(LiveMode.SSE, subscribers, streams, appendsPerSecond);
    }

    /**
     * Runs the cell against {@code server} for the context's measurement length.
     *
     * @throws IOException if the open-file limits cannot be raised far enough, the streams cannot be
     *     created, or the subscribers do not all connect and receive the warm-up message
     */
    public Result measure(BenchContext context, ServerUnderTest server) throws Exception {
        long wanted = subscribers + FanOutScenario.FILES_BESIDES_CONNECTIONS;
        long limit = Math.min(ProcessLimits.raiseOpenFiles(ProcessHandle.current().pid(), wanted),
                ProcessLimits.raiseOpenFiles(server.pid(), wanted));
        if (limit < wanted) {
            throw new IOException(subscribers + " SSE subscribers do not fit, since "
                    + ProcessLimits.shortfall(limit, wanted));
        }
        FanOutMeasurement measurement = new FanOutMeasurement(context.cpu(), context.duration(),
                Duration.ofSeconds(10), 2, warmUp);
        FanOutResult r = measurement.measure(server, new FanOutCell(LiveMode.SSE, subscribers, streams,
                appendsPerSecond));
        if (r.latency().count() == 0) {
            throw new IOException(server.name() + " delivered nothing in the window");
        }
        return new Result(r.serverMicrosPerDelivery(), r.deliveriesPerSecond(), r.latency().percentileMillis(99),
                r.serverCpu().byThreadGroup(r.receivedInWindow()), r.generatorShare());
    }
}
