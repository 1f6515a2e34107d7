package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Fetches from a key server that answers at once and then sends its body a byte at a time. */
class RemoteJwkSetIT {

    /** How long the hostile server keeps trickling: far longer than any fetch may take. */
    private static final long TRICKLE_MILLIS = 120_000;

    @Test
    void aFetchWhoseBodyNeverEndsGivesUpAfterTheTimeoutSoWaitingRequestsGetAnAnswer() throws Exception {
        ExecutorService executor = Executors.newCachedThreadPool();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread trickler = new Thread(() -> trickle(server), "jwks-trickler");
            trickler.setDaemon(true);
            trickler.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/jwks.json");
            RemoteJwkSet set = new RemoteJwkSet(uri, Duration.ofMinutes(15), Duration.ZERO, Duration.ofSeconds(3),
                    HttpClient.newBuilder().executor(executor).build(), executor, System::nanoTime);

            CompletableFuture<Void> fetch = set.refreshForUnknownKey();

            assertThat(fetch).succeedsWithin(Duration.ofSeconds(30));
            assertThat(set.keys()).isEmpty();
        } finally {
            executor.shutdownNow();
        }
    }

    private static void readRequestHead(Socket socket) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                return;
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void trickle(ServerSocket server) {
        try (Socket socket = server.accept()) {
            readRequestHead(socket);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{\"keys\": [")
                    .getBytes(StandardCharsets.US_ASCII));
            long end = System.currentTimeMillis() + TRICKLE_MILLIS;
            while (System.currentTimeMillis() < end) {
                out.write(' ');
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException e) {
            // The client gave up: what the test wants.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
