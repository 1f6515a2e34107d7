package io.dsk.bench.scenario;

import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Whether a (re)started server is ready to serve, from its {@code /readyz} and a read. */
final class Readiness {

    private static final long POLL_MILLIS = 10;

    private Readiness() {
    }

    /**
     * Polls the server's {@code GET /readyz} until it answers 200.
     *
     * @param startNanos when the server's process was started ({@link System#nanoTime()})
     * @return seconds from {@code startNanos} to the first 200
     * @throws IOException if it does not answer 200 within {@code timeout}
     */
    static double await(ServerUnderTest server, long startNanos, Duration timeout) throws IOException {
        URI root = server.baseUri().resolve("/");
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() - deadline < 0) {
            try (BlockingHttpConnection connection = new BlockingHttpConnection(root)) {
                last = connection.send("GET", "/readyz", Map.of(), new byte[0]).status();
                if (last == 200) {
                    return (System.nanoTime() - startNanos) / 1e9;
                }
            } catch (IOException notListeningYet) {
                last = -1;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + server.name() + " to be ready", e);
            }
        }
        throw new IOException(server.name() + ": /readyz did not answer 200 within " + timeout.toSeconds()
                + " s (last status " + last + ")");
    }

    /**
     * Reads a stream from the start once.
     *
     * @param target the stream's request target
     * @throws IOException unless it answers 200
     */
    static void requireReadable(ServerUnderTest server, String target) throws IOException {
        try (BlockingHttpConnection connection = new BlockingHttpConnection(server.baseUri())) {
            connection.expect("GET", target + "?offset=-1", Map.of(), new byte[0], 200);
        }
    }
}
