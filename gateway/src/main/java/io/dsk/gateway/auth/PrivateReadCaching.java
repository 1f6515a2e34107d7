package io.dsk.gateway.auth;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ResponseCommitListener;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps shared caches from handing one caller's authorised read to another, without touching the
 * protocol handler: just before the response headers go out, it adds
 * {@code Vary: Authorization, Cookie} and, for reads a token authorised, turns {@code public} into
 * {@code private} (adding {@code private} when the response names no caching policy).
 */
final class PrivateReadCaching implements ResponseCommitListener {

    /** For reads authorised by a token on a non-public path. */
    static final PrivateReadCaching TOKEN_READ = new PrivateReadCaching(true);
    /** For anonymous reads on a non-public path: the answer would differ with credentials. */
    static final PrivateReadCaching ANONYMOUS_READ = new PrivateReadCaching(false);

    private static final String[] VARY_ON = {"Authorization", "Cookie"};

    private final boolean makePrivate;

    private PrivateReadCaching(boolean makePrivate) {
        this.makePrivate = makePrivate;
    }

    @Override
    public void beforeCommit(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        if (makePrivate) {
            HeaderValues cacheControl = headers.get(Headers.CACHE_CONTROL);
            if (cacheControl == null || cacheControl.isEmpty()) {
                headers.put(Headers.CACHE_CONTROL, "private");
            } else {
                for (int i = 0; i < cacheControl.size(); i++) {
                    cacheControl.set(i, privatise(cacheControl.get(i)));
                }
            }
        }
        addVary(headers);
    }

    /** Replaces a {@code public} directive by {@code private}, keeping every other directive. */
    static String privatise(String cacheControl) {
        Set<String> directives = new LinkedHashSet<>();
        for (String directive : cacheControl.split(",")) {
            String d = directive.strip();
            if (d.isEmpty()) {
                continue;
            }
            directives.add(d.equalsIgnoreCase("public") ? "private" : d);
        }
        return String.join(", ", directives);
    }

    private static void addVary(HeaderMap headers) {
        Set<String> present = new LinkedHashSet<>();
        HeaderValues vary = headers.get(Headers.VARY);
        if (vary != null) {
            for (String value : vary) {
                for (String name : value.split(",")) {
                    if (!name.isBlank()) {
                        present.add(name.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        if (present.contains("*")) {
            return;
        }
        for (String name : VARY_ON) {
            if (!present.contains(name.toLowerCase(Locale.ROOT))) {
                headers.add(Headers.VARY, name);
            }
        }
    }
}
