package io.dsk.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few protocol writes the scenario makes itself (PROTOCOL.md 5.1 to 5.3): creating a JSON stream
 * before its subscribers connect (the connector's own create is then an idempotent {@code 200}),
 * closing it so that its SSE readers get {@code streamClosed} and end, and deleting it.
 */
final class StreamRequests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;

    StreamRequests(HttpClient http) {
        this.http = http;
    }

    /** Creates {@code stream} as {@code application/json}, or accepts it as it already is. */
    void create(URI stream) throws IOException, InterruptedException {
        expect(stream, "create", HttpRequest.newBuilder(stream).timeout(TIMEOUT)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Closes {@code stream}: no more appends, and live readers are told so. */
    void close(URI stream) throws IOException, InterruptedException {
        expect(stream, "close", HttpRequest.newBuilder(stream).timeout(TIMEOUT)
                .header("Stream-Closed", "true").POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Deletes {@code stream} with its data. */
    void delete(URI stream) throws IOException, InterruptedException {
        expect(stream, "delete", HttpRequest.newBuilder(stream).timeout(TIMEOUT).DELETE().build());
    }

    /** Deletes {@code stream} if it exists. */
    void deleteIfPresent(URI stream) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(stream).timeout(TIMEOUT).DELETE().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw new IOException("delete " + stream + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void expect(URI stream, String what, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(what + " " + stream + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
