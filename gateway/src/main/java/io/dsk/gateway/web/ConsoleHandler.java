package io.dsk.gateway.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Serves the console page and its assets from {@code /web/} on the classpath. The files are loaded
 * once, at start-up, and answered from memory with an ETag; anything else under {@code /} is 404.
 */
public final class ConsoleHandler implements HttpHandler {

    private static final HttpString CONTENT_SECURITY_POLICY = new HttpString("Content-Security-Policy");
    private static final HttpString X_CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
    private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** Request path to (classpath resource, content type). */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/console.js", new String[] {"console.js", "text/javascript; charset=utf-8"},
            "/console.js.map", new String[] {"console.js.map", "application/json"},
            "/console.css", new String[] {"console.css", "text/css; charset=utf-8"},
            "/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"},
            "/favicon.ico", new String[] {"favicon.svg", "image/svg+xml"});

    private final Map<String, Asset> assets;

    private ConsoleHandler(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /**
     * Loads the bundled files.
     *
     * @return the handler
     * @throws IllegalStateException if the jar was built without the console (a build without Node.js)
     */
    public static ConsoleHandler fromClasspath() {
        Map<String, Asset> loaded = new java.util.HashMap<>();
        FILES.forEach((path, file) -> loaded.put(path, Asset.load(file[0], file[1])));
        return new ConsoleHandler(Map.copyOf(loaded));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Asset asset = assets.get(exchange.getRequestPath());
        boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
        if (asset == null) {
            plain(exchange, StatusCodes.NOT_FOUND, "not found\n");
            return;
        }
        if (!head && !exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            plain(exchange, StatusCodes.METHOD_NOT_ALLOWED, "the console is read-only\n");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.put(Headers.CONTENT_TYPE, asset.contentType);
        headers.put(Headers.ETAG, asset.etag);
        headers.put(Headers.CACHE_CONTROL, "no-cache");
        headers.put(CONTENT_SECURITY_POLICY, POLICY);
        headers.put(X_CONTENT_TYPE_OPTIONS, "nosniff");
        headers.put(REFERRER_POLICY, "no-referrer");
        if (asset.etag.equals(exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH))) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            exchange.endExchange();
            return;
        }
        headers.put(Headers.CONTENT_LENGTH, asset.bytes.length);
        if (head) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(asset.bytes));
        }
    }

    private static void plain(HttpServerExchange exchange, int status, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(text);
    }

    /** One file in memory. */
    private record Asset(byte[] bytes, String contentType, String etag) {

        static Asset load(String name, String contentType) {
            try (InputStream in = ConsoleHandler.class.getResourceAsStream("/web/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("console file web/" + name + " is missing from the jar;"
                            + " build the gateway with Node.js installed (mvn -B package)");
                }
                byte[] bytes = in.readAllBytes();
                return new Asset(bytes, contentType, etag(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String etag(byte[] bytes) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
