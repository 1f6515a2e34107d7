package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a stub server that answers each path with the status its last segment names. */
class StreamLifecycleTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private StreamLifecycle lifecycle;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/stream/", this::answer);
        server.start();
        lifecycle = new StreamLifecycle(HttpClient.newHttpClient());
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void createPutsAJsonStreamAndGivesItsTail() throws Exception {
        assertThat(lifecycle.create(stream("201"))).isEqualTo("0000000000000000_0000000000000007");
        assertThat(lifecycle.create(stream("200"))).isEqualTo("0000000000000000_0000000000000007");
        assertThat(seen).containsExactly("PUT /v1/stream/t/201 application/json null",
                "PUT /v1/stream/t/200 application/json null");
    }

    @Test
    void createRefusedOrWithoutTailFails() {
        assertThatThrownBy(() -> lifecycle.create(stream("409"))).isInstanceOf(IOException.class)
                .hasMessageContaining("create").hasMessageContaining("409");
        assertThatThrownBy(() -> lifecycle.create(stream("201-no-tail"))).isInstanceOf(IOException.class)
                .hasMessageContaining("without Stream-Next-Offset");
    }

    @Test
    void closePostsStreamClosed() throws Exception {
        lifecycle.close(stream("204"));

        assertThat(seen).containsExactly("POST /v1/stream/t/204 null true");
        assertThatThrownBy(() -> lifecycle.close(stream("404"))).hasMessageContaining("close");
    }

    @Test
    void deleteInsistsOnTheStreamWhileDeleteIfPresentAcceptsItsAbsence() throws Exception {
        lifecycle.delete(stream("204"));
        lifecycle.deleteIfPresent(stream("404"));

        assertThat(seen).containsExactly("DELETE /v1/stream/t/204 null null", "DELETE /v1/stream/t/404 null null");
        assertThatThrownBy(() -> lifecycle.delete(stream("404"))).hasMessageContaining("404");
        assertThatThrownBy(() -> lifecycle.deleteIfPresent(stream("500"))).hasMessageContaining("500");
    }

    private URI stream(String answer) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/stream/t/" + answer);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        seen.add(exchange.getRequestMethod() + " " + path + " "
                + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + exchange.getRequestHeaders().getFirst("Stream-Closed"));
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (!last.endsWith("-no-tail")) {
            exchange.getResponseHeaders().add("Stream-Next-Offset", "0000000000000000_0000000000000007");
        }
        exchange.sendResponseHeaders(Integer.parseInt(last.replace("-no-tail", "")), -1);
        exchange.close();
    }
}
