package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.streams.StreamBody;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Sends a {@link StreamBody} longer than one buffer: a worker fills the buffer from the store and
 * writes it without blocking; when the socket is full, the connection's IO thread waits for it to
 * drain and hands the rest back to a worker, so neither the store nor the client ever blocks an IO
 * thread. The exchange ends on its IO thread (see {@link Responses}).
 */
final class StreamBodySender {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBodySender.class);

    private final HttpServerExchange exchange;
    private final StreamBody body;
    private final ByteBuffer buffer;
    private final BodyBuffers buffers;
    private final Set<StreamBodySender> senders;
    private final Executor worker;
    private StreamSinkChannel channel;
    private boolean done;

    /** @param filled the start of the body, ready to write */
    StreamBodySender(HttpServerExchange exchange, StreamBody body, ByteBuffer filled, BodyBuffers buffers,
                     Set<StreamBodySender> senders) {
        this.exchange = exchange;
        this.body = body;
        this.buffer = filled;
        this.buffers = buffers;
        this.senders = senders;
        this.worker = exchange.getConnection().getWorker();
    }

    /** Sends the status and headers, then the body; call on a worker thread. */
    void start() {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.next() - body.from());
        senders.add(this);
        exchange.addExchangeCompleteListener((ex, next) -> {
            // Also when the client left while the socket was full: the buffer goes back to the pool.
            try {
                worker.execute(this::stop);
            } catch (RejectedExecutionException e) {
                stop();
            }
            next.proceed();
        });
        channel = exchange.getResponseChannel();
        pump();
    }

    /** Ends the response early (shutdown): closes the connection; no fill runs after this returns. */
    void end() {
        stop();
        IoUtils.safeClose(exchange.getConnection());
    }

    private synchronized void stop() {
        if (!done) {
            done = true;
            release();
        }
    }

    private synchronized void pump() {
        if (done) {
            return;
        }
        try {
            while (true) {
                while (buffer.hasRemaining()) {
                    if (channel.write(buffer) == 0) {
                        awaitWritable();
                        return;
                    }
                }
                if (body.remaining() == 0) {
                    finish();
                    return;
                }
                buffer.clear();
                body.fill(buffer);
                buffer.flip();
            }
        } catch (IOException | ProtocolException e) {
            // The client left, or the stream was dropped mid-body: the client's retry gets the 404.
            abort();
        } catch (RuntimeException e) {
            try (RequestIdHandler.LogScope scope = RequestIdHandler.logScope(exchange)) {
                LOG.error("read failed after its headers were sent: {}", RouteNames.of(exchange), e);
            }
            abort();
        }
    }

    private void awaitWritable() {
        channel.getWriteSetter().set(ch -> {
            ch.suspendWrites();
            try {
                worker.execute(this::pump);
            } catch (RejectedExecutionException e) {
                abort();
            }
        });
        channel.resumeWrites();
    }

    private void finish() {
        done = true;
        release();
        exchange.getIoThread().execute(exchange::endExchange);
    }

    private synchronized void abort() {
        done = true;
        release();
        IoUtils.safeClose(exchange.getConnection());
    }

    private void release() {
        if (senders.remove(this)) {
            buffers.give(buffer);
        }
    }
}
