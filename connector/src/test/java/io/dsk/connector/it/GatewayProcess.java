package io.dsk.connector.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real gateway jar, run as a child process on an ephemeral port the first time and on the same port after a
 * restart, so that a load balancer in front of it keeps its address.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("dsk-gateway listening on (http://\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final Path log;
    private final List<String> extraArgs;
    private Process process;
    private String origin;
    private int port;

    GatewayProcess(Path dataDir, Path log) {
        this(dataDir, log, List.of());
    }

    /**
     * @param extraArgs further command-line options, e.g. the cluster options of a cluster node
     */
    GatewayProcess(Path dataDir, Path log, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.log = log;
        this.extraArgs = List.copyOf(extraArgs);
    }

    static Path jar() {
        String jar = System.getProperty("dsk.gateway.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The gateway jar is missing (" + jar + "); build the gateway module first: "
                    + "mvn -pl connector -am verify");
        }
        return Path.of(jar);
    }

    GatewayProcess start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-jar", jar().toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(ready), "gateway-log");
        pump.setDaemon(true);
        pump.start();
        try {
            origin = ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the gateway did not start; see " + log, e);
        }
        port = Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
        return this;
    }

    private void pump(CompletableFuture<String> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    ready.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("the gateway exited"));
    }

    /** @return the stream base URL, e.g. http://127.0.0.1:41234/v1/stream */
    String streamBase() {
        return origin + "/v1/stream";
    }

    /** @return e.g. http://127.0.0.1:41234 */
    String origin() {
        return origin;
    }

    /** Waits until {@code /readyz} answers 200 (a cluster node: caught up with the command log). */
    GatewayProcess awaitReady(Duration timeout) throws InterruptedException {
        ItEnvironment.awaitTrue("/readyz of the gateway at " + origin + " (log: " + log + ")", timeout, () -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(origin + "/readyz")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return this;
    }

    /** SIGKILL, like a crashed machine; waits until the process is gone. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Stops gracefully and waits. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Restarts on the same port and data directory. */
    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
