package io.dsk.gateway.auth;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Answers 429 with {@code Retry-After} when the request's key (client address or token subject)
 * has used up its token bucket; requests without a key pass.
 */
final class RateLimitHandler implements HttpHandler {

    private final HttpHandler next;
    private final TokenBuckets buckets;
    private final Function<HttpServerExchange, String> key;

    RateLimitHandler(HttpHandler next, TokenBuckets buckets, Function<HttpServerExchange, String> key) {
        this.next = Objects.requireNonNull(next, "next");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String k = key.apply(exchange);
        if (k != null) {
            long waitNanos = buckets.tryAcquire(k);
            if (waitNanos > 0) {
                Refusals.tooManyRequests(exchange, waitNanos);
                return;
            }
        }
        next.handleRequest(exchange);
    }

    /**
     * The client address as a bucket key: the full IPv4 address, or the /64 prefix of an IPv6
     * address (one host usually owns a whole /64, so a per-address key would be free to rotate).
     */
    static String clientAddressKey(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        InetAddress address = source == null ? null : source.getAddress();
        if (address == null) {
            return null;
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder("v6:");
            for (int i = 0; i < 8; i++) {
                prefix.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
            }
            return prefix.toString();
        }
        return address.getHostAddress();
    }

    /** The verified token's issuer and subject as a bucket key, or null for anonymous requests. */
    static String subjectKey(HttpServerExchange exchange) {
        VerifiedToken token = exchange.getAttachment(AuthHandlers.VERIFIED_TOKEN);
        if (token == null || token.subject().isEmpty()) {
            return null;
        }
        return token.issuer().orElse("") + '\u0000' + token.subject().get();
    }
}
