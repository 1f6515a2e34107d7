package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the gateway jar with SIGKILL while producers append, restarts it on the same RocksDB
 * directory, and checks that every acknowledged append is there exactly once, in order, and that
 * producer state survived with it.
 */
class AppendDurabilityIT {

    private static final Pattern READY = Pattern.compile("listening on (http://\\S+)");
    private static final int STREAMS = 4;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly().waitFor();
        }
    }

    @Test
    void everyAcknowledgedAppendSurvivesSigkillExactlyOnce() throws Exception {
        String base = start();
        for (int s = 0; s < STREAMS; s++) {
            assertThat(send(base, "PUT", "crash-" + s, -1, "").statusCode()).isEqualTo(201);
        }
        AtomicLongArray acknowledged = new AtomicLongArray(STREAMS);
        for (int s = 0; s < STREAMS; s++) {
            acknowledged.set(s, -1);
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(STREAMS);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            int stream = s;
            done.add(CompletableFuture.runAsync(() -> appendUntilStopped(base, stream, acknowledged, stop), writers));
        }
        awaitAcknowledged(acknowledged, 20);
        gateway.destroyForcibly().waitFor();
        stop.set(true);
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        writers.shutdownNow();

        String restarted = start();
        for (int s = 0; s < STREAMS; s++) {
            String body = http.send(HttpRequest.newBuilder(URI.create(restarted + "/v1/stream/crash-" + s + "?offset=-1"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            long acked = acknowledged.get(s);
            StringBuilder expectedPrefix = new StringBuilder();
            for (long seq = 0; seq <= acked; seq++) {
                expectedPrefix.append(token(seq));
            }
            assertThat(body).startsWith(expectedPrefix.toString());
            assertThat(body.length() % token(0).length()).isZero();
            long stored = body.length() / token(0).length() - 1;
            assertThat(send(restarted, "POST", "crash-" + s, stored, token(stored)).statusCode())
                    .as("retry of the last stored producer seq is a duplicate").isEqualTo(204);
        }
    }

    private void appendUntilStopped(String base, int stream, AtomicLongArray acknowledged, AtomicBoolean stop) {
        for (long seq = 0; !stop.get(); seq++) {
            try {
                if (send(base, "POST", "crash-" + stream, seq, token(seq)).statusCode() == 200) {
                    acknowledged.set(stream, seq);
                }
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private static String token(long seq) {
        return String.format("<%08d>", seq);
    }

    private HttpResponse<String> send(String base, String method, String path, long seq, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/stream/" + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "text/plain")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (seq >= 0) {
            request.header("Producer-Id", "writer").header("Producer-Epoch", "0").header("Producer-Seq", Long.toString(seq));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitAcknowledged(AtomicLongArray acknowledged, long atLeast) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(60)).until("every stream got " + atLeast + " acknowledged appends",
                () -> IntStream.range(0, acknowledged.length()).mapToObj(acknowledged::get).toList(),
                seen -> seen.stream().allMatch(n -> n >= atLeast));
    }

    private String start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("dsk.gateway.jar", "target/dsk-gateway.jar"));
        gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("gateway exited before it was ready"));
        }, "crash-it-gateway-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return ready.get(90, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("gateway did not start", e);
        }
    }
}
