package io.dsk.gateway.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id, where requests enter the gateway: a well-formed {@code X-Request-Id}
 * sent by the client (a proxy's or load balancer's id) is kept, anything else is replaced by a fresh
 * random one. The id is returned in the {@code X-Request-Id} response header and is put in the
 * logging MDC under {@value #MDC_KEY} for every line logged while the request is handled, so a JSON
 * log line carries it as {@code mdc.request_id} and a text line as {@code request_id=}.
 *
 * <p>Threads: the MDC is thread-local, and a request moves between the connection's IO thread,
 * worker threads and callbacks. This handler sets it around the synchronous part of the request on
 * the IO thread; code that logs about a request later, on another thread or in a callback, opens
 * {@link #logScope(HttpServerExchange)} around the logging. Every scope restores what the thread held
 * before, so no id outlives its request on a pooled thread.
 */
public final class RequestIdHandler implements HttpHandler {

    /** The request and response header. */
    public static final HttpString HEADER = new HttpString("X-Request-Id");
    /** The MDC key, and so the field of JSON log lines ({@code mdc.request_id}). */
    public static final String MDC_KEY = "request_id";
    /** Longest incoming id kept; longer ones are replaced. */
    public static final int MAX_LENGTH = 64;

    /** Letters, digits and {@code - _ . : = + /}: UUIDs, hex, base64 and W3C trace ids; no blanks. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:=+/-]{1," + MAX_LENGTH + "}");
    private static final HexFormat HEX = HexFormat.of();
    private static final AttachmentKey<String> ID = AttachmentKey.create(String.class);
    private static final LogScope NO_SCOPE = new LogScope(null, false);

    private final HttpHandler next;

    public RequestIdHandler(HttpHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String id = exchange.getRequestHeaders().count(HEADER) == 1
                ? wellFormed(exchange.getRequestHeaders().getFirst(HEADER)).orElseGet(RequestIdHandler::generate)
                : generate();
        exchange.putAttachment(ID, id);
        exchange.getResponseHeaders().put(HEADER, id);
        try (LogScope scope = logScope(exchange)) {
            next.handleRequest(exchange);
        }
    }

    /**
     * @param exchange a request
     * @return its id, or empty when it did not pass through this handler
     */
    public static Optional<String> of(HttpServerExchange exchange) {
        return Optional.ofNullable(exchange.getAttachment(ID));
    }

    /**
     * Puts the request's id in this thread's MDC until the scope is closed, which restores what the
     * thread held before. For logging about a request outside this handler's own call: on a worker,
     * in a body callback, after an asynchronous check. A request without an id changes nothing.
     *
     * @param exchange the request being logged about
     * @return the scope to close once the line is logged
     */
    public static LogScope logScope(HttpServerExchange exchange) {
        String id = exchange.getAttachment(ID);
        if (id == null) {
            return NO_SCOPE;
        }
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        return new LogScope(previous, true);
    }

    /**
     * @param incoming an incoming header value
     * @return it, when it is a safe id to log and return
     */
    static Optional<String> wellFormed(String incoming) {
        return incoming != null && WELL_FORMED.matcher(incoming).matches() ? Optional.of(incoming) : Optional.empty();
    }

    /** A fresh id: 128 random bits in hex. Not a secret, only unique enough to find a request's lines. */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }

    /** The request id in this thread's MDC; {@link #close()} restores what was there before. */
    public static final class LogScope implements AutoCloseable {
        private final String previous;
        private final boolean active;

        private LogScope(String previous, boolean active) {
            this.previous = previous;
            this.active = active;
        }

        @Override
        public void close() {
            if (!active) {
                return;
            }
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
