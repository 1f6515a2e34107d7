package io.dsk.gateway.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.SameThreadExecutor;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads request bodies without blocking an IO thread and without buffering more than the limit: a
 * declared {@code Content-Length} over the limit is refused before reading, a chunked body is
 * counted as it arrives and refused with 413 once it passes the limit.
 */
final class RequestBodies {

    /** Continues a request once its whole body has arrived. */
    @FunctionalInterface
    interface BodyHandler {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    private final long maxBytes;

    RequestBodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Reads the body, then runs {@code handler} on a worker thread: for handlers that block. */
    void receive(HttpServerExchange exchange, BodyHandler handler) {
        receive(exchange, handler, false);
    }

    /**
     * Reads the body, then runs {@code handler} on the connection's IO thread, with the exchange
     * kept open after it returns: for handlers that never block and end the exchange later.
     */
    void receiveOnIoThread(HttpServerExchange exchange, BodyHandler handler) {
        receive(exchange, handler, true);
    }

    private void receive(HttpServerExchange exchange, BodyHandler handler, boolean onIoThread) {
        long declared = exchange.getRequestContentLength();
        if (declared > maxBytes) {
            tooLarge(exchange);
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        AtomicBoolean refused = new AtomicBoolean();
        exchange.getRequestReceiver().receivePartialBytes(
                (ex, chunk, last) -> {
                    if (refused.get()) {
                        return;
                    }
                    if (body.size() + (long) chunk.length > maxBytes) {
                        refused.set(true);
                        ex.getRequestReceiver().pause();
                        tooLarge(ex);
                        return;
                    }
                    body.write(chunk, 0, chunk.length);
                    if (last) {
                        byte[] bytes = body.toByteArray();
                        Runnable next = () -> Work.guarded(ex, () -> handler.handle(ex, bytes));
                        if (onIoThread) {
                            ex.dispatch(SameThreadExecutor.INSTANCE, next);
                        } else {
                            ex.dispatch(next);
                        }
                    }
                },
                (ex, error) -> {
                    if (error instanceof RequestTooBigException) {
                        tooLarge(ex);
                    } else {
                        ex.setPersistent(false);
                        ex.endExchange();
                    }
                });
    }

    private void tooLarge(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        Responses.text(exchange, 413, "request body is larger than the limit of " + maxBytes + " bytes");
    }
}
