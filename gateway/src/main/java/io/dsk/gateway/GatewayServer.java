package io.dsk.gateway;

import io.dsk.gateway.http.RequestIdHandler;
import io.dsk.gateway.http.StreamsApi;
import io.dsk.gateway.ops.DataDirSpace;
import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.ops.HeaderSizeLimit;
import io.dsk.gateway.ops.HealthHandlers;
import io.dsk.gateway.ops.InFlightWrites;
import io.dsk.gateway.ops.RequestMetricsHandler;
import io.dsk.gateway.tls.HttpsListener;
import io.dsk.gateway.web.ConsoleHandler;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: one Undertow HTTP listener serving the streams API under {@code /v1/stream/}
 * and the operations endpoints {@code /healthz}, {@code /readyz} and {@code /metrics}. Every request
 * first gets its id ({@link RequestIdHandler}).
 *
 * <p>{@link #close()} shuts down gracefully: new requests get 503, in-flight writes may finish
 * for up to {@link GatewaySettings#shutdownGrace()}, then the streams API ends live reads and
 * closes the store, and the listener stops.
 */
public final class GatewayServer implements AutoCloseable {

    /** The ready line's prefix; tools wait for {@code dsk-gateway listening on http://HOST:PORT}. */
    public static final String READY_LINE_PREFIX = "dsk-gateway listening on ";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** Time live reads get to end after the streams API closed them. */
    private static final Duration LIVE_READS_DRAIN = Duration.ofSeconds(2);
    /** Longest a client may take to send a request's line and headers. */
    private static final int REQUEST_PARSE_TIMEOUT_MILLIS = 60_000;
    /** Longest an idle keep-alive connection stays open between requests. */
    private static final int NO_REQUEST_TIMEOUT_MILLIS = 120_000;

    private final GatewaySettings settings;
    private final StreamsApi api;
    private final GatewayMetrics metrics;
    private final InFlightWrites writes;
    private final GracefulShutdownHandler graceful;
    private final Undertow undertow;
    private final InetSocketAddress address;
    private final String scheme;
    private final AtomicBoolean closing = new AtomicBoolean();

    private GatewayServer(GatewaySettings settings, StreamsApi api, GatewayMetrics metrics, InFlightWrites writes,
                          HttpHandler filteredStreams, SSLContext tls) {
        this.settings = settings;
        this.api = api;
        this.metrics = metrics;
        this.writes = writes;
        this.scheme = tls == null ? "http" : "https";
        metrics.writesInFlightFrom(writes::count);
        metrics.readyFrom(this::ready);
        DataDirSpace space = settings.inMemory() ? null : DataDirSpace.of(settings.dataDir());
        if (space != null) {
            metrics.dataDirFreeBytesFrom(space::freeBytes);
            metrics.dataDirTotalBytesFrom(space::totalBytes);
        }
        HttpHandler routes = Handlers.path()
                .addExactPath("/healthz", HealthHandlers.liveness())
                .addExactPath("/readyz", HealthHandlers.readiness(this::ready, space == null ? null : space::freeBytes))
                .addExactPath("/metrics", HealthHandlers.metrics(metrics))
                .addPrefixPath("/v1/stream", new RequestMetricsHandler(metrics, filteredStreams))
                .addPrefixPath("/", ConsoleHandler.fromClasspath());
        this.graceful = Handlers.gracefulShutdown(new HeaderSizeLimit(settings.maxHeaderBytes(), routes));
        Undertow.Builder builder = tls == null
                ? Undertow.builder().addHttpListener(settings.port(), settings.host())
                : HttpsListener.addTo(Undertow.builder(), settings.host(), settings.port(), tls);
        this.undertow = builder
                .setIoThreads(settings.ioThreads())
                .setWorkerThreads(settings.workerThreads())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE,
                        HeaderSizeLimit.parserLimit(settings.maxHeaderBytes()))
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, REQUEST_PARSE_TIMEOUT_MILLIS)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, NO_REQUEST_TIMEOUT_MILLIS)
                .setHandler(new RequestIdHandler(graceful))
                .build();
        undertow.start();
        this.address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    /**
     * Opens the store, starts listening and logs the ready line.
     *
     * @param settings the gateway settings
     * @return the running server
     * @throws IOException if the store cannot be opened
     * @throws IllegalStateException if the listener cannot bind
     */
    public static GatewayServer start(GatewaySettings settings) throws IOException {
        return start(settings, next -> next, null);
    }

    /** Wraps the streams API handler, e.g. with authentication and rate limits. */
    @FunctionalInterface
    public interface StreamFilters {
        /**
         * @param next the streams API handler
         * @return the handler to serve {@code /v1/stream} with
         * @throws IOException if the filters cannot load what they need (keys, key sets)
         */
        HttpHandler wrap(HttpHandler next) throws IOException;
    }

    /**
     * Like {@link #start(GatewaySettings)}, with filters (authentication, rate limits) around the
     * streams API and optionally HTTPS. Requests the filters refuse are still counted in the request
     * metrics; refused writes never count as in flight.
     *
     * @param settings the gateway settings
     * @param streamFilters wraps the streams API handler
     * @param tls the TLS context of an HTTPS listener (HTTP/2 by ALPN), or null for plain HTTP
     * @return the running server
     * @throws IOException if the store cannot be opened or the filters cannot load their keys
     * @throws IllegalStateException if the listener cannot bind
     */
    public static GatewayServer start(GatewaySettings settings, StreamFilters streamFilters, SSLContext tls)
            throws IOException {
        GatewayMetrics metrics = new GatewayMetrics();
        StreamsApi api = StreamsApi.open(settings, metrics);
        InFlightWrites writes = new InFlightWrites(api.handler());
        HttpHandler filtered;
        try {
            filtered = streamFilters.wrap(writes);
        } catch (IOException | RuntimeException e) {
            api.close();
            throw e;
        }
        GatewayServer server;
        try {
            server = new GatewayServer(settings, api, metrics, writes, filtered, tls);
        } catch (RuntimeException e) {
            api.close();
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port()
                    + ": " + rootMessage(e), e);
        }
        LOG.info("store: {}", settings.inMemory() ? "in memory" : settings.dataDir().toAbsolutePath());
        LOG.info("{}{}", READY_LINE_PREFIX, server.url());
        return server;
    }

    /** The address actually bound (the real port when the settings asked for port 0). */
    public InetSocketAddress address() {
        return address;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:4437} ({@code https} with TLS). */
    public String url() {
        String host = address.getAddress().isAnyLocalAddress() ? settings.host()
                : address.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + ":" + address.getPort();
    }

    /** The metrics this server records. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** True while the streams API is ready and shutdown has not begun. */
    public boolean ready() {
        return !closing.get() && api.ready();
    }

    /** Shuts down gracefully; see the class comment. Safe to call more than once. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        graceful.shutdown();
        // Logged once new requests are refused, so whoever reads it can rely on the 503s.
        LOG.info("dsk-gateway shutting down: {} write(s) in flight", writes.count());
        try {
            if (!writes.awaitIdle(settings.shutdownGrace())) {
                LOG.warn("shutdown grace of {} passed with {} write(s) still in flight; they will fail unacknowledged",
                        settings.shutdownGrace(), writes.count());
            }
            api.close();
            graceful.awaitShutdown(LIVE_READS_DRAIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            api.close();
        } finally {
            undertow.stop();
            metrics.close();
        }
        LOG.info("dsk-gateway stopped");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
