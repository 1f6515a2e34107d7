package io.dsk.gateway.http;

import io.undertow.server.HttpServerExchange;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mistakes of clients that the HTTP layer refuses (malformed framing, oversized bodies) and failures
 * of their connections (resets, aborted uploads): one line each, never a stack trace, in their own
 * category, and at most {@link #MAX_LINES_PER_SECOND} lines a second, so that a misbehaving client
 * cannot fill the logs. Lines beyond that are counted, and the next line written says how many were
 * left out. Refusals are logged at INFO, connection failures at DEBUG. Lines name the method and a
 * path-free route, never the stream path, a header value or the body; they carry the request's id
 * ({@link RequestIdHandler}), whichever thread logs them.
 *
 * <p>Each gateway's request bodies log through an instance of their own; failures seen where no
 * instance is at hand ({@link Responses#fail}) go through one shared by the process. Thread-safe:
 * IO and worker threads log through the same instance.
 */
final class ClientErrorLog {

    /** The logger category; set it to WARN to silence these lines, DEBUG to add connection failures. */
    static final String CATEGORY = "io.dsk.gateway.http.client-errors";
    /** Most lines written in one second. */
    static final int MAX_LINES_PER_SECOND = 10;

    private static final int MAX_REASON_CHARS = 200;
    private static final ClientErrorLog SHARED = create();

    private final Logger log;
    private final RateLimitedLines lines;

    ClientErrorLog(Logger log, LongSupplier nanoTime) {
        this.log = log;
        this.lines = new RateLimitedLines(MAX_LINES_PER_SECOND, nanoTime);
    }

    /** A log with its own rate limit, writing to {@link #CATEGORY}. */
    static ClientErrorLog create() {
        return new ClientErrorLog(LoggerFactory.getLogger(CATEGORY), System::nanoTime);
    }

    /** The log shared by the process. */
    static ClientErrorLog shared() {
        return SHARED;
    }

    /** Logs that the gateway refused a client's request with {@code status}. */
    void refused(HttpServerExchange exchange, int status, String reason) {
        try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(exchange)) {
            refused(describe(exchange), status, reason);
        }
    }

    /** Logs that a client's connection failed while its request was read or answered. */
    void connectionFailed(HttpServerExchange exchange, Throwable failure) {
        try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(exchange)) {
            connectionFailed(describe(exchange), failure);
        }
    }

    void refused(String request, int status, String reason) {
        if (log.isInfoEnabled()) {
            String line = lines.admit(request + ": " + status + " " + clean(reason));
            if (line != null) {
                log.info(line);
            }
        }
    }

    void connectionFailed(String request, Throwable failure) {
        if (log.isDebugEnabled()) {
            String line = lines.admit(request + ": client connection failed: " + clean(String.valueOf(failure)));
            if (line != null) {
                log.debug(line);
            }
        }
    }

    private static String describe(HttpServerExchange exchange) {
        return exchange.getRequestMethod() + " " + RouteNames.of(exchange);
    }

    /** One short line: control characters (a line break could forge a log line) become spaces. */
    private static String clean(String text) {
        String s = text.length() > MAX_REASON_CHARS ? text.substring(0, MAX_REASON_CHARS) + "..." : text;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }
}
