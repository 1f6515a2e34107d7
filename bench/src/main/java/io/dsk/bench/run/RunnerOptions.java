package io.dsk.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The runner's command line: the scenario choice and what {@link BenchSettings} are built from. */
@Command(name = "java -cp 'bench/target/dsk-bench.jar:bench/target/lib/*' io.dsk.bench.run.BenchRunner",
        sortOptions = false, usageHelpWidth = 120, description = "Runs benchmark scenarios against the gateway and the Node reference "
                + "server side by side and writes each scenario's report.")
final class RunnerOptions {

    @Option(names = "--scenario", required = true, paramLabel = "<id>|all",
            description = "A scenario id (appends, catchup, fanout, idle, e2e) or all.")
    String scenario;

    @Option(names = "--rounds", paramLabel = "N",
            description = "Measured rounds; one sample per round and server (default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--seconds", paramLabel = "S", description = "Length of one timed measurement (default ${DEFAULT-VALUE}).")
    long seconds = 10;

    @Option(names = "--results", paramLabel = "DIR",
            description = "Where reports, plots and profiles go (default ${DEFAULT-VALUE}).")
    Path results = Path.of("bench/results");

    @Option(names = "--set", paramLabel = "key=value",
            description = "A scenario option (repeatable); note=... adds a line to every report.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--gateway-jar", paramLabel = "JAR", description = "The gateway jar (default ${DEFAULT-VALUE}).")
    Path gatewayJar = Path.of("gateway/target/dsk-gateway.jar");

    @Option(names = "--node-dir", paramLabel = "DIR",
            description = "The reference server's directory (default ${DEFAULT-VALUE}).")
    Path nodeDir = Path.of("bench/node");

    @Option(names = "--gateway-heap", paramLabel = "SIZE", description = "The gateway's -Xmx (default ${DEFAULT-VALUE}).")
    String gatewayHeap = "512m";

    @Option(names = "--gateway-memory-heap", paramLabel = "SIZE",
            description = "The -Xmx of the gateway run with --in-memory, which keeps every stream in its heap and "
                    + "refuses appends past half of it (default ${DEFAULT-VALUE}).")
    String gatewayMemoryHeap = "4g";

    @Option(names = "--long-poll-timeout-ms", paramLabel = "MS",
            description = "Long-poll timeout given to both servers (default ${DEFAULT-VALUE}).")
    long longPollTimeoutMillis = 30_000;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Scratch space for the servers' data (default a new temp dir).")
    Path workDir;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Prints this usage.")
    boolean help;

    BenchSettings settings(String command) throws java.io.IOException {
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("dsk-bench");
        return new BenchSettings(rounds, Duration.ofSeconds(seconds), work, results, set, gatewayJar, nodeDir,
                gatewayHeap, gatewayMemoryHeap, Duration.ofMillis(longPollTimeoutMillis), LocalDate.now(ZoneOffset.UTC),
                command);
    }
}
