package io.dsk.cli;

import io.dsk.gateway.GatewayServer;
import io.dsk.gateway.GatewaySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real gateway in this JVM: in memory, on an ephemeral port, with a short long-poll timeout. */
final class InProcessGateway implements AutoCloseable {

    static final Duration LONG_POLL_TIMEOUT = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final GatewayServer server;

    private InProcessGateway(GatewayServer server) {
        this.server = server;
    }

    static InProcessGateway start() throws IOException {
        return start(next -> next);
    }

    static InProcessGateway start(GatewayServer.StreamFilters filters) throws IOException {
        GatewaySettings settings = GatewaySettings.builder().host("127.0.0.1").port(0).inMemory(true)
                .longPollTimeout(LONG_POLL_TIMEOUT).build();
        return new InProcessGateway(GatewayServer.start(settings, filters, null));
    }

    String url() {
        return server.url();
    }

    /** Sends a request to the gateway directly, not through dsk (for what dsk does not send, such as source ranges). */
    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(url() + pathAndQuery));
    }

    @Override
    public void close() {
        server.close();
    }
}
