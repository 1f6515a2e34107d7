package io.dsk.gateway.http;

import io.undertow.server.HttpServerExchange;

/** A path-free name of a request for logs: never the stream path, which can identify users. */
final class RouteNames {

    private RouteNames() {
    }

    static String of(HttpServerExchange exchange) {
        String live = exchange.getQueryParameters().containsKey("live") ? " live" : "";
        return "stream" + live;
    }
}
