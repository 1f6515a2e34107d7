package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the console's browser tests ({@code src/test/browser/console.test.mjs}) in Debian's
 * Chromium against a real quickstart stack without sample data. The tests ask this class to
 * produce records to Kafka through a loopback hook, so what the page shows came through Connect,
 * the DSK plugin and the gateway. Screenshots land in {@code target/browser-screenshots}.
 */
class ConsoleBrowserIT {

    private static final Pattern SUMMARY = Pattern.compile("^# (tests|pass|fail) (\\d+)$", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static QuickstartMain quickstart;
    private static QuickstartMain.Running running;
    private static KafkaProducer<String, String> producer;
    private static HttpServer produceHook;

    @BeforeAll
    static void startStack() throws Exception {
        QuickstartMain.Options options = QuickstartMain.Options.parse(new String[] {
            "--port", "0", "--data-dir", dataDir.toString(), "--no-sample-data"});
        quickstart = new QuickstartMain(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        running = quickstart.start(options);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        produceHook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        produceHook.createContext("/produce", ConsoleBrowserIT::produce);
        produceHook.start();
    }

    @AfterAll
    static void stopStack() {
        if (produceHook != null) {
            produceHook.stop(0);
        }
        if (producer != null) {
            producer.close();
        }
        if (quickstart != null) {
            quickstart.close();
        }
    }

    @Test
    void consolePassesItsBrowserTests() throws Exception {
        Path browserDir = Path.of(System.getProperty("dsk.browser.dir", "src/test/browser"));
        Path screenshots = Path.of(System.getProperty("dsk.screenshots", "target/browser-screenshots"));
        Path log = Files.createDirectories(screenshots).resolve("browser-tests.log");
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=tap", "console.test.mjs")
                .directory(browserDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("DSK_URL", running.gatewayUrl());
        node.environment().put("DSK_PRODUCE_URL", "http://127.0.0.1:" + produceHook.getAddress().getPort() + "/produce");
        node.environment().put("DSK_SCREENSHOTS", screenshots.toAbsolutePath().toString());
        node.environment().put("DSK_CHROMIUM", System.getProperty("dsk.chromium", "/usr/bin/chromium"));
        Process process = node.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Map<String, Integer> summary = summary(output);
        System.out.printf("console browser tests: %d passed, %d failed%n",
                summary.getOrDefault("pass", 0), summary.getOrDefault("fail", 0));
        assertThat(finished).as("browser tests finished within 5 minutes; log: %s", log).isTrue();
        assertThat(summary.get("tests")).as("tests found in %s", log).isPositive();
        assertThat(summary.get("fail")).as("failed browser tests:%n%s", output).isZero();
        assertThat(summary.get("pass")).isEqualTo(summary.get("tests"));
        assertThat(process.exitValue()).isZero();
        for (String shot : List.of("tail.png", "reload-resume-closed.png", "closed-job.png", "state-table.png")) {
            assertThat(screenshots.resolve(shot)).isNotEmptyFile();
        }
    }

    private static Map<String, Integer> summary(String tap) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        Matcher m = SUMMARY.matcher(tap);
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return counts;
    }

    /** {@code POST /produce} with a JSON array of {@code {topic, key, value}}: produces them in order. */
    private static void produce(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode records = JSON.readTree(exchange.getRequestBody());
            for (JsonNode r : records) {
                producer.send(new ProducerRecord<>(r.path("topic").asText(), text(r.get("key")), text(r.get("value"))));
            }
            producer.flush();
            exchange.sendResponseHeaders(204, -1);
        } catch (RuntimeException e) {
            byte[] reason = e.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, reason.length);
            exchange.getResponseBody().write(reason);
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}
