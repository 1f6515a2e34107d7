package io.dsk.gateway.tls;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/** Adds the gateway's HTTPS listener to an Undertow builder, with HTTP/2 negotiated by ALPN. */
public final class HttpsListener {

    private HttpsListener() {
    }

    /**
     * Adds an HTTPS listener and turns HTTP/2 on (clients that do not offer {@code h2} in ALPN get
     * HTTP/1.1 on the same port).
     *
     * @param builder the server builder
     * @param host interface to bind
     * @param port port to bind; 0 picks a free one
     * @param context from {@link TlsContexts}
     * @return the builder
     */
    public static Undertow.Builder addTo(Undertow.Builder builder, String host, int port, SSLContext context) {
        Objects.requireNonNull(context, "context");
        return builder.setServerOption(UndertowOptions.ENABLE_HTTP2, true).addHttpsListener(port, host, context);
    }
}
