package io.dsk.bench.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The protocol requests that set up and tear down what a scenario measures (PROTOCOL.md 5.1 to
 * 5.3), never the load itself: creating a JSON stream before its subscribers connect, closing it so
 * that its live readers get {@code streamClosed} and end, and deleting it. Each waits for its answer
 * on the calling thread, at most 30 s.
 */
public final class StreamLifecycle {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;

    public StreamLifecycle(HttpClient http) {
        this.http = http;
    }

    /**
     * Creates {@code stream} as {@code application/json}, or accepts it as it already is (a later
     * create by the connector is then an idempotent {@code 200}).
     *
     * @return the stream's tail offset ({@code Stream-Next-Offset}), where a subscriber that wants
     *     only new data starts
     * @throws IOException if the server answers other than 201 or 200, or without the tail offset
     */
    public String create(URI stream) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(stream).timeout(TIMEOUT)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw refused("create", stream, response);
        }
        return response.headers().firstValue("Stream-Next-Offset").orElseThrow(() ->
                new IOException("create " + stream + " answered without Stream-Next-Offset"));
    }

    /** Closes {@code stream}: no more appends, and live readers are told so. */
    public void close(URI stream) throws IOException, InterruptedException {
        expectSuccess("close", stream, HttpRequest.newBuilder(stream).timeout(TIMEOUT)
                .header("Stream-Closed", "true").POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Deletes {@code stream} with its data. */
    public void delete(URI stream) throws IOException, InterruptedException {
        expectSuccess("delete", stream, HttpRequest.newBuilder(stream).timeout(TIMEOUT).DELETE().build());
    }

    /** Deletes {@code stream} if it exists. */
    public void deleteIfPresent(URI stream) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(stream).timeout(TIMEOUT).DELETE().build());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw refused("delete", stream, response);
        }
    }

    private void expectSuccess(String what, URI stream, HttpRequest request)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw refused(what, stream, response);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static IOException refused(String what, URI stream, HttpResponse<String> response) {
        return new IOException(what + " " + stream + " answered " + response.statusCode() + ": " + response.body());
    }
}
