package io.dsk.gateway.ops;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Counts every request by {@link RequestRoute} and final status once its exchange completes. */
public final class RequestMetricsHandler implements HttpHandler {

    private final GatewayMetrics metrics;
    private final HttpHandler next;

    /**
     * @param metrics where requests are counted
     * @param next the handler that serves the request
     */
    public RequestMetricsHandler(GatewayMetrics metrics, HttpHandler next) {
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String route = RequestRoute.of(exchange).label();
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            metrics.requestCompleted(route, done.getStatusCode());
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
