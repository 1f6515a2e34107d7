package io.dsk.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Creates connectors through a Connect worker's REST API and waits until their tasks run. */
final class ConnectWorkerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String restUrl;

    ConnectWorkerClient(String restUrl) {
        this.restUrl = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
    }

    /**
     * Creates (or replaces) a connector and waits until it and all its tasks are RUNNING.
     *
     * @throws IllegalStateException if the worker refuses the configuration or a task fails
     */
    void start(String name, Map<String, String> config) throws IOException, InterruptedException {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(restUrl + "/connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() / 100 != 2) {
            throw new IllegalStateException("Connect refused connector " + name + ": " + put.statusCode() + " " + put.body());
        }
        awaitRunning(name);
    }

    private void awaitRunning(String name) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        String last = "no status yet";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(
                    URI.create(restUrl + "/connectors/" + name + "/status")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            last = status.body();
            if (status.statusCode() == 200) {
                JsonNode root = JSON.readTree(last);
                if (root.path("connector").path("state").asText().equals("FAILED") || anyTask(root, "FAILED")) {
                    throw new IllegalStateException("connector " + name + " failed: " + last);
                }
                if (root.path("connector").path("state").asText().equals("RUNNING")
                        && !root.path("tasks").isEmpty() && !anyTaskNot(root, "RUNNING")) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("connector " + name + " not running within " + START_DEADLINE + ": " + last);
    }

    /** The connector's status document, for failure messages. */
    String status(String name) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(restUrl + "/connectors/" + name + "/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean anyTask(JsonNode status, String state) {
        for (JsonNode task : status.path("tasks")) {
            if (task.path("state").asText().equals(state)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyTaskNot(JsonNode status, String state) {
        for (JsonNode task : status.path("tasks")) {
            if (!task.path("state").asText().equals(state)) {
                return true;
            }
        }
        return false;
    }
}
