package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the official Durable Streams server conformance suite
 * ({@code @durable-streams/server-conformance-tests}, pinned in
 * {@code src/test/conformance/package.json}) against the gateway jar, once on RocksDB and once in
 * memory, with its subscription group on, and requires every test to pass. The suite runs its own
 * webhook receivers on loopback, so the gateway runs in the development mode that allows them
 * ({@code --subscriptions-allow-loopback-webhooks}).
 */
public class ConformanceIT {

    /** The suite's group that runs only with {@code subscriptions: true}. */
    private static final String SUBSCRIPTION_GROUP = "Reserved subscription APIs";
    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(15);
    private static final List<GatewayProcess> STARTED = new ArrayList<>();

    @TempDir
    Path temp;

    @AfterAll
    static void stopGateways() throws InterruptedException {
        for (GatewayProcess gateway : STARTED) {
            gateway.close();
        }
    }

    @Test
    void passesTheConformanceSuiteOnRocksDb() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        runSuite("rocksdb", "--data-dir", dataDir.toString());
    }

    @Test
    void passesTheConformanceSuiteInMemory() throws Exception {
        runSuite("in-memory", "--in-memory");
    }

    private void runSuite(String mode, String... storeArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--long-poll-timeout", "500ms",
                "--subscriptions-allow-loopback-webhooks"));
        args.addAll(List.of(storeArgs));
        GatewayProcess gateway = GatewayProcess.start("conformance-" + mode, args.toArray(String[]::new));
        STARTED.add(gateway);

        assertPasses(gateway.baseUrl(), mode, true, temp, gateway.log().resolveSibling("vitest-" + mode + ".log"));
        gateway.close();
    }

    /**
     * Runs the suite against {@code baseUrl} and requires every test it runs to pass.
     *
     * @param mode names the run in messages and files
     * @param subscriptions whether the suite's subscription group runs (and counts)
     * @param reportDir where the JSON report goes
     * @param log where vitest's output goes
     */
    public static void assertPasses(URI baseUrl, String mode, boolean subscriptions, Path reportDir, Path log)
            throws Exception {
        JsonNode report = runVitest(baseUrl, mode, subscriptions, reportDir, log);
        SuiteCounts counts = SuiteCounts.of(report, subscriptions ? null : SUBSCRIPTION_GROUP);
        System.out.printf("conformance (%s): %d passed, %d failed of %d%n", mode, counts.passed, counts.failed,
                counts.expected);

        assertThat(counts.expected).as("tests the suite defines").isPositive();
        assertThat(counts.failures).as("failed conformance tests (%s)", mode).isEmpty();
        assertThat(counts.passed).as("passed conformance tests (%s)", mode).isEqualTo(counts.expected);
    }

    private static JsonNode runVitest(URI baseUrl, String mode, boolean subscriptions, Path reportDir, Path log)
            throws IOException, InterruptedException {
        Path suiteDir = Path.of(System.getProperty("dsk.conformance.dir", "src/test/conformance"));
        Path vitest = suiteDir.resolve("node_modules/vitest/vitest.mjs");
        assertThat(vitest).as("conformance suite installed by the exec-maven-plugin (npm ci)").isRegularFile();
        Path report = reportDir.resolve("conformance-" + mode + ".json");
        ProcessBuilder builder = new ProcessBuilder("node", vitest.toAbsolutePath().toString(), "run",
                "--reporter=dot", "--reporter=json", "--outputFile.json=" + report.toAbsolutePath())
                .directory(suiteDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("DSK_CONFORMANCE_BASE_URL", baseUrl.toString());
        builder.environment().put("DSK_CONFORMANCE_SUBSCRIPTIONS", Boolean.toString(subscriptions));
        builder.environment().put("NO_COLOR", "1");
        Process vitestProcess = builder.start();
        try {
            if (!vitestProcess.waitFor(SUITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("conformance suite still running after " + SUITE_TIMEOUT + "; see " + log);
            }
        } finally {
            vitestProcess.destroyForcibly();
        }
        assertThat(report).as("vitest JSON report (vitest output in %s)", log).isRegularFile();
        return new ObjectMapper().readTree(report.toFile());
    }

    /** Passed, failed and expected counts of one vitest JSON report. */
    static final class SuiteCounts {
        final int passed;
        final int failed;
        final int expected;
        final List<String> failures;

        private SuiteCounts(int passed, int failed, int expected, List<String> failures) {
            this.passed = passed;
            this.failed = failed;
            this.expected = expected;
            this.failures = failures;
        }

        /**
         * @param report vitest's JSON report
         * @param excludedGroup a top-level group that does not count, or null
         */
        static SuiteCounts of(JsonNode report, String excludedGroup) {
            int passed = 0;
            int expected = 0;
            List<String> failures = new ArrayList<>();
            for (JsonNode file : report.path("testResults")) {
                for (JsonNode test : file.path("assertionResults")) {
                    if (excludedGroup != null && inGroup(test, excludedGroup)) {
                        continue;
                    }
                    expected++;
                    String status = test.path("status").asText();
                    if (status.equals("passed")) {
                        passed++;
                    } else if (status.equals("failed")) {
                        failures.add(test.path("fullName").asText());
                    }
                }
            }
            return new SuiteCounts(passed, failures.size(), expected, failures);
        }

        private static boolean inGroup(JsonNode test, String group) {
            for (JsonNode title : test.path("ancestorTitles")) {
                if (title.asText().equals(group)) {
                    return true;
                }
            }
            return false;
        }
    }
}
