package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StoreException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * Sends finished responses: bodies, empty statuses and plain-text refusals.
 *
 * <p>A response is always finished on the connection's IO thread. When a worker thread ends an
 * exchange, Undertow re-arms the connection for the next request from that worker, and a client
 * that sends its next request as soon as it has the answer finds the IO thread spinning until the
 * worker is done; on a busy machine the worker can be descheduled in that window and the IO thread,
 * which serves many connections, spins for a whole time slice.
 */
final class Responses {

    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
    /** Most disk-full lines logged a second. */
    static final int DISK_FULL_LINES_PER_SECOND = 1;
    private static final RateLimitedLines DISK_FULL_LINES =
            new RateLimitedLines(DISK_FULL_LINES_PER_SECOND, System::nanoTime);

    private Responses() {
    }

    /** Sends {@code status} with no body. */
    static void empty(HttpServerExchange exchange, int status) {
        onIoThread(exchange, () -> {
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
            exchange.endExchange();
        });
    }

    /** Ends the exchange with the status and headers already set and no body. */
    static void end(HttpServerExchange exchange) {
        onIoThread(exchange, exchange::endExchange);
    }

    /** Sends {@code status} with {@code body}. */
    static void body(HttpServerExchange exchange, int status, byte[] body) {
        onIoThread(exchange, () -> {
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        });
    }

    /** Sends {@code status} with a body made of {@code parts} back to back, in one gathered write. */
    static void body(HttpServerExchange exchange, int status, ByteBuffer... parts) {
        long length = 0;
        for (ByteBuffer part : parts) {
            length += part.remaining();
        }
        long contentLength = length;
        onIoThread(exchange, () -> {
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, contentLength);
            exchange.getResponseSender().send(parts);
        });
    }

    /**
     * Runs {@code finish} on the exchange's IO thread: at once when already there, else queued to
     * it. Callers on a worker must not touch the exchange afterwards.
     */
    static void onIoThread(HttpServerExchange exchange, Runnable finish) {
        if (exchange.isInIoThread()) {
            finish.run();
        } else {
            exchange.getIoThread().execute(finish);
        }
    }

    /** Sends a protocol refusal: its status, headers and plain-text reason. */
    static void refuse(HttpServerExchange exchange, ProtocolException e) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        for (Map.Entry<HttpString, String> h : e.headers().entrySet()) {
            exchange.getResponseHeaders().put(h.getKey(), h.getValue());
        }
        text(exchange, e.status(), e.getMessage());
    }

    /** Sends {@code status} with a short plain-text reason. */
    static void text(HttpServerExchange exchange, int status, String reason) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
            end(exchange);
            return;
        }
        body(exchange, status, body);
    }

    /**
     * A write the store refused for want of space, 507 Insufficient Storage: because its disk is full
     * (one line at ERROR, without a stack trace), or because it holds as much as it may (the
     * in-memory store's bound; the store's reason, at WARN). At most
     * {@link #DISK_FULL_LINES_PER_SECOND} such lines a second, since every write fails alike until
     * space is freed.
     */
    private static void insufficientStorage(HttpServerExchange exchange, StoreException e) {
        String request = exchange.getRequestMethod() + " " + RouteNames.of(exchange);
        String line = DISK_FULL_LINES.admit(e.limitReached() ? "request refused: " + request + ": " + e.getMessage()
                : "request refused, the data directory's disk is full: " + request + ": " + rootMessage(e));
        if (line != null) {
            try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(exchange)) {
                if (e.limitReached()) {
                    LOG.warn(line);
                } else {
                    LOG.error(line);
                }
            }
        }
        if (exchange.isResponseStarted()) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.getResponseHeaders().clear();
        text(exchange, 507, e.limitReached() ? "insufficient storage: " + e.getMessage() + "; nothing was written"
                : "insufficient storage: the gateway's disk is full; nothing was written, retry once space is freed");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).replaceAll("\\p{Cntrl}", " ");
    }

    /** Answers any failure of a request: refusals as 4xx, anything else as 500 (logged). */
    static void fail(HttpServerExchange exchange, Throwable t) {
        if (t instanceof ProtocolException e) {
            refuse(exchange, e);
            return;
        }
        if (t instanceof IOException) {
            ClientErrorLog.shared().connectionFailed(exchange, t);
            exchange.endExchange();
            return;
        }
        if (t instanceof StoreException e && (e.limitReached() || e.diskFull())) {
            insufficientStorage(exchange, e);
            return;
        }
        try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(exchange)) {
            LOG.error("request failed: {} {}", exchange.getRequestMethod(), RouteNames.of(exchange), t);
        }
        if (exchange.isResponseStarted()) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.getResponseHeaders().clear();
        text(exchange, 500, "internal error; nothing was written, retry the request");
    }
}
