package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser tests of {@code src/test/browser} in Debian's Chromium: the console page
 * ({@code console.test.mjs}) and the browser snippet of {@code docs/auth.md}
 * ({@code auth-snippet.test.mjs}), and a page on another origin reading a stream and its protocol
 * headers ({@code cross-origin.test.mjs}), against two gateway jars, one without auth and one with auth on
 * (HS256 tokens whose {@code ds} claim carries the grants). Screenshots land in
 * {@code target/browser-screenshots}.
 */
class ConsolePageIT {

    private static final Pattern SUMMARY = Pattern.compile("^# (tests|pass|fail) (\\d+)$", Pattern.MULTILINE);
    private static final String SECRET = "console-page-it-hmac-secret-of-at-least-32-bytes";

    private static GatewayProcess open;
    private static GatewayProcess secured;

    @BeforeAll
    static void startGateways() throws Exception {
        open = GatewayProcess.start("console-open", "--host", "127.0.0.1", "--port", "0", "--in-memory",
                "--long-poll-timeout", "5s", "--retention", "retained/** 40", "--retention-check-interval", "100ms");
        secured = GatewayProcess.start("console-auth", "--host", "127.0.0.1", "--port", "0", "--in-memory",
                "--long-poll-timeout", "5s", "--auth-enabled", "true", "--auth-jwt-hmac-secret", SECRET,
                "--auth-grants-claim", "ds");
    }

    @AfterAll
    static void stopGateways() throws InterruptedException {
        if (open != null) {
            open.close();
        }
        if (secured != null) {
            secured.close();
        }
    }

    @Test
    void consoleAuthSnippetAndCrossOriginPassTheirBrowserTests() throws Exception {
        Path browserDir = Path.of(System.getProperty("dsk.browser.dir", "src/test/browser"));
        Path screenshots = Path.of(System.getProperty("dsk.screenshots", "target/browser-screenshots"));
        Path log = Files.createDirectories(screenshots).resolve("browser-tests.log");
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=tap",
                "console.test.mjs", "auth-snippet.test.mjs", "cross-origin.test.mjs")
                .directory(browserDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("DSK_URL", open.baseUrl().toString());
        node.environment().put("DSK_AUTH_URL", secured.baseUrl().toString());
        node.environment().put("DSK_AUTH_SECRET", SECRET);
        node.environment().put("DSK_AUTH_DOC",
                Path.of(System.getProperty("dsk.repo.root", ".."), "docs", "auth.md").toAbsolutePath().toString());
        node.environment().put("DSK_SCREENSHOTS", screenshots.toAbsolutePath().toString());
        node.environment().put("DSK_CHROMIUM", System.getProperty("dsk.chromium", "/usr/bin/chromium"));
        Process process = node.start();
        process.getOutputStream().close();
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
        for (String shot : List.of("list-search.png", "kafka-offsets.png", "ai-tokens-closed.png", "error.png",
                "narrow.png", "auth-401.png", "auth-read-only.png", "auth-snippet.png", "cross-origin.png")) {
            assertThat(screenshots.resolve(shot)).isNotEmptyFile();
        }
    }

    private static Map<String, Integer> summary(String tap) {
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = SUMMARY.matcher(tap);
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return counts;
    }
}
