package io.dsk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the binary of Debian's {@code prometheus} package) as a child process on
 * an ephemeral port, with its HTTP API, and {@code promtool} beside it.
 */
public final class PrometheusProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI baseUrl;
    private final Path log;

    private PrometheusProcess(Process process, URI baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /**
     * Finds a binary of the {@code prometheus} package on the PATH or in {@code /usr/bin}.
     *
     * @throws IllegalStateException if it is not installed, naming the package to install
     */
    public static Path binary(String name) {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, name));
            }
        }
        candidates.add(Path.of("/usr/bin", name));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException(name + " is not installed: install Debian's prometheus package "
                        + "(apt-get install prometheus; .ci/run does)"));
    }

    /**
     * Runs {@code promtool} with the arguments.
     *
     * @return its exit status and output
     */
    public static ToolResult promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary("promtool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish");
        }
        return new ToolResult(p.exitValue(), output);
    }

    /** What a tool run answered. */
    public record ToolResult(int exitCode, String output) {
    }

    /**
     * Starts Prometheus with {@code config}, its storage under {@code storage}, and waits until it is ready.
     *
     * @param log where its output goes
     */
    public static PrometheusProcess start(Path config, Path storage, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(binary("prometheus").toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + storage,
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusProcess prometheus = new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port), log);
        prometheus.awaitReady();
        return prometheus;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(baseUrl.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // polled again below
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("prometheus was not ready within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    /**
     * Runs an instant query through {@code /api/v1/query}.
     *
     * @return the HTTP status and the parsed answer ({@code status}, {@code data.result} or {@code error})
     */
    public Answer query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The active (pending and firing) alerts, from {@code /api/v1/alerts}. */
    public JsonNode alerts() throws IOException, InterruptedException {
        return get("/api/v1/alerts").json().path("data");
    }

    /** The loaded rules and their health, from {@code /api/v1/rules}. */
    public JsonNode rules() throws IOException, InterruptedException {
        return get("/api/v1/rules").json().path("data");
    }

    private Answer get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** An answer of the HTTP API. */
    public record Answer(int status, JsonNode json) {
        public boolean succeeded() {
            return status == 200 && "success".equals(json.path("status").asText());
        }

        public JsonNode result() {
            return json.path("data").path("result");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
