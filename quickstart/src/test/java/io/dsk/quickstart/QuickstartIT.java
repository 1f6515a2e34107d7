package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, as a newcomer runs it: the shaded quickstart jar starts Kafka,
 * Connect with the plugin, the gateway and sample traffic; records of all three use cases reach
 * their streams; Ctrl-C (SIGTERM) stops it in order, without errors, and exits 0; a second run on
 * the same data directory keeps what was written, the printed addresses and the user's own
 * connectors, and goes on; so does a run after the process was killed.
 */
class QuickstartIT {

    private static final Pattern OPEN_LINE = Pattern.compile("^open (http://\\S+)/$");
    private static final Pattern BOOTSTRAP_LINE = Pattern.compile("^Kafka bootstrap servers: (\\S+)$");
    private static final Pattern CONNECT_LINE = Pattern.compile("^Kafka Connect REST API: (http://\\S+)$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration TRAFFIC = Duration.ofMinutes(2);
    /**
     * How soon after a restart sample records must flow again: well below the 45 s consumer session
     * timeout that a restart used to wait out.
     */
    private static final Duration RESUME = Duration.ofSeconds(30);
    /**
     * Warnings a whole run may log: KRaft bootstraps an empty metadata log, the worker's leave
     * request may still be pending when its client closes, the broker closes a client twice.
     */
    private static final int MAX_WARNINGS = 4;
    private static final String USER_TOPIC = "user.events";
    private static final String USER_CONNECTOR = "user-events";
    private static final String USER_STREAM = "user/events";

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    /** The gateway port of every run of a test, so connectors created over REST keep their URL. */
    private final int gatewayPort = freePort();

    @Test
    void helpPrintsTheFullUsageAndExitsZero() throws Exception {
        Process process = new ProcessBuilder("java", "-jar", jar(), "--help").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("usage:", "--port", "--data-dir", "--no-sample-data", "--gateway-option", "--help");
    }

    @Test
    void stopsInOrderAndResumesAfterStopAndKillWithTheSameAddressesAndConnectors() throws Exception {
        String closedChat;
        long customersTail;
        Run first = Run.start(dataDir, gatewayPort);
        try {
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

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrap))) {
                admin.createTopics(List.of(new NewTopic(USER_TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            new ConnectWorkerClient(first.connectUrl).start(USER_CONNECTOR, userConnector(first.url));
            produceUserEvents(first.bootstrap, 1, 5);
            awaitUserEvents(first.url, 5);

            Run second = Run.start(dataDir, gatewayPort, false);
            assertThat(second.awaitExit()).as("a second instance gives up").isTrue();
            assertThat(second.process.exitValue()).isNotZero();
            assertThat(String.join("\n", second.lines)).contains("already running");

            customersTail = tail(first.url, "db/inventory/customers");
            first.terminate();
        } finally {
            first.close();
        }
        assertThat(first.process.exitValue()).as("exit status after SIGTERM").isZero();
        assertThat(first.lines).as("lines logged at ERROR").noneMatch(l -> l.contains(" ERROR "));
        int lastTaskStopped = lastIndexOf(first.lines, "Stopping Durable Streams sink task");
        int gatewayStopping = lastIndexOf(first.lines, "dsk-gateway shutting down");
        assertThat(lastTaskStopped).as("the sink tasks stopped").isNotNegative();
        assertThat(gatewayStopping).as("the gateway stops after every sink task").isGreaterThan(lastTaskStopped);
        assertThat(first.lines.stream().filter(l -> l.contains(" WARN ")).toList())
                .as("lines logged at WARN").hasSizeLessThanOrEqualTo(MAX_WARNINGS);

        long killedAt;
        Run second = Run.start(dataDir, gatewayPort);
        try {
            assertThat(second.bootstrap).as("the bootstrap address survives a restart").isEqualTo(first.bootstrap);
            assertThat(second.connectUrl).as("the Connect URL survives a restart").isEqualTo(first.connectUrl);
            JsonNode again = readAll(second.url, closedChat);
            assertThat(again.get(again.size() - 1).path("finish_reason").asText())
                    .as("%s survived the restart", closedChat).isEqualTo("stop");
            awaitGrowth(second, "db/inventory/customers", customersTail);
            assertThat(getJson(second.connectUrl + "/connectors")).as("connectors after the restart")
                    .anyMatch(n -> n.asText().equals(USER_CONNECTOR));
            produceUserEvents(second.bootstrap, 6, 10);
            List<JsonNode> events = awaitUserEvents(second.url, 10);
            assertThat(events).as("the user's connector resumed from its committed offsets, no record twice")
                    .extracting(e -> e.path("seq").asInt()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            killedAt = tail(second.url, "db/inventory/customers");
            second.kill();
        } finally {
            second.close();
        }

        Run third = Run.start(dataDir, gatewayPort);
        try {
            awaitGrowth(third, "db/inventory/customers", killedAt);
            assertThat(getJson(third.connectUrl + "/connectors")).anyMatch(n -> n.asText().equals(USER_CONNECTOR));
            List<String> inserted = new ArrayList<>();
            for (JsonNode change : readAll(third.url, "db/inventory/customers")) {
                if (change.path("headers").path("operation").asText().equals("insert")) {
                    inserted.add(change.path("key").asText());
                }
            }
            Set<String> distinct = new HashSet<>(inserted);
            assertThat(distinct).as("sample customer ids continue across restarts; inserted keys %s", inserted)
                    .hasSameSizeAs(inserted);
            third.terminate();
        } finally {
            third.close();
        }
        assertThat(third.process.exitValue()).isZero();
        assertThat(third.lines).noneMatch(l -> l.contains(" ERROR "));
    }

    private static int lastIndexOf(List<String> lines, String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private void awaitGrowth(Run run, String path, long before) throws Exception {
        long deadline = run.openedAt + RESUME.toNanos();
        while (System.nanoTime() < deadline) {
            if (tail(run.url, path) > before) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not grow within " + RESUME + " of the restart");
    }

    private static Map<String, String> userConnector(String gatewayUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.dsk.connector.DurableStreamsSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", USER_TOPIC);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("ds.url", gatewayUrl + "/v1/stream");
        config.put("ds.stream.template", USER_STREAM);
        config.put("ds.content.type", "application/json");
        config.put("ds.close.on", "none");
        return config;
    }

    private static void produceUserEvents(String bootstrap, int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (int seq = from; seq <= to; seq++) {
                producer.send(new ProducerRecord<>(USER_TOPIC, 0, "k", "{\"seq\":" + seq + "}")).get();
            }
        }
    }

    private List<JsonNode> awaitUserEvents(String url, int count) throws Exception {
        JsonNode events = await(count + " user events", () -> Optional.of(readAll(url, USER_STREAM))
                .filter(a -> a.size() >= count));
        List<JsonNode> list = new ArrayList<>();
        events.forEach(list::add);
        return list;
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
        if (res.statusCode() == 404) {
            return 0;
        }
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jar() {
        return System.getProperty("dsk.quickstart.jar", "target/dsk-quickstart.jar");
    }

    @FunctionalInterface
    private interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    /** One run of the quickstart jar as a child process, with every line it printed. */
    private static final class Run implements AutoCloseable {
        private final Process process;
        private final List<String> lines;
        private final String url;
        private final String bootstrap;
        private final String connectUrl;
        private final Thread pump;
        private final long openedAt = System.nanoTime();

        private Run(Process process, Thread pump, List<String> lines, String url) {
            this.process = process;
            this.pump = pump;
            this.lines = lines;
            this.url = url;
            this.bootstrap = find(lines, BOOTSTRAP_LINE);
            this.connectUrl = find(lines, CONNECT_LINE);
        }

        static Run start(Path dataDir, int port) throws Exception {
            return start(dataDir, port, true);
        }

        /** Starts the jar; when {@code awaitOpen}, waits for its {@code open} line. */
        static Run start(Path dataDir, int port, boolean awaitOpen) throws Exception {
            Process process = new ProcessBuilder("java", "-jar", jar(), "--port", Integer.toString(port),
                    "--data-dir", dataDir.toString())
                    .redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            CompletableFuture<String> url = new CompletableFuture<>();
            Thread pump = new Thread(() -> pump(process, lines, url), "quickstart-output");
            pump.setDaemon(true);
            pump.start();
            if (!awaitOpen) {
                return new Run(process, pump, lines, null);
            }
            try {
                String opened = url.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
                // The address lines come before the open line, so they are in by now.
                return new Run(process, pump, lines, opened);
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        private static String find(List<String> lines, Pattern pattern) {
            for (String line : lines) {
                Matcher m = pattern.matcher(line);
                if (m.matches()) {
                    return m.group(1);
                }
            }
            return null;
        }

        private static void pump(Process process, List<String> lines, CompletableFuture<String> url) {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[quickstart] " + line);
                    lines.add(line);
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

        /**
         * Sends SIGTERM, as Ctrl-C would, and waits for the process to end and for its last line.
         * Through its handle: {@code Process.destroy()} would also close the pipe of its output,
         * and so lose every line it prints while it stops.
         */
        void terminate() throws InterruptedException {
            process.toHandle().destroy();
            assertThat(awaitExit()).as("quickstart stops within two minutes of SIGTERM").isTrue();
        }

        /** Sends SIGKILL: no shutdown hook runs, nothing leaves its group. */
        void kill() throws InterruptedException {
            process.toHandle().destroyForcibly();
            awaitExit();
        }

        /** Waits for the process to end and its output to be read to the end. */
        boolean awaitExit() throws InterruptedException {
            boolean exited = process.waitFor(2, TimeUnit.MINUTES);
            pump.join(TimeUnit.SECONDS.toMillis(30));
            return exited;
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                process.waitFor(1, TimeUnit.MINUTES);
            }
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
