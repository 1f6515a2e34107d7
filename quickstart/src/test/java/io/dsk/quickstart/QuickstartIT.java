package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, as a newcomer runs it: the shaded quickstart jar starts Kafka,
 * Connect with the plugin, the gateway and sample traffic; records of all three use cases reach
 * their streams; Ctrl-C (SIGTERM) stops it cleanly; a second run on the same data directory keeps
 * what was written and goes on.
 */
class QuickstartIT {

    private static final Pattern OPEN_LINE = Pattern.compile("^open (http://\\S+)/$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration TRAFFIC = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void startsShowsEveryUseCaseStopsCleanlyAndResumes() throws Exception {
        String closedChat;
        long customersTail;
        try (Run first = Run.start(dataDir)) {
            closedChat = await("a closed chat stream", () -> firstStream(first.url, "chat/", true));
            JsonNode tokens = readAll(first.url, closedChat);
            assertThat(tokens).isNotEmpty();
            for (int i = 0; i < tokens.size(); i++) {
                assertThat(tokens.get(i).path("index").asInt()).as("token order in %s", closedChat).isEqualTo(i);
            }
            assertThat(tokens.get(tokens.size() - 1).path("finish_reason").asText()).isEqualTo("stop");

            await("a closed job stream", () -> firstStream(first.url, "jobs/", true));
            JsonNode changes = await("customer changes", () -> Optional.of(readAll(first.url, "db/inventory/customers"))
                    .filter(a -> a.size() > 0));
            for (JsonNode change : changes) {
                assertThat(change.path("type").asText()).isEqualTo("customers");
                assertThat(change.path("headers").path("operation").asText()).isIn("insert", "update", "delete");
            }
            customersTail = tail(first.url, "db/inventory/customers");
            first.stop();
            assertThat(first.exited).as("quickstart stops within a minute of SIGTERM").isTrue();
        }

        try (Run second = Run.start(dataDir)) {
            JsonNode again = readAll(second.url, closedChat);
            assertThat(again.get(again.size() - 1).path("finish_reason").asText())
                    .as("%s survived the restart", closedChat).isEqualTo("stop");
            await("the change feed to go on after the restart", () -> {
                long tail = tail(second.url, "db/inventory/customers");
                return tail > customersTail ? Optional.of(tail) : Optional.empty();
            });
        }
    }

    private Optional<String> firstStream(String url, String prefix, boolean closed) throws Exception {
        JsonNode list = getJson(url + "/v1/stream/__ds/streams?prefix=" + prefix);
        for (JsonNode s : list.path("streams")) {
            if (s.path("closed").asBoolean() == closed) {
                return Optional.of(s.path("path").asText());
            }
        }
        return Optional.empty();
    }

    private JsonNode readAll(String url, String path) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String offset = "-1";
        while (true) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                    URI.create(url + "/v1/stream/" + path + "?offset=" + offset)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 404) {
                return JSON.createArrayNode();
            }
            assertThat(res.statusCode()).as("read %s", path).isEqualTo(200);
            JSON.readTree(res.body()).forEach(items::add);
            offset = res.headers().firstValue("Stream-Next-Offset").orElseThrow();
            if (res.headers().firstValue("Stream-Up-To-Date").isPresent()) {
                return JSON.createArrayNode().addAll(items);
            }
        }
    }

    private long tail(String url, String path) throws Exception {
        HttpResponse<Void> res = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/stream/" + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(res.statusCode()).isEqualTo(200);
        String next = res.headers().firstValue("Stream-Next-Offset").orElseThrow();
        return Long.parseLong(next.substring(next.indexOf('_') + 1));
    }

    private JsonNode getJson(String url) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as("GET %s: %s", url, res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private static <T> T await(String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + TRAFFIC.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("gave up waiting for " + what + " after " + TRAFFIC);
    }

    @FunctionalInterface
    private interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    /** One run of the quickstart jar as a child process. */
    private static final class Run implements AutoCloseable {
        private final Process process;
        private final String url;
        private boolean exited;

        private Run(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static Run start(Path dataDir) throws Exception {
            String jar = System.getProperty("dsk.quickstart.jar", "target/dsk-quickstart.jar");
            Process process = new ProcessBuilder("java", "-jar", jar, "--port", "0", "--data-dir", dataDir.toString())
                    .redirectErrorStream(true).start();
            CompletableFuture<String> url = new CompletableFuture<>();
            Thread pump = new Thread(() -> pump(process, url), "quickstart-output");
            pump.setDaemon(true);
            pump.start();
            try {
                return new Run(process, url.get(STARTUP.toSeconds(), TimeUnit.SECONDS));
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        private static void pump(Process process, CompletableFuture<String> url) {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[quickstart] " + line);
                    Matcher m = OPEN_LINE.matcher(line);
                    if (m.matches()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IOException("the quickstart exited before printing its URL"));
        }

        /** Sends SIGTERM, as Ctrl-C would, and waits for the process to end. */
        void stop() throws InterruptedException {
            process.destroy();
            exited = process.waitFor(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                stop();
            }
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
