package io.dsk.connector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.path.StreamPath;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Catch-up and SSE reads of whole streams, as any Durable Streams client would do them. */
final class StreamReads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    StreamReads(String base) {
        this.base = base;
    }

    /** The result of reading a stream to its tail. */
    record Read(int status, byte[] body, boolean closed, String contentType) {
    }

    Read read(String path) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<JsonNode> messages = new ArrayList<>();
        String offset = "-1";
        boolean json = false;
        while (true) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + "/" + StreamPath.fromName(path).toUrlPath() + "?offset="
                    + offset)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return new Read(response.statusCode(), new byte[0], false, null);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            json = contentType.startsWith("application/json");
            if (json) {
                JSON.readTree(response.body()).forEach(messages::add);
            } else {
                body.write(response.body());
            }
            String next = response.headers().firstValue("Stream-Next-Offset").orElseThrow();
            boolean upToDate = response.headers().firstValue("Stream-Up-To-Date").isPresent();
            boolean closed = response.headers().firstValue("Stream-Closed").map("true"::equalsIgnoreCase).orElse(false);
            if (upToDate || closed || next.equals(offset)) {
                byte[] bytes = json ? JSON.writeValueAsBytes(messages) : body.toByteArray();
                return new Read(200, bytes, closed, contentType);
            }
            offset = next;
        }
    }

    /**
     * Reads a stream to its tail as {@link #read(String)} does, but keeps every response body as sent.
     *
     * @return the status of the first non-200 answer, or 200 with the bodies concatenated, then the final
     *         {@code Stream-Next-Offset}
     */
    Read rawRead(String path) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String offset = "-1";
        while (true) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + "/"
                    + StreamPath.fromName(path).toUrlPath() + "?offset=" + offset)).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return new Read(response.statusCode(), new byte[0], false, null);
            }
            body.write(response.body());
            String next = response.headers().firstValue("Stream-Next-Offset").orElseThrow();
            boolean upToDate = response.headers().firstValue("Stream-Up-To-Date").isPresent();
            boolean closed = response.headers().firstValue("Stream-Closed").map("true"::equalsIgnoreCase).orElse(false);
            if (upToDate || closed || next.equals(offset)) {
                body.write(("\nnext=" + next).getBytes(StandardCharsets.UTF_8));
                return new Read(200, body.toByteArray(), closed,
                        response.headers().firstValue("Content-Type").orElse(""));
            }
            offset = next;
        }
    }

    List<JsonNode> jsonMessages(String path) throws IOException, InterruptedException {
        Read read = read(path);
        List<JsonNode> messages = new ArrayList<>();
        if (read.status() == 200) {
            JSON.readTree(read.body()).forEach(messages::add);
        }
        return messages;
    }

    String text(String path) throws IOException, InterruptedException {
        return new String(read(path).body(), StandardCharsets.UTF_8);
    }

    /** The {@code data} events of an SSE read, as sent, and the response's data encoding. */
    record SseRead(List<String> dataEvents, String dataEncoding) {

        /** @return whether the server said data events are base64 ({@code stream-sse-data-encoding: base64}) */
        boolean base64() {
            return "base64".equalsIgnoreCase(dataEncoding);
        }

        /** @return the bytes of all data events in order, base64-decoded when the server said so */
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String event : dataEvents) {
                out.writeBytes(base64() ? Base64.getDecoder().decode(event.replace("\n", "").replace("\r", ""))
                        : event.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        }
    }

    /**
     * Reads a stream from its start over SSE ({@code live=sse}) until a control event says the reader is up to
     * date (or the stream is closed), then disconnects. Data lines are joined as the SSE rules say: one space
     * after the colon is dropped, lines of one event are joined with a line feed.
     *
     * @return every data event's payload, in order
     */
    SseRead sse(String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/" + StreamPath.fromName(path).toUrlPath()
                        + "?offset=-1&live=sse")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("SSE read of " + path + " answered " + response.statusCode());
        }
        String encoding = response.headers().firstValue("stream-sse-data-encoding").orElse(null);
        List<String> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            List<String> data = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("event:")) {
                    event = fieldValue(line, "event:");
                } else if (line.startsWith("data:")) {
                    data.add(fieldValue(line, "data:"));
                } else if (line.isEmpty() && event != null) {
                    String payload = String.join("\n", data);
                    if (event.equals("data")) {
                        events.add(payload);
                    } else if (event.equals("control")) {
                        JsonNode control = JSON.readTree(payload);
                        if (control.path("upToDate").asBoolean() || control.path("streamClosed").asBoolean()) {
                            return new SseRead(events, encoding);
                        }
                    }
                    event = null;
                    data.clear();
                }
            }
        }
        throw new IOException("the SSE stream of " + path + " ended before a control event said upToDate");
    }

    private static String fieldValue(String line, String field) {
        String value = line.substring(field.length());
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /**
     * Reads a JSON stream over SSE, as {@link #sse(String)} does.
     *
     * @return the messages of every {@code data} event, in order
     */
    List<JsonNode> sseJsonMessages(String path) throws IOException, InterruptedException {
        SseRead read = sse(path);
        if (read.base64()) {
            throw new IOException("the SSE read of JSON stream " + path + " came base64-encoded");
        }
        List<JsonNode> messages = new ArrayList<>();
        for (String event : read.dataEvents()) {
            JSON.readTree(event).forEach(messages::add);
        }
        return messages;
    }
}
