package io.dsk.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the runner's command line into the scenario choice and the {@link BenchSettings}. */
final class RunnerOptions {

    static final String USAGE = """
            java -cp 'bench/target/dsk-bench.jar:bench/target/lib/*' io.dsk.bench.run.BenchRunner \\
                 --scenario <id>|all [--rounds 3] [--seconds 10] [--results bench/results] [--set key=value]... \\
                 [--gateway-jar gateway/target/dsk-gateway.jar] [--node-dir bench/node] [--gateway-heap 512m] \\
                 [--long-poll-timeout-ms 30000] [--work-dir DIR]""";

    String scenario;
    int rounds = 3;
    long seconds = 10;
    Path results = Path.of("bench/results");
    Path gatewayJar = Path.of("gateway/target/dsk-gateway.jar");
    Path nodeDir = Path.of("bench/node");
    String gatewayHeap = "512m";
    long longPollTimeoutMillis = 30_000;
    Path workDir;
    final Map<String, String> set = new LinkedHashMap<>();

    static RunnerOptions parse(String[] args) {
        RunnerOptions o = new RunnerOptions();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value; usage:\n" + USAGE);
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--scenario" -> o.scenario = v;
                case "--rounds" -> o.rounds = number(args[i], v);
                case "--seconds" -> o.seconds = number(args[i], v);
                case "--results" -> o.results = Path.of(v);
                case "--gateway-jar" -> o.gatewayJar = Path.of(v);
                case "--node-dir" -> o.nodeDir = Path.of(v);
                case "--gateway-heap" -> o.gatewayHeap = v;
                case "--long-poll-timeout-ms" -> o.longPollTimeoutMillis = number(args[i], v);
                case "--work-dir" -> o.workDir = Path.of(v);
                case "--set" -> o.put(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage:\n" + USAGE);
            }
        }
        if (o.scenario == null) {
            throw new IllegalArgumentException("--scenario is required; usage:\n" + USAGE);
        }
        return o;
    }

    BenchSettings settings(String command) throws java.io.IOException {
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("dsk-bench");
        return new BenchSettings(rounds, Duration.ofSeconds(seconds), work, results, set, gatewayJar, nodeDir,
                gatewayHeap, Duration.ofMillis(longPollTimeoutMillis), LocalDate.now(ZoneOffset.UTC), command);
    }

    private void put(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set takes key=value (a scenario option), not " + assignment);
        }
        set.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not " + value);
        }
    }
}
