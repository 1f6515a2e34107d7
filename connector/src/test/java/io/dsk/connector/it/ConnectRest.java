package io.dsk.connector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few Connect REST calls the integration tests need. */
final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ConnectRest(String base) {
        this.base = base;
    }

    boolean isUp() {
        try {
            return get("/").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    void putConnector(String name, Map<String, String> config) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
        if (response.statusCode() >= 300) {
            throw new IOException("creating connector " + name + " failed: " + response.statusCode() + " "
                    + response.body());
        }
    }

    JsonNode validate(Map<String, String> config) throws IOException {
        String pluginClass = config.get("connector.class");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/connector-plugins/"
                        + pluginClass + "/config/validate"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
        return JSON.readTree(response.body());
    }

    /** {@code POST /connectors}: creates a connector; the answer is returned as it came. */
    HttpResponse<String> createConnector(String name, Map<String, String> config) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name,
                        "config", config)))));
    }

    /** {@code PUT /connector-plugins/<class>/config/validate}: the answer as it came, status included. */
    HttpResponse<String> validateRaw(Map<String, String> config) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/connector-plugins/" + config.get("connector.class")
                        + "/config/validate"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
    }

    void deleteConnector(String name) throws IOException {
        send(HttpRequest.newBuilder(URI.create(base + "/connectors/" + name)).DELETE());
    }

    /** @return the connector's status, or null when unknown */
    JsonNode status(String name) throws IOException {
        HttpResponse<String> response = get("/connectors/" + name + "/status");
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    boolean allTasksRunning(String name, int tasks) {
        try {
            JsonNode status = status(name);
            if (status == null || !"RUNNING".equals(status.path("connector").path("state").asText())) {
                return false;
            }
            int running = 0;
            for (JsonNode task : status.path("tasks")) {
                if ("RUNNING".equals(task.path("state").asText())) {
                    running++;
                }
            }
            return running >= tasks;
        } catch (IOException e) {
            return false;
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
