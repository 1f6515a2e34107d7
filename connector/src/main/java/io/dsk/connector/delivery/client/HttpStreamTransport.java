package io.dsk.connector.delivery.client;

import io.dsk.path.StreamPath;
import io.dsk.protocol.HeaderNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * {@link StreamTransport} over {@link HttpClient}, asynchronous, HTTP/1.1. Every URL is built from the
 * stream's canonical name by {@link StreamPath}: the path as {@link StreamPath#toUrlPath()}, the
 * {@code path} query parameter as {@link StreamPath#toQueryValue()}, so the gateway's single decoding
 * gives back exactly the name.
 */
public final class HttpStreamTransport implements StreamTransport {

    private static final int REASON_LIMIT = 200;

    private final URI base;
    private final String authorization;
    private final Duration requestTimeout;
    private final ExecutorService executor;
    private final HttpClient client;

    /**
     * @param base           the stream base URL, without trailing slash
     * @param bearerToken    the token for the Authorization header, or {@code null}
     * @param sslContext     TLS trust for https, or {@code null} for the JVM default
     * @param requestTimeout how long one request may take
     */
    public HttpStreamTransport(URI base, String bearerToken, SSLContext sslContext, Duration requestTimeout) {
        this.base = base;
        this.authorization = bearerToken == null || bearerToken.isEmpty() ? null : "Bearer " + bearerToken;
        this.requestTimeout = requestTimeout;
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dsk-http");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .executor(executor);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
    }

    @Override
    public CompletableFuture<TransportResponse> append(AppendRequest request) {
        HttpRequest.Builder http = newRequest(request.path())
                .header(HeaderNames.PRODUCER_ID, request.producerId())
                .header(HeaderNames.PRODUCER_EPOCH, Long.toString(request.epoch()))
                .header(HeaderNames.PRODUCER_SEQ, Long.toString(request.seq()))
                .header(HeaderNames.DSK_SOURCE_RANGE, request.source().headerValue())
                .POST(WholeBodyPublisher.of(request.body()));
        if (request.body().length > 0) {
            http.header("Content-Type", request.contentType());
        }
        if (request.close()) {
            http.header(HeaderNames.STREAM_CLOSED, "true");
        }
        return send(http.build());
    }

    @Override
    public CompletableFuture<TransportResponse> create(CreateRequest request) {
        HttpRequest.Builder http = newRequest(request.path())
                .header("Content-Type", request.contentType())
                .PUT(HttpRequest.BodyPublishers.noBody());
        if (request.ttlSeconds() >= 0) {
            http.header(HeaderNames.STREAM_TTL, Long.toString(request.ttlSeconds()));
        }
        if (!request.expiresAt().isEmpty()) {
            http.header(HeaderNames.STREAM_EXPIRES_AT, request.expiresAt());
        }
        if (request.retentionMs() >= 0) {
            http.header(HeaderNames.DSK_RETENTION_MAX_AGE, Long.toString(request.retentionSeconds()));
        }
        if (request.retentionBytes() >= 0) {
            http.header(HeaderNames.DSK_RETENTION_MAX_BYTES, Long.toString(request.retentionBytes()));
        }
        return send(http.build());
    }

    @Override
    public CompletableFuture<SourceWatermarkAnswer> sourceWatermark(String path, String topic, int partition) {
        HttpRequest.Builder request = HttpRequest.newBuilder(sourceOffsetsUri(path)).timeout(requestTimeout).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new SourceWatermarkAnswer(response.statusCode(), response.statusCode() == 200
                        ? SourceOffsets.watermark(response.body(), topic, partition) : OptionalLong.empty(),
                        headersOf(response), reason(response.body())));
    }

    URI sourceOffsetsUri(String path) {
        return URI.create(base + "/" + StreamPath.CONTROL_SEGMENT + "/source-offsets?path="
                + StreamPath.of(path).toQueryValue());
    }

    /**
     * @param path a canonical stream name, or empty for the base URL
     * @return the stream's URL
     * @throws io.dsk.path.InvalidStreamPathException if the path is neither empty nor a canonical name
     */
    @Override
    public String urlOf(String path) {
        return path.isEmpty() ? base.toString() : base + "/" + StreamPath.of(path).toUrlPath();
    }

    private HttpRequest.Builder newRequest(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(urlOf(path))).timeout(requestTimeout);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private CompletableFuture<TransportResponse> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response ->
                TransportResponse.of(response.statusCode(), headersOf(response), reason(response.body())));
    }

    private static Map<String, String> headersOf(HttpResponse<?> response) {
        Map<String, String> headers = new HashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(values.size() - 1));
            }
        });
        return headers;
    }

    private static String reason(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, REASON_LIMIT), StandardCharsets.UTF_8);
        return text.replaceAll("\\s+", " ").trim();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
