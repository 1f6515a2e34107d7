package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the live orders example ({@code examples/live-orders}) as its README says, against a real
 * quickstart stack without sample data: the example's {@code connector.json} is created in the
 * stack's Connect worker, and {@code src/test/browser/live-orders.test.mjs} produces orders to
 * Kafka through a loopback hook, serves the page with the example's {@code serve.mjs}, and checks
 * in Debian's Chromium that the orders, and the changes made after the page loaded, show up. The
 * same file runs the Node programs of {@code docs/clients.md} against the stream.
 */
class LiveOrdersExampleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECTOR = "live-orders";
    private static final Path REPO = Path.of(System.getProperty("dsk.repo.root", ".."));
    private static final Path EXAMPLE = Path.of(System.getProperty("dsk.live-orders.dir",
            REPO.resolve("examples/live-orders").toString()));

    @TempDir
    static Path dataDir;

    private static QuickstartMain quickstart;
    private static QuickstartMain.Running running;
    private static ProduceHook produceHook;

    @BeforeAll
    static void startStack() throws Exception {
        quickstart = new QuickstartMain(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        running = quickstart.start(QuickstartMain.Options.parse(new String[] {
            "--port", "0", "--data-dir", dataDir.toString(), "--no-sample-data"}));
        new ConnectWorkerClient(running.connectUrl()).start(CONNECTOR, exampleConnector(running.gatewayUrl()));
        produceHook = ProduceHook.start(running.bootstrapServers());
    }

    @AfterAll
    static void stopStack() {
        if (produceHook != null) {
            produceHook.close();
        }
        if (quickstart != null) {
            quickstart.close();
        }
    }

    /** The example's connector.json, which names the quickstart's default gateway, pointed at this one. */
    private static Map<String, String> exampleConnector(String gatewayUrl) throws IOException {
        Map<String, String> config = new LinkedHashMap<>(JSON.readValue(EXAMPLE.resolve("connector.json").toFile(),
                new TypeReference<Map<String, String>>() { }));
        assertThat(config).containsEntry("ds.url", "http://127.0.0.1:4437/v1/stream");
        config.put("ds.url", gatewayUrl + "/v1/stream");
        return config;
    }

    @Test
    void examplePageShowsOrdersFromKafkaLiveAndTheClientDocsProgramsRun() throws Exception {
        Path browserDir = Path.of(System.getProperty("dsk.browser.dir", "src/test/browser"));
        Path screenshots = Path.of(System.getProperty("dsk.screenshots", "target/browser-screenshots"));
        NodeTestRun run = NodeTestRun.run(browserDir, "live-orders.test.mjs", Map.of(
                "DSK_URL", running.gatewayUrl(),
                "DSK_PRODUCE_URL", produceHook.url(),
                "DSK_EXAMPLE_DIR", EXAMPLE.toAbsolutePath().toString(),
                "DSK_CLIENTS_DOC", REPO.resolve("docs/clients.md").toAbsolutePath().toString(),
                "DSK_SCREENSHOTS", screenshots.toAbsolutePath().toString(),
                "DSK_CHROMIUM", System.getProperty("dsk.chromium", "/usr/bin/chromium")),
                screenshots.resolve("live-orders-tests.log"), Duration.ofMinutes(3));
        System.out.printf("live orders example tests: %d passed, %d failed%n", run.passed(), run.failed());
        run.assertAllPassed();
        assertThat(screenshots.resolve("live-orders.png")).isNotEmptyFile();
    }
}
