package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
}
