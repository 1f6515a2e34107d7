package io.dsk.gateway;

import io.dsk.gateway.config.GatewayOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

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

    private final String host;
    private final int port;
    private final Path dataDir;
    private final boolean inMemory;
    private final Duration longPollTimeout;
    private final Duration sseCloseInterval;
    private final Duration sseKeepAliveInterval;
    private final Duration shutdownGrace;
    private final int readChunkBytes;
    private final long readResponseBytes;
    private final long maxAppendBytes;
    private final int maxPathLength;
    private final int maxHeaderBytes;
    private final int maxForkDepth;
    private final int cursorIntervalSeconds;
    private final String historicalCacheControl;
    private final int ioThreads;
    private final int workerThreads;

    private GatewaySettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.dataDir = b.dataDir;
        this.inMemory = b.inMemory;
        this.longPollTimeout = b.longPollTimeout;
        this.sseCloseInterval = b.sseCloseInterval;
        this.sseKeepAliveInterval = b.sseKeepAliveInterval;
        this.shutdownGrace = b.shutdownGrace;
        this.readChunkBytes = b.readChunkBytes;
        this.readResponseBytes = b.readResponseBytes;
        this.maxAppendBytes = b.maxAppendBytes;
        this.maxPathLength = b.maxPathLength;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.maxForkDepth = b.maxForkDepth;
        this.cursorIntervalSeconds = b.cursorIntervalSeconds;
        this.historicalCacheControl = b.historicalCacheControl;
        this.ioThreads = b.ioThreads;
        this.workerThreads = b.workerThreads;
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
        return new Builder()
                .host(host).port(port).dataDir(dataDir).inMemory(inMemory)
                .longPollTimeout(longPollTimeout).sseCloseInterval(sseCloseInterval)
                .sseKeepAliveInterval(sseKeepAliveInterval).shutdownGrace(shutdownGrace)
                .readChunkBytes(readChunkBytes).readResponseBytes(readResponseBytes).maxAppendBytes(maxAppendBytes)
                .maxPathLength(maxPathLength).maxHeaderBytes(maxHeaderBytes).maxForkDepth(maxForkDepth)
                .cursorIntervalSeconds(cursorIntervalSeconds)
                .historicalCacheControl(historicalCacheControl)
                .ioThreads(ioThreads).workerThreads(workerThreads);
    }

    /** Interface to bind to. */
    public String host() {
        return host;
    }

    /** TCP port; 0 picks a free ephemeral port (the ready log line names the one chosen). */
    public int port() {
        return port;
    }

    /** RocksDB directory; ignored when {@link #inMemory()}. */
    public Path dataDir() {
        return dataDir;
    }

    /** Keep everything in memory (development and tests); nothing survives a restart. */
    public boolean inMemory() {
        return inMemory;
    }

    /** How long a long-poll read waits for data before answering 204. */
    public Duration longPollTimeout() {
        return longPollTimeout;
    }

    /** How long an SSE connection stays open before the server closes it (PROTOCOL.md 10.2). */
    public Duration sseCloseInterval() {
        return sseCloseInterval;
    }

    /** Interval of SSE keep-alive comments on an idle connection. */
    public Duration sseKeepAliveInterval() {
        return sseKeepAliveInterval;
    }

    /** How long shutdown waits for in-flight requests before closing the store. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /**
     * Upper bound on the body of a read that is held in memory: a catch-up read of a JSON stream, a
     * long-poll answer, one SSE event.
     */
    public int readChunkBytes() {
        return readChunkBytes;
    }

    /**
     * Upper bound on the body of one catch-up read of a byte stream; it is copied from the store
     * piece by piece as the client receives it, so its size costs no memory.
     */
    public long readResponseBytes() {
        return readResponseBytes;
    }

    /** Largest accepted append or create body; larger is 413. */
    public long maxAppendBytes() {
        return maxAppendBytes;
    }

    /** Longest accepted stream path in bytes; longer is 414. */
    public int maxPathLength() {
        return maxPathLength;
    }

    /** Largest accepted request header block; larger is 431. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** The deepest fork chain a create may make; a deeper fork is refused. */
    public int maxForkDepth() {
        return maxForkDepth;
    }

    /** Length of a cursor interval in seconds (PROTOCOL.md 10.1). */
    public int cursorIntervalSeconds() {
        return cursorIntervalSeconds;
    }

    /** {@code Cache-Control} of historical (non-tail) reads. */
    public String historicalCacheControl() {
        return historicalCacheControl;
    }

    /** Undertow IO threads (non-blocking). */
    public int ioThreads() {
        return ioThreads;
    }

    /** Undertow worker threads, for handlers that block. */
    public int workerThreads() {
        return workerThreads;
    }

    @Override
    public String toString() {
        return "GatewaySettings{host=" + host + ", port=" + port
                + ", store=" + (inMemory ? "in-memory" : dataDir.toAbsolutePath())
                + ", longPollTimeout=" + longPollTimeout + ", sseCloseInterval=" + sseCloseInterval
                + ", readChunkBytes=" + readChunkBytes + ", readResponseBytes=" + readResponseBytes
                + ", maxAppendBytes=" + maxAppendBytes + "}";
    }

    /** Mutable builder; {@link #build()} checks every value. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir = DEFAULT_DATA_DIR;
        private boolean inMemory;
        private Duration longPollTimeout = DEFAULT_LONG_POLL_TIMEOUT;
        private Duration sseCloseInterval = DEFAULT_SSE_CLOSE_INTERVAL;
        private Duration sseKeepAliveInterval = DEFAULT_SSE_KEEP_ALIVE_INTERVAL;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private int readChunkBytes = DEFAULT_READ_CHUNK_BYTES;
        private long readResponseBytes = DEFAULT_READ_RESPONSE_BYTES;
        private long maxAppendBytes = DEFAULT_MAX_APPEND_BYTES;
        private int maxPathLength = DEFAULT_MAX_PATH_LENGTH;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxForkDepth = DEFAULT_MAX_FORK_DEPTH;
        private int cursorIntervalSeconds = DEFAULT_CURSOR_INTERVAL_SECONDS;
        private String historicalCacheControl = DEFAULT_HISTORICAL_CACHE_CONTROL;
        private int ioThreads = DEFAULT_IO_THREADS;
        private int workerThreads = DEFAULT_WORKER_THREADS;

        private Builder() {
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder dataDir(Path value) {
            this.dataDir = value;
            return this;
        }

        public Builder inMemory(boolean value) {
            this.inMemory = value;
            return this;
        }

        public Builder longPollTimeout(Duration value) {
            this.longPollTimeout = value;
            return this;
        }

        public Builder sseCloseInterval(Duration value) {
            this.sseCloseInterval = value;
            return this;
        }

        public Builder sseKeepAliveInterval(Duration value) {
            this.sseKeepAliveInterval = value;
            return this;
        }

        public Builder shutdownGrace(Duration value) {
            this.shutdownGrace = value;
            return this;
        }

        public Builder readChunkBytes(int value) {
            this.readChunkBytes = value;
            return this;
        }

        public Builder readResponseBytes(long value) {
            this.readResponseBytes = value;
            return this;
        }

        public Builder maxAppendBytes(long value) {
            this.maxAppendBytes = value;
            return this;
        }

        public Builder maxPathLength(int value) {
            this.maxPathLength = value;
            return this;
        }

        public Builder maxHeaderBytes(int value) {
            this.maxHeaderBytes = value;
            return this;
        }

        public Builder maxForkDepth(int value) {
            this.maxForkDepth = value;
            return this;
        }

        public Builder cursorIntervalSeconds(int value) {
            this.cursorIntervalSeconds = value;
            return this;
        }

        public Builder historicalCacheControl(String value) {
            this.historicalCacheControl = value;
            return this;
        }

        public Builder ioThreads(int value) {
            this.ioThreads = value;
            return this;
        }

        public Builder workerThreads(int value) {
            this.workerThreads = value;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the setting whose value breaks its rule in
         *     {@link GatewayOptions}
         */
        public GatewaySettings build() {
            Objects.requireNonNull(host, GatewayOptions.HOST.name());
            Objects.requireNonNull(dataDir, GatewayOptions.DATA_DIR.name());
            Objects.requireNonNull(historicalCacheControl, GatewayOptions.HISTORICAL_CACHE_CONTROL.name());
            Objects.requireNonNull(longPollTimeout, GatewayOptions.LONG_POLL_TIMEOUT.name());
            Objects.requireNonNull(sseCloseInterval, GatewayOptions.SSE_CLOSE_INTERVAL.name());
            Objects.requireNonNull(sseKeepAliveInterval, GatewayOptions.SSE_KEEP_ALIVE_INTERVAL.name());
            Objects.requireNonNull(shutdownGrace, GatewayOptions.SHUTDOWN_GRACE.name());
            GatewayOptions.PORT.check(port);
            GatewayOptions.LONG_POLL_TIMEOUT.check(longPollTimeout);
            GatewayOptions.SSE_CLOSE_INTERVAL.check(sseCloseInterval);
            GatewayOptions.SSE_KEEP_ALIVE_INTERVAL.check(sseKeepAliveInterval);
            GatewayOptions.SHUTDOWN_GRACE.check(shutdownGrace);
            GatewayOptions.READ_CHUNK_BYTES.check(readChunkBytes);
            GatewayOptions.READ_RESPONSE_BYTES.check(readResponseBytes);
            GatewayOptions.MAX_APPEND_BYTES.check(maxAppendBytes);
            GatewayOptions.MAX_PATH_LENGTH.check(maxPathLength);
            GatewayOptions.MAX_HEADER_BYTES.check(maxHeaderBytes);
            GatewayOptions.MAX_FORK_DEPTH.check(maxForkDepth);
            GatewayOptions.CURSOR_INTERVAL_SECONDS.check(cursorIntervalSeconds);
            GatewayOptions.IO_THREADS.check(ioThreads);
            GatewayOptions.WORKER_THREADS.check(workerThreads);
            return new GatewaySettings(this);
        }
    }
}
