package io.dsk.gateway.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import org.xnio.ChannelListener;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Keeps an HTTP/1.1 connection registered for reads while its request waits for an answer from
 * another thread (an append waiting for its commit; {@link RequestBodies} calls it for bodies read
 * whole on the IO thread).
 *
 * <p>Undertow stops reading a connection once it has parsed a request and starts again once the
 * answer is sent; with the answer coming from another thread, the IO thread's selector sees both
 * changes, and each costs a system call ({@code epoll_ctl}), two per append. A client waiting for
 * its answer sends nothing, so the connection may as well stay registered: if it does become
 * readable meanwhile (a pipelined request, the client closing), the listener set here stops reading
 * then, as Undertow would have, and Undertow starts again once the answer is sent. Nothing is read
 * here, so a pipelined request stays where Undertow parses it after the answer.
 *
 * <p>Only for requests answered on the connection's IO thread, as appends are: there the answer,
 * Undertow's hand-back of the connection to its own read listener and any read event are one
 * thread's steps in order. A request answered on a worker (a read that needs the disk) must not
 * use it: the worker would hand the connection back while the IO thread may already be running the
 * listener set here for the client's next request, and a resume that finds reads still registered
 * does nothing, so the suspend that follows would leave the connection unread.
 */
final class ReadInterest {

    private static final ChannelListener<StreamSourceChannel> STOP_WHEN_READABLE = StreamSourceChannel::suspendReads;

    private ReadInterest() {
    }

    /**
     * Call on the IO thread once the request body has been read whole in Undertow's first receive
     * call (so no read listener of the receiver is left), before the answer can be sent: an answer
     * sent from here on gives the connection back to Undertow's reading.
     */
    static void keepWhileAnswering(HttpServerExchange exchange) {
        if (exchange.getConnection() instanceof HttpServerConnection http && exchange.isInIoThread()
                && !exchange.isComplete()) {
            ConduitStreamSourceChannel source = http.getChannel().getSourceChannel();
            source.getReadSetter().set(STOP_WHEN_READABLE);
            // The socket's own conduit: the request's fixed-length conduit above it ignores a resume
            // once its body has been read.
            http.getOriginalSourceConduit().resumeReads();
        }
    }
}
