package io.dsk.gateway.ops;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The liveness, readiness and metrics endpoints. Liveness and readiness answer on the IO thread
 * without blocking; a scrape reads every gauge's source (RocksDB properties, the file system), so it
 * runs on a worker thread.
 */
public final class HealthHandlers {

    /** Content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private HealthHandlers() {
    }

    /** {@code GET /healthz}: 200 {@code ok} for as long as the process serves requests. */
    public static HttpHandler liveness() {
        return exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PLAIN_TEXT);
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            exchange.getResponseSender().send("ok\n");
        };
    }

    /**
     * {@code GET /readyz}: 200 {@code ready} while {@code ready} holds, else 503 {@code not ready}.
     *
     * @param ready whether the gateway can serve reads and writes now
     * @return the handler
     */
    public static HttpHandler readiness(BooleanSupplier ready) {
        return readiness(ready, null);
    }

    /**
     * {@code GET /readyz}: as {@link #readiness(BooleanSupplier)}, with a second line
     * {@code data-dir-free-bytes: N}. Free space does not change readiness: a gateway whose disk is
     * full still serves reads (writes are refused with 507), so a load balancer should keep sending
     * it traffic; alert on the free space instead.
     *
     * @param ready whether the gateway can serve reads and writes now
     * @param dataDirFreeBytes the free space of the data directory, or null for an in-memory gateway
     * @return the handler
     */
    public static HttpHandler readiness(BooleanSupplier ready, LongSupplier dataDirFreeBytes) {
        return exchange -> {
            boolean isReady = ready.getAsBoolean();
            exchange.setStatusCode(isReady ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PLAIN_TEXT);
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            String status = isReady ? "ready\n" : "not ready\n";
            exchange.getResponseSender().send(dataDirFreeBytes == null ? status
                    : status + "data-dir-free-bytes: " + dataDirFreeBytes.getAsLong() + "\n");
        };
    }

    /**
     * {@code GET /metrics}: the current metrics in the Prometheus text format, from a worker thread.
     *
     * @param metrics the gateway's metrics
     * @return the handler
     */
    public static HttpHandler metrics(GatewayMetrics metrics) {
        return new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
                if (exchange.isInIoThread()) {
                    exchange.dispatch(this);
                    return;
                }
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE);
                exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
                exchange.getResponseSender().send(metrics.scrape());
            }
        };
    }
}
