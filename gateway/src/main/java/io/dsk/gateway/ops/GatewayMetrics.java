package io.dsk.gateway.ops;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The gateway's metrics, kept in lock-free counters and rendered in the Prometheus text format.
 *
 * <p>Label values are bounded by construction: routes are a small fixed set chosen by the caller
 * (never a stream path), statuses are HTTP codes, modes are {@code long-poll} or {@code sse}, store
 * operations are a small fixed set. Nothing here may carry a token, a path or record contents.
 */
public final class GatewayMetrics {

    /** Upper bounds, in seconds, of the store latency histogram buckets. */
    private static final double[] LATENCY_BUCKETS_SECONDS =
            {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder appends = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Map<String, AtomicLong> liveConnections = new ConcurrentHashMap<>();
    private final Map<String, Histogram> storeLatency = new ConcurrentHashMap<>();
    private volatile IntSupplier writesInFlight = () -> 0;
    private volatile LongSupplier dataDirFreeBytes;
    private final LongAdder retentionDroppedBytes = new LongAdder();
    private final AtomicLong retentionRetainedBytes = new AtomicLong();

    /**
     * Counts one finished request.
     *
     * @param route a fixed route name such as {@code append} or {@code read}, never a path
     * @param status the HTTP status sent
     */
    public void requestCompleted(String route, int status) {
        requests.computeIfAbsent(route + '\u0000' + status, k -> new LongAdder()).increment();
    }

    /** Counts one accepted append (not a duplicate) of {@code bytes} payload bytes. */
    public void appended(long bytes) {
        appends.increment();
        bytesIn.add(bytes);
    }

    /** Counts stream payload bytes sent to readers. */
    public void bytesOut(long bytes) {
        bytesOut.add(bytes);
    }

    /** A live read ({@code long-poll} or {@code sse}) started waiting. */
    public void liveConnectionOpened(String mode) {
        liveConnections.computeIfAbsent(mode, k -> new AtomicLong()).incrementAndGet();
    }

    /** A live read ended, however it ended. */
    public void liveConnectionClosed(String mode) {
        liveConnections.computeIfAbsent(mode, k -> new AtomicLong()).decrementAndGet();
    }

    /** Records how long one store operation ({@code append}, {@code read}, {@code create}, ...) took. */
    public void storeLatency(String operation, long nanos) {
        storeLatency.computeIfAbsent(operation, k -> new Histogram()).record(nanos / 1e9);
    }

    /** Where the {@code dsk_writes_in_flight} gauge reads its value, e.g. {@link InFlightWrites#count()}. */
    public void writesInFlightFrom(IntSupplier source) {
        this.writesInFlight = source;
    }

    /**
     * Where the {@code dsk_data_dir_free_bytes} gauge reads its value, e.g. {@link DataDirSpace#freeBytes()};
     * without a source (an in-memory gateway) the gauge is left out.
     */
    public void dataDirFreeBytesFrom(LongSupplier source) {
        this.dataDirFreeBytes = source;
    }

    /**
     * Records one retention pass: {@code droppedBytes} of stream data dropped by it, and
     * {@code retainedBytes} held after it by the streams that have a retention policy.
     */
    public void retention(long droppedBytes, long retainedBytes) {
        retentionDroppedBytes.add(droppedBytes);
        retentionRetainedBytes.set(retainedBytes);
    }

    /** Total of live connections now open, over all modes. */
    public long openLiveConnections() {
        return liveConnections.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The current values in the Prometheus text exposition format, version 0.0.4. */
    public String scrape() {
        StringBuilder out = new StringBuilder(2048);
        out.append("# HELP dsk_http_requests_total HTTP requests by route and status.\n")
           .append("# TYPE dsk_http_requests_total counter\n");
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] parts = e.getKey().split("\u0000", 2);
            out.append("dsk_http_requests_total{route=\"").append(parts[0])
               .append("\",status=\"").append(parts[1]).append("\"} ")
               .append(e.getValue().sum()).append('\n');
        });
        counter(out, "dsk_appends_total", "Appends accepted (duplicates excluded).", appends.sum());
        counter(out, "dsk_bytes_in_total", "Stream payload bytes appended.", bytesIn.sum());
        counter(out, "dsk_bytes_out_total", "Stream payload bytes sent to readers.", bytesOut.sum());
        out.append("# HELP dsk_live_connections Open long-poll and SSE connections.\n")
           .append("# TYPE dsk_live_connections gauge\n");
        liveConnections.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.append("dsk_live_connections{mode=\"").append(e.getKey()).append("\"} ")
                   .append(e.getValue().get()).append('\n'));
        out.append("# HELP dsk_writes_in_flight Creates, appends and deletes received and not yet answered.\n")
           .append("# TYPE dsk_writes_in_flight gauge\n")
           .append("dsk_writes_in_flight ").append(writesInFlight.getAsInt()).append('\n');
        LongSupplier free = dataDirFreeBytes;
        if (free != null) {
            out.append("# HELP dsk_data_dir_free_bytes Bytes still free for the data directory (-1 if unknown).\n")
               .append("# TYPE dsk_data_dir_free_bytes gauge\n")
               .append("dsk_data_dir_free_bytes ").append(free.getAsLong()).append('\n');
        }
        counter(out, "dsk_retention_dropped_bytes_total", "Stream bytes dropped by retention.",
                retentionDroppedBytes.sum());
        out.append("# HELP dsk_retention_retained_bytes Bytes held by streams with a retention policy.\n")
           .append("# TYPE dsk_retention_retained_bytes gauge\n")
           .append("dsk_retention_retained_bytes ").append(retentionRetainedBytes.get()).append('\n');
        out.append("# HELP dsk_store_latency_seconds Latency of store operations.\n")
           .append("# TYPE dsk_store_latency_seconds histogram\n");
        storeLatency.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().render(out, e.getKey()));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
           .append("# TYPE ").append(name).append(" counter\n")
           .append(name).append(' ').append(value).append('\n');
    }

    /** A fixed-bucket cumulative histogram. */
    private static final class Histogram {
        private final LongAdder[] buckets = new LongAdder[LATENCY_BUCKETS_SECONDS.length];
        private final LongAdder count = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void record(double seconds) {
            for (int i = 0; i < LATENCY_BUCKETS_SECONDS.length; i++) {
                if (seconds <= LATENCY_BUCKETS_SECONDS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sum.add(seconds);
        }

        void render(StringBuilder out, String operation) {
            long cumulative = 0;
            for (int i = 0; i < buckets.length; i++) {
                cumulative += buckets[i].sum();
                out.append("dsk_store_latency_seconds_bucket{op=\"").append(operation)
                   .append("\",le=\"").append(format(LATENCY_BUCKETS_SECONDS[i])).append("\"} ")
                   .append(cumulative).append('\n');
            }
            long total = count.sum();
            out.append("dsk_store_latency_seconds_bucket{op=\"").append(operation)
               .append("\",le=\"+Inf\"} ").append(total).append('\n')
               .append("dsk_store_latency_seconds_sum{op=\"").append(operation).append("\"} ")
               .append(format(sum.sum())).append('\n')
               .append("dsk_store_latency_seconds_count{op=\"").append(operation).append("\"} ")
               .append(total).append('\n');
        }

        /** Plain decimal notation ({@code 0.0005}, not {@code 5.0E-4}), as Prometheus writes bucket bounds. */
        private static String format(double v) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }
}
