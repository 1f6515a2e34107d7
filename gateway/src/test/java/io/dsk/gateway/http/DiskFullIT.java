package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.store.ForwardingKeyValueStore;
import io.dsk.gateway.store.InMemoryKeyValueStore;
import io.dsk.gateway.store.StoreException;
import io.dsk.gateway.store.WriteBatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * A store that runs out of space: a disk that fills up, or the in-memory store at its bound. Writes
 * are refused with 507, nothing acknowledged is lost, and writes resume once there is room.
 */
class DiskFullIT {

    private static final String CHUNK = "x".repeat(4096);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FillingStore engine = new FillingStore();
    private StreamsApi api;
    private ApiServer server;
    private String base;

    @BeforeEach
    void start() {
        serve(StreamsApi.open(GatewaySettings.builder().inMemory(true).port(0).build(), new GatewayMetrics(), engine));
    }

    private void serve(StreamsApi streamsApi) {
        api = streamsApi;
        server = ApiServer.start(api.handler());
        base = server.streamBase();
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    @Test
    void writesOnAFullDiskAre507AndWhatWasAcknowledgedStays() throws Exception {
        assertThat(send("PUT", "text", "text/plain", "a").statusCode()).isEqualTo(201);
        assertThat(send("PUT", "json", "application/json", "[1]").statusCode()).isEqualTo(201);

        engine.full.set(true);
        for (HttpResponse<String> refused : new HttpResponse[] {send("POST", "text", "text/plain", "b"),
            send("POST", "json", "application/json", "2"), send("PUT", "other", "text/plain", "x"),
            send("DELETE", "text", "text/plain", null)}) {
            assertThat(refused.statusCode()).as(refused.request().method()).isEqualTo(507);
            assertThat(refused.body()).contains("disk is full").contains("nothing was written");
        }
        assertThat(read("text")).isEqualTo("a");

        engine.full.set(false);
        assertThat(send("POST", "text", "text/plain", "c").statusCode()).isEqualTo(204);
        assertThat(send("POST", "json", "application/json", "3").statusCode()).isEqualTo(204);
        assertThat(read("text")).isEqualTo("ac");
        assertThat(read("json")).isEqualTo("[1,3]");
        assertThat(send("GET", "other", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anEnospcFromAFileWriteIsA507Too() throws Exception {
        send("PUT", "file", "text/plain", "");
        engine.failure = () -> new StoreException("write failed",
                new java.io.IOException("/data/000012.log: No space left on device"));
        engine.full.set(true);

        HttpResponse<String> refused = send("POST", "file", "text/plain", "b");

        assertThat(refused.statusCode()).isEqualTo(507);
        assertThat(refused.body()).contains("disk is full");
    }

    @Test
    void pastItsBoundTheInMemoryStoreAnswers507AndDeletingMakesRoom() throws Exception {
        stop();
        serve(StreamsApi.open(GatewaySettings.builder().inMemory(true).inMemoryMaxBytes(64 << 10).port(0).build(),
                new GatewayMetrics()));
        assertThat(send("PUT", "a", "text/plain", "").statusCode()).isEqualTo(201);
        int acknowledged = 0;
        HttpResponse<String> refused = null;
        // 64 KiB hold at most 16 chunks of 4 KiB; 40 attempts must reach the bound.
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> r = send("POST", "a", "text/plain", CHUNK);
            if (r.statusCode() == 204) {
                acknowledged++;
            } else {
                refused = r;
            }
        }

        assertThat(refused).as("an append past the bound").isNotNull();
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

    /** An in-memory engine whose writes fail as RocksDB's do on a full disk while {@link #full} is set. */
    private static final class FillingStore extends ForwardingKeyValueStore {
        final AtomicBoolean full = new AtomicBoolean();
        volatile java.util.function.Supplier<StoreException> failure = () -> new StoreException("write failed",
                new RocksDBException("IO error: No space left on device: While appending to file: /data/000012.log",
                        new Status(Status.Code.IOError, Status.SubCode.NoSpace, "While appending to file")));

        FillingStore() {
            super(new InMemoryKeyValueStore());
        }

        @Override
        public void write(WriteBatch batch, boolean durable) {
            if (full.get()) {
                throw failure.get();
            }
            super.write(batch, durable);
        }
    }
}
