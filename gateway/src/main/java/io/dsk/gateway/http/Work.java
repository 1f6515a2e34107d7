package io.dsk.gateway.http;

import io.undertow.server.HttpServerExchange;

/** Runs request work so that any failure becomes a response, never an unhandled exception. */
final class Work {

    /** A step of a request that may fail. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private Work() {
    }

    /** Runs {@code step} with the request's id in the logging MDC (see {@link RequestIdHandler}). */
    static void guarded(HttpServerExchange exchange, Step step) {
        try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(exchange)) {
            step.run();
        } catch (Throwable t) {
            Responses.fail(exchange, t);
        }
    }

    /** Runs {@code step} on a worker thread (dispatching if on an IO thread). */
    static void onWorker(HttpServerExchange exchange, Step step) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(() -> guarded(exchange, step));
        } else {
            guarded(exchange, step);
        }
    }
}
