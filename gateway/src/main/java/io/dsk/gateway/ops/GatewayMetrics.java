package io.dsk.gateway.ops;

import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.KeyValueStore;
import io.dsk.gateway.store.RocksDbKeyValueStore;
import io.dsk.gateway.store.StreamStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The gateway's metrics, kept in a Micrometer registry and served in the Prometheus text format:
 * the gateway's own families ({@code dsk_*}, listed in docs/operations.md), the store's
 * ({@link #bindStore}), and the JVM and process binders of Micrometer ({@code jvm_*},
 * {@code process_*}, {@code system_cpu_*}).
 *
 * <p>Label values are bounded by construction: routes are a small fixed set chosen by the caller
 * (never a stream path), statuses are HTTP codes, modes are {@code long-poll} or {@code sse}, store
 * operations are a small fixed set. Nothing here may carry a token, a path or record contents.
 * Recording is thread-safe and lock-free; {@link #scrape()} reads every gauge's source.
 *
 * <p>Other parts of the gateway add a gauge with one call to {@link #gauge}, e.g.
 * {@code metrics.gauge("dsk.cluster.apply.lag.records", "Log records not yet applied.",
 * Tags.of("partition", "3"), () -> lag(3))}.
 */
public final class GatewayMetrics implements AutoCloseable {

    /** The live read modes, each a value of the {@code mode} label of {@code dsk_live_connections}. */
    public static final List<String> LIVE_MODES = List.of("long-poll", "sse");

    /** Upper bounds of the latency histogram buckets. */
    private static final Duration[] LATENCY_BUCKETS = buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
            0.1, 0.25, 0.5, 1, 2.5);
    /** Upper bounds of the appends-per-commit histogram buckets ({@code AppendCommitter} takes at most 1024). */
    private static final double[] COMMIT_SIZE_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> storeLatency = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> liveConnections = new ConcurrentHashMap<>();
    private final Counter appends;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Timer commitLatency;
    private final DistributionSummary commitSize;
    private final Timer walSync;
    private volatile IntSupplier writesInFlight = () -> 0;
    private volatile BooleanSupplier ready = () -> true;
    private final Counter retentionDroppedBytes;
    private final AtomicLong retentionRetainedBytes = new AtomicLong();

    /** A registry with the gateway's families and the JVM and process binders. */
    public GatewayMetrics() {
        appends = Counter.builder("dsk.appends").description("Appends accepted (duplicates excluded).")
                .register(registry);
        bytesIn = Counter.builder("dsk.bytes.in").description("Stream payload bytes appended.").register(registry);
        bytesOut = Counter.builder("dsk.bytes.out").description("Stream payload bytes sent to readers.")
                .register(registry);
        for (String mode : LIVE_MODES) {
            liveConnections(mode);
        }
        Gauge.builder("dsk.writes.in.flight", () -> writesInFlight.getAsInt())
                .description("Creates, appends and deletes received and not yet answered.").register(registry);
        Gauge.builder("dsk.ready", () -> ready.getAsBoolean() ? 1 : 0)
                .description("1 while the gateway is ready to serve (as /readyz answers 200), else 0.")
                .register(registry);
        commitLatency = Timer.builder("dsk.commit.latency")
                .description("Time of one commit of queued appends: checks, the synced write, waking readers.")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        commitSize = DistributionSummary.builder("dsk.commit.appends")
                .description("Appends taken by one commit, of any streams, accepted or refused.")
                .serviceLevelObjectives(COMMIT_SIZE_BUCKETS).register(registry);
        retentionDroppedBytes = Counter.builder("dsk.retention.dropped.bytes")
                .description("Stream bytes dropped by retention.").register(registry);
        Gauge.builder("dsk.retention.retained.bytes", retentionRetainedBytes, AtomicLong::get)
                .description("Bytes held by streams with a retention policy.").register(registry);
        walSync = Timer.builder("dsk.wal.sync")
                .description("Time of one synced RocksDB write: the write and its WAL fsync.")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /**
     * Counts one finished request.
     *
     * @param route a fixed route name such as {@code append} or {@code read}, never a path
     * @param status the HTTP status sent
     */
    public void requestCompleted(String route, int status) {
        requests.computeIfAbsent(route + '\u0000' + status, k -> Counter.builder("dsk.http.requests")
                .description("HTTP requests by route and status.")
                .tags("route", route, "status", Integer.toString(status)).register(registry)).increment();
    }

    /** Counts one accepted append (not a duplicate) of {@code bytes} payload bytes. */
    public void appended(long bytes) {
        appends.increment();
        bytesIn.increment(bytes);
    }

    /** Counts stream payload bytes sent to readers. */
    public void bytesOut(long bytes) {
        bytesOut.increment(bytes);
    }

    /** A live read ({@code long-poll} or {@code sse}) started waiting. */
    public void liveConnectionOpened(String mode) {
        liveConnections(mode).incrementAndGet();
    }

    /** A live read ended, however it ended. */
    public void liveConnectionClosed(String mode) {
        liveConnections(mode).decrementAndGet();
    }

    /** Records how long one store operation ({@code append}, {@code read}, {@code create}, ...) took. */
    public void storeLatency(String operation, long nanos) {
        storeLatency.computeIfAbsent(operation, op -> Timer.builder("dsk.store.latency")
                .description("Latency of store operations.").tag("op", op)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Records one commit of queued appends; fits {@code io.dsk.gateway.streams.AppendCommitListener}.
     *
     * @param appends the appends the commit took
     * @param nanos how long it ran
     */
    public void committed(int appends, long nanos) {
        commitSize.record(appends);
        commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Records one retention pass: {@code droppedBytes} of stream data dropped by it
     * ({@code dsk_retention_dropped_bytes_total}), and {@code retainedBytes} held after it by the
     * streams that have a retention policy ({@code dsk_retention_retained_bytes}).
     */
    public void retention(long droppedBytes, long retainedBytes) {
        retentionDroppedBytes.increment(droppedBytes);
        retentionRetainedBytes.set(retainedBytes);
    }

    /** Where the {@code dsk_writes_in_flight} gauge reads its value, e.g. {@link InFlightWrites#count()}. */
    public void writesInFlightFrom(IntSupplier source) {
        this.writesInFlight = source;
    }

    /** Where the {@code dsk_ready} gauge reads whether the gateway is ready; it reads 1 until set. */
    public void readyFrom(BooleanSupplier source) {
        this.ready = source;
    }

    /**
     * Adds the {@code dsk_data_dir_free_bytes} gauge, reading {@code source}, e.g.
     * {@link DataDirSpace#freeBytes()}; without it (an in-memory gateway) the gauge is left out.
     */
    public void dataDirFreeBytesFrom(LongSupplier source) {
        gauge("dsk.data.dir.free.bytes", "Bytes still free for the data directory (-1 if unknown).", Tags.empty(),
                source::getAsLong);
    }

    /**
     * Adds the {@code dsk_data_dir_total_bytes} gauge, reading {@code source}, e.g.
     * {@link DataDirSpace#totalBytes()}; left out for an in-memory gateway.
     */
    public void dataDirTotalBytesFrom(LongSupplier source) {
        gauge("dsk.data.dir.total.bytes", "Size of the file system holding the data directory (-1 if unknown).",
                Tags.empty(), source::getAsLong);
    }

    /**
     * Adds the store's gauges: {@code dsk_streams} and, when the engine is RocksDB, its sizes, write
     * stalls, compactions, block cache and WAL sync times ({@link RocksDbGauges}). Each is read from
     * memory at scrape time, never by a scan.
     *
     * @param store the streams' store
     * @param engine the engine under it
     */
    public void bindStore(StreamStore store, KeyValueStore engine) {
        gauge("dsk.streams", "Streams stored (live, soft-deleted ones that forks read, expired ones not yet swept).",
                Tags.empty(), store::streamCount);
        if (engine instanceof InMemoryKeyValueStore memory) {
            gauge("dsk.in.memory.store.bytes", "What the in-memory store holds (keys, values and about 96 bytes an "
                    + "entry); creates and appends are refused with 507 once it reaches --in-memory-max-bytes.",
                    Tags.empty(), memory::heldBytes);
        }
        if (store.entryCacheEnabled()) {
            gauge("dsk.entry.cache.bytes", "Heap held by the entry cache: small entries reads read lately "
                    + "(data and about 96 bytes an entry); at most --entry-cache-bytes.", Tags.empty(),
                    store::entryCacheBytes);
            FunctionCounter.builder("dsk.entry.cache.hits", store, StreamStore::entryCacheHits)
                    .description("Lookups of a data entry answered from the entry cache.").register(registry);
            FunctionCounter.builder("dsk.entry.cache.misses", store, StreamStore::entryCacheMisses)
                    .description("Lookups of a data entry the entry cache could not answer (read from the store).")
                    .register(registry);
        }
        if (engine instanceof RocksDbKeyValueStore rocks) {
            RocksDbGauges.bind(rocks, this);
            rocks.timeSyncedWrites(nanos -> walSync.record(nanos, TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Adds a gauge: the one call other parts of the gateway need to publish a value.
     *
     * @param name a dotted Micrometer name such as {@code dsk.cluster.apply.lag.records}, exposed as
     *             {@code dsk_cluster_apply_lag_records}
     * @param description the {@code # HELP} text
     * @param tags labels with bounded values, never a stream path, a token or record contents
     * @param value read at each scrape, on the scraping thread; must be cheap and must not block
     * @return the gauge; {@code registry().remove(gauge)} takes it away again
     */
    public Gauge gauge(String name, String description, Tags tags, DoubleSupplier value) {
        return Gauge.builder(name, value::getAsDouble).description(description).tags(tags).register(registry);
    }

    /** The registry, for binders and meters beyond {@link #gauge}. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Total of live connections now open, over all modes. */
    public long openLiveConnections() {
        return liveConnections.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The current values in the Prometheus text exposition format, version 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops listening for garbage collections and closes the registry. */
    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }

    private AtomicLong liveConnections(String mode) {
        return liveConnections.computeIfAbsent(mode, m -> {
            AtomicLong count = new AtomicLong();
            Gauge.builder("dsk.live.connections", count::get).description("Open long-poll and SSE connections.")
                    .tag("mode", m).register(registry);
            return count;
        });
    }

    private static Duration[] buckets(double... seconds) {
        Duration[] buckets = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            buckets[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return buckets;
    }
}
