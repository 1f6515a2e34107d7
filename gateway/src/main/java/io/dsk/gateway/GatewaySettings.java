package io.dsk.gateway;

import io.dsk.gateway.cluster.ClusterSettings;
import io.dsk.gateway.config.GatewayOption;
import io.dsk.gateway.config.GatewayOptions;
import io.dsk.gateway.config.OptionGroup;
import io.dsk.gateway.ops.LogFormat;
import io.dsk.gateway.streams.RetentionRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every tunable of the gateway, immutable, with the defaults a fresh install runs on.
 *
 * <p>Each value is declared once, with its default and rule, in {@link GatewayOptions}; reading
 * the command line, {@code DSK_*} environment variables and the config file lives in
 * {@link GatewaySettingsLoader}. This class only holds values, so that the protocol, storage and
 * live-read code never see where a value came from.
 */
public final class GatewaySettings {

    public static final String DEFAULT_HOST = GatewayOptions.HOST.defaultValue();
    /** The protocol's registered port (PROTOCOL.md section 13.1). */
    public static final int DEFAULT_PORT = GatewayOptions.PORT.defaultValue();
    public static final Path DEFAULT_DATA_DIR = GatewayOptions.DATA_DIR.defaultValue();
    public static final Duration DEFAULT_LONG_POLL_TIMEOUT = GatewayOptions.LONG_POLL_TIMEOUT.defaultValue();
    public static final Duration DEFAULT_SSE_CLOSE_INTERVAL = GatewayOptions.SSE_CLOSE_INTERVAL.defaultValue();
    public static final Duration DEFAULT_SSE_KEEP_ALIVE_INTERVAL = GatewayOptions.SSE_KEEP_ALIVE_INTERVAL.defaultValue();
    public static final Duration DEFAULT_SHUTDOWN_GRACE = GatewayOptions.SHUTDOWN_GRACE.defaultValue();
    public static final int DEFAULT_READ_CHUNK_BYTES = GatewayOptions.READ_CHUNK_BYTES.defaultValue();
    public static final long DEFAULT_READ_RESPONSE_BYTES = GatewayOptions.READ_RESPONSE_BYTES.defaultValue();
    public static final long DEFAULT_MAX_APPEND_BYTES = GatewayOptions.MAX_APPEND_BYTES.defaultValue();
    public static final int DEFAULT_MAX_PATH_LENGTH = GatewayOptions.MAX_PATH_LENGTH.defaultValue();
    public static final int DEFAULT_MAX_HEADER_BYTES = GatewayOptions.MAX_HEADER_BYTES.defaultValue();
    public static final int DEFAULT_MAX_FORK_DEPTH = GatewayOptions.MAX_FORK_DEPTH.defaultValue();
    public static final int DEFAULT_CURSOR_INTERVAL_SECONDS = GatewayOptions.CURSOR_INTERVAL_SECONDS.defaultValue();
    public static final String DEFAULT_HISTORICAL_CACHE_CONTROL = GatewayOptions.HISTORICAL_CACHE_CONTROL.defaultValue();
    /** Non-blocking IO threads: one per core, at least two. */
    public static final int DEFAULT_IO_THREADS = GatewayOptions.IO_THREADS.defaultValue();
    /** Threads for work that blocks (reads, creates, deletes; appends wait on one committer thread instead). */
    public static final int DEFAULT_WORKER_THREADS = GatewayOptions.WORKER_THREADS.defaultValue();

    /** The options this class holds: the server group, except the config file and help. */
    static final List<GatewayOption<?>> OPTIONS = GatewayOptions.inGroup(OptionGroup.SERVER).stream()
            .filter(option -> option != GatewayOptions.CONFIG && option != GatewayOptions.HELP)
            .collect(Collectors.toUnmodifiableList());

    /** Every {@link OptionGroup#SERVER} option's value; unset options hold their default. */
    private final Map<GatewayOption<?>, Object> values;
    private final ClusterSettings cluster;

    private GatewaySettings(Builder b) {
        this.values = Map.copyOf(b.values);
        this.cluster = b.cluster;
    }

    /** Cluster mode's settings; {@link ClusterSettings#DISABLED} for a single node. */
    public ClusterSettings cluster() {
        return cluster;
    }

    /**
     * @param option a server option of {@link GatewayOptions}
     * @param <T> its type
     * @return its value
     */
    public <T> T get(GatewayOption<T> option) {
        Object value = values.get(option);
        if (value == null && !values.containsKey(option)) {
            throw new IllegalArgumentException(option.name() + " is not a setting of the server");
        }
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return typed;
    }

    /** The defaults, as a fresh install runs. */
    public static GatewaySettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this instance's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        builder.cluster = cluster;
        return builder;
    }

    /** Interface to bind to. */
    public String host() {
        return get(GatewayOptions.HOST);
    }

    /** TCP port; 0 picks a free ephemeral port (the ready log line names the one chosen). */
    public int port() {
        return get(GatewayOptions.PORT);
    }

    /** RocksDB directory; ignored when {@link #inMemory()}. */
    public Path dataDir() {
        return get(GatewayOptions.DATA_DIR);
    }

    /** Keep everything in memory (development and tests); nothing survives a restart. */
    public boolean inMemory() {
        return get(GatewayOptions.IN_MEMORY);
    }

    /**
     * What the in-memory store may hold before it refuses new streams and data: the option's value,
     * or half the JVM's maximum heap when it is 0 (the default).
     */
    public long inMemoryMaxBytes() {
        long set = get(GatewayOptions.IN_MEMORY_MAX_BYTES);
        return set > 0 ? set : Runtime.getRuntime().maxMemory() / 2;
    }

    /** How long a long-poll read waits for data before answering 204. */
    public Duration longPollTimeout() {
        return get(GatewayOptions.LONG_POLL_TIMEOUT);
    }

    /** Longest a request body may go without a byte arriving; then 408. */
    public Duration bodyIdleTimeout() {
        return get(GatewayOptions.BODY_IDLE_TIMEOUT);
    }

    /** How long an SSE connection stays open before the server closes it (PROTOCOL.md 10.2). */
    public Duration sseCloseInterval() {
        return get(GatewayOptions.SSE_CLOSE_INTERVAL);
    }

    /**
     * SSE keep-alive comment interval: a connection that wrote nothing else during an interval gets
     * a comment at its end.
     */
    public Duration sseKeepAliveInterval() {
        return get(GatewayOptions.SSE_KEEP_ALIVE_INTERVAL);
    }

    /** How long shutdown waits for in-flight requests before closing the store. */
    public Duration shutdownGrace() {
        return get(GatewayOptions.SHUTDOWN_GRACE);
    }

    /**
     * Upper bound on the body of a read that is held in memory: a catch-up read of a JSON stream, a
     * long-poll answer, one SSE event.
     */
    public int readChunkBytes() {
        return get(GatewayOptions.READ_CHUNK_BYTES);
    }

    /**
     * Upper bound on the body of one catch-up read of a byte stream; it is copied from the store
     * piece by piece as the client receives it, so its size costs no memory.
     */
    public long readResponseBytes() {
        return get(GatewayOptions.READ_RESPONSE_BYTES);
    }

    /** Heap for small entries read lately (the store's entry cache); 0: none. */
    public long entryCacheBytes() {
        return get(GatewayOptions.ENTRY_CACHE_BYTES);
    }

    /** Largest accepted append or create body; larger is 413. */
    public long maxAppendBytes() {
        return get(GatewayOptions.MAX_APPEND_BYTES);
    }

    /** Longest accepted stream path in bytes; longer is 414. */
    public int maxPathLength() {
        return get(GatewayOptions.MAX_PATH_LENGTH);
    }

    /** Largest accepted request header block; larger is 431. */
    public int maxHeaderBytes() {
        return get(GatewayOptions.MAX_HEADER_BYTES);
    }

    /** The deepest fork chain a create may make; a deeper fork is refused. */
    public int maxForkDepth() {
        return get(GatewayOptions.MAX_FORK_DEPTH);
    }

    /** Length of a cursor interval in seconds (PROTOCOL.md 10.1). */
    public int cursorIntervalSeconds() {
        return get(GatewayOptions.CURSOR_INTERVAL_SECONDS);
    }

    /** {@code Cache-Control} of historical (non-tail) reads. */
    public String historicalCacheControl() {
        return get(GatewayOptions.HISTORICAL_CACHE_CONTROL);
    }

    /** Webhook subscriptions may target loopback (development mode, PROTOCOL.md 12.8). */
    public boolean subscriptionsAllowLoopbackWebhooks() {
        return get(GatewayOptions.SUBSCRIPTIONS_ALLOW_LOOPBACK_WEBHOOKS);
    }

    /** Age at which the webhook signing key is replaced. */
    public Duration subscriptionsSigningKeyRotation() {
        return get(GatewayOptions.SUBSCRIPTIONS_SIGNING_KEY_ROTATION);
    }

    /** Undertow IO threads (non-blocking). */
    public int ioThreads() {
        return get(GatewayOptions.IO_THREADS);
    }

    /** Undertow worker threads, for handlers that block. */
    public int workerThreads() {
        return get(GatewayOptions.WORKER_THREADS);
    }

    /** How log lines are written. */
    public LogFormat logFormat() {
        return LogFormat.parse(get(GatewayOptions.LOG_FORMAT));
    }

    /** The configured retention rules by path pattern, resolved when a stream is created. */
    public RetentionRules retentionRules() {
        return RetentionRules.parse(get(GatewayOptions.RETENTION));
    }

    /** How often retention is enforced. */
    public Duration retentionCheckInterval() {
        return get(GatewayOptions.RETENTION_CHECK_INTERVAL);
    }

    /** Shortest time between two compactions of what retention dropped. */
    public Duration retentionCompactionInterval() {
        return get(GatewayOptions.RETENTION_COMPACTION_INTERVAL);
    }

    @Override
    public String toString() {
        return "GatewaySettings{host=" + host() + ", port=" + port()
                + ", store=" + (inMemory() ? "in-memory" : dataDir().toAbsolutePath())
                + ", longPollTimeout=" + longPollTimeout() + ", sseCloseInterval=" + sseCloseInterval()
                + ", readChunkBytes=" + readChunkBytes() + ", readResponseBytes=" + readResponseBytes()
                + ", maxAppendBytes=" + maxAppendBytes() + "}";
    }

    /** Mutable builder; {@link #build()} checks every value. */
    public static final class Builder {
        private final Map<GatewayOption<?>, Object> values = new HashMap<>();

        private ClusterSettings cluster = ClusterSettings.DISABLED;

        private Builder() {
            for (GatewayOption<?> option : OPTIONS) {
                values.put(option, option.defaultValue());
            }
        }

        /**
         * @param option a server option of {@link GatewayOptions}
         * @param value its value
         * @param <T> its type
         * @return this builder
         */
        public <T> Builder set(GatewayOption<T> option, T value) {
            if (!values.containsKey(option)) {
                throw new IllegalArgumentException(option.name() + " is not a setting of the server");
            }
            values.put(option, value);
            return this;
        }

        /** Makes this node one of a cluster (or, with {@link ClusterSettings#DISABLED}, a single node). */
        public Builder cluster(ClusterSettings value) {
            this.cluster = value;
            return this;
        }

        public Builder host(String value) {
            return set(GatewayOptions.HOST, value);
        }

        public Builder port(int value) {
            return set(GatewayOptions.PORT, value);
        }

        public Builder dataDir(Path value) {
            return set(GatewayOptions.DATA_DIR, value);
        }

        public Builder inMemory(boolean value) {
            return set(GatewayOptions.IN_MEMORY, value);
        }

        public Builder inMemoryMaxBytes(long value) {
            return set(GatewayOptions.IN_MEMORY_MAX_BYTES, value);
        }

        public Builder bodyIdleTimeout(Duration value) {
            return set(GatewayOptions.BODY_IDLE_TIMEOUT, value);
        }

        public Builder longPollTimeout(Duration value) {
            return set(GatewayOptions.LONG_POLL_TIMEOUT, value);
        }

        public Builder sseCloseInterval(Duration value) {
            return set(GatewayOptions.SSE_CLOSE_INTERVAL, value);
        }

        public Builder sseKeepAliveInterval(Duration value) {
            return set(GatewayOptions.SSE_KEEP_ALIVE_INTERVAL, value);
        }

        public Builder shutdownGrace(Duration value) {
            return set(GatewayOptions.SHUTDOWN_GRACE, value);
        }

        public Builder readChunkBytes(int value) {
            return set(GatewayOptions.READ_CHUNK_BYTES, value);
        }

        public Builder readResponseBytes(long value) {
            return set(GatewayOptions.READ_RESPONSE_BYTES, value);
        }

        public Builder entryCacheBytes(long value) {
            return set(GatewayOptions.ENTRY_CACHE_BYTES, value);
        }

        public Builder maxAppendBytes(long value) {
            return set(GatewayOptions.MAX_APPEND_BYTES, value);
        }

        public Builder maxPathLength(int value) {
            return set(GatewayOptions.MAX_PATH_LENGTH, value);
        }

        public Builder maxHeaderBytes(int value) {
            return set(GatewayOptions.MAX_HEADER_BYTES, value);
        }

        public Builder maxForkDepth(int value) {
            return set(GatewayOptions.MAX_FORK_DEPTH, value);
        }

        public Builder cursorIntervalSeconds(int value) {
            return set(GatewayOptions.CURSOR_INTERVAL_SECONDS, value);
        }

        public Builder historicalCacheControl(String value) {
            return set(GatewayOptions.HISTORICAL_CACHE_CONTROL, value);
        }

        public Builder subscriptionsAllowLoopbackWebhooks(boolean value) {
            return set(GatewayOptions.SUBSCRIPTIONS_ALLOW_LOOPBACK_WEBHOOKS, value);
        }

        public Builder ioThreads(int value) {
            return set(GatewayOptions.IO_THREADS, value);
        }

        public Builder workerThreads(int value) {
            return set(GatewayOptions.WORKER_THREADS, value);
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the setting whose value breaks its rule in
         *     {@link GatewayOptions}
         */
        public GatewaySettings build() {
            for (GatewayOption<?> option : OPTIONS) {
                check(option);
            }
            return new GatewaySettings(this);
        }

        private <T> void check(GatewayOption<T> option) {
            @SuppressWarnings("unchecked")
            T value = (T) values.get(option);
            if (value == null && option.defaultValue() != null) {
                throw new NullPointerException(option.name());
            }
            option.check(value);
        }
    }
}
