package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a {@code node:test} file with the TAP reporter, its output kept in a log file, and the
 * counts of its summary ({@code # tests}, {@code # pass}, {@code # fail}).
 */
final class NodeTestRun {

    private static final Pattern SUMMARY = Pattern.compile("^# (tests|pass|fail) (\\d+)$", Pattern.MULTILINE);

    private final Path log;
    private final boolean finished;
    private final int exitValue;
    private final String output;
    private final Map<String, Integer> summary = new HashMap<>();

    private NodeTestRun(Path log, boolean finished, int exitValue, String output) {
        this.log = log;
        this.finished = finished;
        this.exitValue = exitValue;
        this.output = output;
        Matcher m = SUMMARY.matcher(output);
        while (m.find()) {
            summary.put(m.group(1), Integer.parseInt(m.group(2)));
        }
    }

    /**
     * Runs {@code node --test} on one file and waits for it.
     *
     * @param directory where the test file and its node_modules are
     * @param environment added to this process's environment
     * @param log where the output goes (its directory is created)
     * @param timeout how long the run may take before it is killed
     */
    static NodeTestRun run(Path directory, String testFile, Map<String, String> environment, Path log,
            Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=tap", testFile)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().putAll(environment);
        Process process = node.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        return new NodeTestRun(log, finished, finished ? process.exitValue() : -1, Files.readString(log));
    }

    int passed() {
        return summary.getOrDefault("pass", 0);
    }

    int failed() {
        return summary.getOrDefault("fail", 0);
    }

    /** Asserts that the run finished, found tests, and that every one passed. */
    void assertAllPassed() {
        assertThat(finished).as("node tests finished in time; log: %s", log).isTrue();
        assertThat(summary.get("tests")).as("tests found; log: %s", log).isNotNull().isPositive();
        assertThat(failed()).as("failed node tests:%n%s", output).isZero();
        assertThat(passed()).as("passed node tests:%n%s", output).isEqualTo(summary.get("tests"));
        assertThat(exitValue).as("node exit status; log: %s", log).isZero();
    }
}
