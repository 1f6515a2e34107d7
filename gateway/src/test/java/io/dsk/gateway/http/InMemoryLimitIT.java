package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.ops.GatewayMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An in-memory gateway holds at most {@code --in-memory-max-bytes} of streams: past it, creates and
 * appends are refused with 507 and a reason naming the option, what was acknowledged stays readable,
 * and deleting streams makes room again.
 */
class InMemoryLimitIT {

    private static final long LIMIT = 64 << 10;
    private static final String CHUNK = "x".repeat(4096);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StreamsApi api;
    private ApiServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        GatewaySettings settings = GatewaySettings.builder().inMemory(true).inMemoryMaxBytes(LIMIT).port(0).build();
        api = StreamsApi.open(settings, new GatewayMetrics());
        server = ApiServer.start(api.handler());
        base = server.streamBase();
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void pastTheLimitCreatesAndAppendsAre507AndDeletingMakesRoom() throws Exception {
        assertThat(send("PUT", "a", "text/plain", "").statusCode()).isEqualTo(201);
        int acknowledged = 0;
        HttpResponse<String> refused = null;
        // 64 KiB hold at most 16 chunks of 4 KiB; 40 attempts must reach the limit.
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> r = send("POST", "a", "text/plain", CHUNK);
            if (r.statusCode() == 204) {
                acknowledged++;
            } else {
                refused = r;
            }
        }

        assertThat(refused).as("an append past the limit").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(507);
        assertThat(refused.body()).contains("in-memory").contains("--in-memory-max-bytes").contains("nothing was written");
        assertThat(acknowledged).isBetween(8, 17);
        assertThat(send("PUT", "b", "text/plain", "").statusCode()).isEqualTo(507);
        assertThat(read("a")).isEqualTo(CHUNK.repeat(acknowledged));

        assertThat(send("DELETE", "a", null, null).statusCode()).isEqualTo(204);
        assertThat(send("PUT", "b", "text/plain", "").statusCode()).isEqualTo(201);
        assertThat(send("POST", "b", "text/plain", CHUNK).statusCode()).isEqualTo(204);
        assertThat(read("b")).isEqualTo(CHUNK);
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String read(String path) throws Exception {
        return send("GET", path + "?offset=-1", null, null).body();
    }
}
