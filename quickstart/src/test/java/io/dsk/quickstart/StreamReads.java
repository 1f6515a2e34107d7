package io.dsk.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import io.dsk.path.StreamPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Catch-up reads of JSON streams over plain HTTP, optionally with a bearer token. */
final class StreamReads {

    /** One catch-up read of a whole stream: the status of its first response and every message. */
    record Read(int status, List<JsonNode> messages, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String streamRoot;

    /** @param streamRoot e.g. {@code http://127.0.0.1:4437/v1/stream} */
    StreamReads(String streamRoot) {
        this.streamRoot = streamRoot;
    }

    /**
     * Reads a stream from its start to its current end, following {@code Stream-Next-Offset}.
     *
     * @param path the stream's name relative to the stream root, sent in its URL form
     * @param token a bearer token, or null for none
     * @return the status of the first non-200 response (with no messages), else 200 and all messages
     */
    Read readAll(String path, String token) throws IOException, InterruptedException {
        List<JsonNode> messages = new ArrayList<>();
        String offset = "-1";
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(streamRoot + "/" + StreamPath.fromName(path).toUrlPath()
                    + "?offset=" + offset))
                    .GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Read(response.statusCode(), List.of(), response.body());
            }
            JSON.readTree(response.body()).forEach(messages::add);
            String next = response.headers().firstValue("Stream-Next-Offset").orElseThrow();
            boolean upToDate = response.headers().firstValue("Stream-Up-To-Date").isPresent();
            if (upToDate || next.equals(offset)) {
                return new Read(200, messages, response.body());
            }
            offset = next;
        }
    }

    /**
     * Reads the stream until its messages satisfy the condition or the deadline passes.
     *
     * @return the last read, whether or not it satisfied the condition
     */
    Read awaitMessages(String path, String token, Predicate<List<JsonNode>> condition, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Read read = readAll(path, token);
        while (!(read.status() == 200 && condition.test(read.messages())) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            read = readAll(path, token);
        }
        return read;
    }

    /**
     * Answers a GET of a control API under the stream root.
     *
     * @param pathAndQuery e.g. {@code __ds/streams?limit=10}, already in URL form
     * @param token a bearer token, or null for none
     * @return the body of a 200 answer
     */
    String control(String pathAndQuery, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(streamRoot + "/" + pathAndQuery)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
