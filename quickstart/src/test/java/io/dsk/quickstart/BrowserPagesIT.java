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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser pages, in Debian's Chromium against one real quickstart stack without sample data
 * (one stack for both, since starting it is most of the time): the console's tests
 * ({@code src/test/browser/console.test.mjs}), and the live orders example
 * ({@code examples/live-orders}) run as its README says, its {@code connector.json} created in the
 * stack's Connect worker ({@code src/test/browser/live-orders.test.mjs}, which also runs the Node
 * programs of {@code docs/clients.md}). The tests ask this class to produce records to Kafka through
 * a loopback hook, so what the pages show came through Connect, the DSK plugin and the gateway.
 * Screenshots land in {@code target/browser-screenshots}.
 */
class BrowserPagesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE_CONNECTOR = "live-orders";
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
        QuickstartMain.Options options = QuickstartMain.Options.parse(new String[] {
            "--port", "0", "--data-dir", dataDir.toString(), "--no-sample-data"});
        quickstart = new QuickstartMain(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        running = quickstart.start(options);
        new ConnectWorkerClient(running.connectUrl()).start(EXAMPLE_CONNECTOR, exampleConnector(running.gatewayUrl()));
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
    void consolePassesItsBrowserTests() throws Exception {
        Path browserDir = Path.of(System.getProperty("dsk.browser.dir", "src/test/browser"));
        Path screenshots = Path.of(System.getProperty("dsk.screenshots", "target/browser-screenshots"));
        NodeTestRun run = NodeTestRun.run(browserDir, "console.test.mjs", Map.of(
                "DSK_URL", running.gatewayUrl(),
                "DSK_PRODUCE_URL", produceHook.url(),
                "DSK_SCREENSHOTS", screenshots.toAbsolutePath().toString(),
                "DSK_CHROMIUM", System.getProperty("dsk.chromium", "/usr/bin/chromium")),
                screenshots.resolve("browser-tests.log"), Duration.ofMinutes(5));
        System.out.printf("console browser tests: %d passed, %d failed%n", run.passed(), run.failed());
        run.assertAllPassed();
        for (String shot : List.of("tail.png", "reload-resume-closed.png", "closed-job.png", "state-table.png")) {
            assertThat(screenshots.resolve(shot)).isNotEmptyFile();
        }
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
