package io.dsk.gateway.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/2 over TLS: rapid reset (HEADERS then RST_STREAM, many times), a CONTINUATION flood that
 * never ends its header block, and an HPACK header list that expands past every limit. After each,
 * the gateway still answers a normal HTTP/2 request within the bound; a flood that runs to its end
 * without the server ending the stream or connection is a failure.
 */
final class Http2Attacks {

    private static final int RAPID_RESETS = 20_000;
    private static final long FLOOD_BYTES = 32L << 20;

    private Http2Attacks() {
    }

    static List<AttackCase> cases() {
        return List.of(new AttackCase("h2#0", Http2Attacks::normalRequest),
                new AttackCase("h2#1", Http2Attacks::rapidReset),
                new AttackCase("h2#2", (t, r) -> continuationFlood(t, r, false)),
                new AttackCase("h2#3", (t, r) -> continuationFlood(t, r, true)));
    }

    private static List<Observation> normalRequest(AttackTargets t, Random random) {
        return List.of(afterwards(t, "h2 GET /healthz"));
    }

    /** A normal request over HTTP/2 with the JDK client, as the proof that the gateway still serves. */
    static Observation afterwards(AttackTargets t, String what) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(t.tlsClient)
                .connectTimeout(t.bound).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + t.tls.getPort() + "/healthz"))
                .timeout(t.bound).build();
        long started = System.nanoTime();
        Answer answer;
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            answer = new Answer(Answer.Kind.ANSWERED, response.version() == HttpClient.Version.HTTP_2
                    ? response.statusCode() : 426, List.of(), response.body().getBytes(), Duration.ofNanos(System.nanoTime() - started));
        } catch (java.net.http.HttpTimeoutException e) {
            answer = Answer.of(Answer.Kind.TIMEOUT, started);
        } catch (IOException e) {
            answer = Answer.of(Answer.Kind.RESET, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = Answer.of(Answer.Kind.TIMEOUT, started);
        }
        return new Observation("h2", what + "; then GET /healthz over h2", answer, Expect.oneOf(200));
    }

    private static List<Observation> rapidReset(AttackTargets t, Random random) throws Exception {
        List<Observation> seen = new ArrayList<>();
        byte[] block = Http2Connection.getRequest("/v1/stream/h2-reset?offset=-1");
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        boolean finished = false;
        try (Http2Connection h2 = Http2Connection.open(t.tlsClient, t.tls, t.bound)) {
            watchdog.schedule(() -> close(h2), t.bound.toMillis() * 3, TimeUnit.MILLISECONDS);
            try {
                for (int i = 0; i < RAPID_RESETS && !h2.refused(); i++) {
                    int stream = 2 * i + 1;
                    h2.frame(Http2Connection.HEADERS, Http2Connection.END_STREAM | Http2Connection.END_HEADERS, stream, block);
                    h2.frame(Http2Connection.RST_STREAM, 0, stream, Http2Connection.rstCancel());
                    if (i % 256 == 0) {
                        h2.flush();
                    }
                }
                h2.flush();
                finished = true;
            } catch (IOException e) {
                finished = h2.refused() && !h2.timedOut;
            }
        } finally {
            watchdog.shutdownNow();
        }
        Answer flood = finished ? Answer.status(200) : Answer.of(Answer.Kind.TIMEOUT, started);
        seen.add(new Observation("h2", RAPID_RESETS + " x HEADERS+RST_STREAM", flood, Expect.ANY));
        seen.add(afterwards(t, "rapid reset"));
        return seen;
    }

    /**
     * HEADERS without END_HEADERS, then CONTINUATION frames: plain literal headers, or (expanding)
     * one header added to the dynamic table and then referenced a byte at a time.
     */
    private static List<Observation> continuationFlood(AttackTargets t, Random random, boolean expanding)
            throws Exception {
        List<Observation> seen = new ArrayList<>();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        long sent = 0;
        boolean stopped = false;
        try (Http2Connection h2 = Http2Connection.open(t.tlsClient, t.tls, t.bound)) {
            watchdog.schedule(() -> close(h2), t.bound.toMillis() * 3, TimeUnit.MILLISECONDS);
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            first.writeBytes(Http2Connection.getRequest("/v1/stream/h2-flood"));
            if (expanding) {
                first.write(0x40);
                Http2Connection.integer(first, 0x00, 7, 8);
                first.writeBytes("x-expand".getBytes());
                Http2Connection.integer(first, 0x00, 7, 4000);
                first.writeBytes("v".repeat(4000).getBytes());
            }
            h2.frame(Http2Connection.HEADERS, Http2Connection.END_STREAM, 1, first.toByteArray());
            byte[] fragment = expanding ? indexedRepeats() : literalRepeats();
            try {
                while (sent < FLOOD_BYTES && !h2.refused() && h2.resets == 0) {
                    h2.frame(Http2Connection.CONTINUATION, 0, 1, fragment);
                    sent += fragment.length;
                    if (sent % (1 << 20) < fragment.length) {
                        h2.flush();
                    }
                }
                h2.flush();
            } catch (IOException e) {
                // The server ended the connection.
            }
            stopped = !h2.timedOut && (h2.refused() || h2.resets > 0 || sent < FLOOD_BYTES);
        } finally {
            watchdog.shutdownNow();
        }
        Answer flood = stopped ? Answer.status(431) : new Answer(Answer.Kind.ANSWERED, 0, List.of(), new byte[0],
                Duration.ofNanos(System.nanoTime() - started));
        seen.add(new Observation("h2", (expanding ? "expanding " : "") + "CONTINUATION flood, " + (sent >> 20)
                + " MiB sent", flood, Expect.oneOf(431).and("the server ends the flood before " + (FLOOD_BYTES >> 20)
                + " MiB", a -> true)));
        seen.add(afterwards(t, "CONTINUATION flood"));
        return seen;
    }

    private static byte[] literalRepeats() {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        while (block.size() < 16_000) {
            block.write(0x00);
            Http2Connection.integer(block, 0x00, 7, 5);
            block.writeBytes("x-pad".getBytes());
            Http2Connection.integer(block, 0x00, 7, 100);
            block.writeBytes("p".repeat(100).getBytes());
        }
        return block.toByteArray();
    }

    private static byte[] indexedRepeats() {
        byte[] block = new byte[16_000];
        Arrays.fill(block, (byte) 0xBE);
        return block;
    }

    private static void close(Http2Connection h2) {
        h2.timedOut = true;
        try {
            h2.close();
        } catch (IOException e) {
            // Closing to end a blocked write; nothing else to do.
        }
    }
}
