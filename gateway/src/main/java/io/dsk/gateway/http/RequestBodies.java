package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolException;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.io.Receiver;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.SameThreadExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;

/**
 * Reads request bodies without blocking an IO thread and without buffering more than the limit.
 *
 * <p>The limit counts the bytes of the body however it is framed: a body of exactly the limit
 * passes, sent with a {@code Content-Length} or chunked in chunks of any size. (Undertow's own entity
 * limit is not set on the listener: it counts chunk framing as body, so it cut chunked bodies short
 * of the limit, and it resets the connection instead of answering.) A declared length over the
 * limit is refused before reading; a chunked body is refused as soon as it passes the limit. Framing
 * that cannot be read ({@link BodyFraming}) is refused before reading. Every refusal is answered
 * and the connection closed; Undertow closes it gracefully, reading and discarding what the client
 * still sends for a moment, so that the client reads the answer rather than a reset. A body that
 * stops arriving (no byte for the idle timeout) is answered 408 and the connection closed, so a
 * client that never finishes its body cannot hold a connection and its buffer for good.
 */
public final class RequestBodies {

    /** Continues a request once its whole body has arrived. */
    @FunctionalInterface
    public interface BodyHandler {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    /**
     * Writes the answer to a refused body (status and reason) on the IO thread; the connection is
     * already marked to close. The stream API answers in plain text, the subscription API in JSON.
     */
    @FunctionalInterface
    public interface Refusal {
        void send(HttpServerExchange exchange, int status, String reason);
    }

    private final long maxBytes;
    private final long idleTimeoutMillis;
    private final ClientErrorLog clientErrors;
    private final Refusal refusal;

    RequestBodies(long maxBytes, Duration idleTimeout, ClientErrorLog clientErrors, Refusal refusal) {
        this.maxBytes = maxBytes;
        this.idleTimeoutMillis = idleTimeout.toMillis();
        this.clientErrors = clientErrors;
        this.refusal = refusal;
    }

    /** Reads the body, then runs {@code handler} on a worker thread: for handlers that block. */
    public void receive(HttpServerExchange exchange, BodyHandler handler) {
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
        long declared;
        try {
            declared = BodyFraming.declaredLength(exchange.getRequestHeaders());
        } catch (ProtocolException e) {
            refuseAndClose(exchange, e.status(), e.getMessage());
            return;
        }
        if (declared > maxBytes) {
            tooLarge(exchange);
            return;
        }
        // Undertow refuses bodies over its own limit (10 MiB unless set); this one is the gateway's.
        exchange.setMaxEntitySize(maxBytes);
        BodyReading reading = new BodyReading(handler, onIoThread, declared);
        reading.inReceiveCall = true;
        try {
            exchange.getRequestReceiver().receivePartialBytes(reading, (ex, error) -> {
                reading.stopWatching();
                failed(ex, error);
            });
        } catch (RuntimeException e) {
            failed(exchange, e);
            return;
        } finally {
            reading.inReceiveCall = false;
        }
        if (!reading.done && !reading.refused) {
            watchIdle(exchange, reading, 0);
        }
    }

    /**
     * One body as its pieces arrive, on the connection's IO thread. A body that arrives in one
     * piece (a small append, usually) is handed on as that piece, without a copy; one that is
     * complete before reading returns needs no idle check.
     */
    private final class BodyReading implements Receiver.PartialBytesCallback {
        private final BodyHandler handler;
        private final boolean onIoThread;
        private final int expected;
        /** The first non-empty piece; the body itself while it is the only one. */
        private byte[] first;
        private ByteArrayOutputStream pieces;
        private long size;
        private long arrived;
        private boolean refused;
        private boolean done;
        /** True while Undertow's receiver runs in {@link #receive}: pieces handed over then were already read. */
        private boolean inReceiveCall;
        /**
         * The pending idle check ({@link #watchIdle}), removed as soon as the body is read or refused:
         * left to fire, it would keep the exchange and the body reachable for the idle timeout.
         */
        private XnioExecutor.Key idleCheck;

        BodyReading(BodyHandler handler, boolean onIoThread, long declared) {
            this.handler = handler;
            this.onIoThread = onIoThread;
            this.expected = declared > 0 ? (int) declared : 256;
        }

        @Override
        public void handle(HttpServerExchange ex, byte[] chunk, boolean last) {
            arrived++;
            if (refused) {
                return;
            }
            if (size + chunk.length > maxBytes) {
                refused = true;
                stopWatching();
                ex.getRequestReceiver().pause();
                tooLarge(ex);
                return;
            }
            size += chunk.length;
            if (chunk.length > 0) {
                if (first == null) {
                    first = chunk;
                } else {
                    if (pieces == null) {
                        pieces = new ByteArrayOutputStream((int) Math.max(expected, size));
                        pieces.write(first, 0, first.length);
                    }
                    pieces.write(chunk, 0, chunk.length);
                }
            }
            if (!last) {
                return;
            }
            byte[] bytes = pieces != null ? pieces.toByteArray() : first != null ? first : chunk;
            done = true;
            stopWatching();
            // A body read whole in the receiver's first call left no read listener of the receiver's
            // behind, so the connection may stay registered for reads while the answer is computed.
            boolean keepReading = onIoThread && inReceiveCall;
            Runnable next = () -> Work.guarded(ex, () -> {
                if (keepReading) {
                    ReadInterest.keepWhileAnswering(ex);
                }
                handler.handle(ex, bytes);
            });
            if (onIoThread) {
                ex.dispatch(SameThreadExecutor.INSTANCE, next);
            } else {
                ex.dispatch(next);
            }
        }

        /** Removes the pending idle check, if any; on the connection's IO thread, as the check runs. */
        void stopWatching() {
            if (idleCheck != null) {
                idleCheck.remove();
                idleCheck = null;
            }
        }
    }

    /**
     * Checks on the connection's IO thread, once per idle timeout, that the body is still arriving;
     * answers 408 when nothing arrived since the last check. Runs on the thread that delivers the
     * body's pieces, so it never races them.
     */
    private void watchIdle(HttpServerExchange exchange, BodyReading reading, long seen) {
        reading.idleCheck = exchange.getIoThread().executeAfter(() -> {
            reading.idleCheck = null;
            if (reading.done || reading.refused || exchange.isComplete()) {
                return;
            }
            long now = reading.arrived;
            if (now != seen) {
                watchIdle(exchange, reading, now);
                return;
            }
            reading.refused = true;
            exchange.getRequestReceiver().pause();
            refuseAndClose(exchange, 408, "no body bytes arrived for " + idleTimeoutMillis
                    + " ms; send the whole body without pausing");
        }, idleTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void failed(HttpServerExchange exchange, Throwable error) {
        if (error instanceof RequestTooBigException) {
            tooLarge(exchange);
            return;
        }
        if (error instanceof IOException) {
            clientErrors.connectionFailed(exchange, error);
            exchange.setPersistent(false);
            exchange.endExchange();
            return;
        }
        Responses.fail(exchange, error);
    }

    private void tooLarge(HttpServerExchange exchange) {
        refuseAndClose(exchange, 413, "request body is larger than the limit of " + maxBytes + " bytes");
    }

    /**
     * Answers {@code status} and closes the connection once the answer is sent, without reading the
     * rest of the request. Undertow closes such a connection gracefully (it stops writing, then reads
     * and discards what the client still sends for a moment), so the client reads the answer, not a
     * reset.
     */
    private void refuseAndClose(HttpServerExchange exchange, int status, String reason) {
        clientErrors.refused(exchange, status, reason);
        Responses.onIoThread(exchange, () -> {
            exchange.setPersistent(false);
            Connectors.terminateRequest(exchange);
            refusal.send(exchange, status, reason);
        });
    }
}
