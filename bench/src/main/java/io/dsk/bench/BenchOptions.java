package io.dsk.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line options of {@link ConnectorBench}, with defaults from the issue (1,000,000 records). */
@Command(name = "java -cp 'bench/target/dsk-bench.jar:bench/target/lib/*' io.dsk.bench.ConnectorBench",
        sortOptions = false, usageHelpWidth = 120, description = "Sink connector throughput (exactly-once on), the gateway and the Node "
                + "reference server side by side.")
final class BenchOptions {

    @Option(names = "--records", paramLabel = "N", description = "Records per round (default ${DEFAULT-VALUE}).")
    long records = 1_000_000;

    @Option(names = "--partitions", paramLabel = "N", description = "Topic partitions (default ${DEFAULT-VALUE}).")
    int partitions = 6;

    @Option(names = "--streams", paramLabel = "N", description = "Streams the records go to (default ${DEFAULT-VALUE}).")
    int streams = 100;

    @Option(names = "--payload", paramLabel = "BYTES", description = "Size of each JSON value (default ${DEFAULT-VALUE}).")
    int payload = 200;

    @Option(names = "--rounds", paramLabel = "N", description = "Measured rounds (default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--warmup-records", paramLabel = "N",
            description = "Records of the unrecorded warm-up round per server, 0 for none (default ${DEFAULT-VALUE}).")
    long warmupRecords = 100_000;

    @Option(names = "--tasks", paramLabel = "N", description = "The connector's tasks.max (default ${DEFAULT-VALUE}).")
    int tasks = 1;

    @Option(names = "--targets", paramLabel = "SERVER", split = ",",
            description = "Which servers to measure, in order (default dsk,node).")
    List<String> targets = List.of("dsk", "node");

    @Option(names = "--set", paramLabel = "name=value",
            description = "A connector setting (repeatable), e.g. ds.linger.ms=5 or consumer.override.max.poll.records=5000.")
    Map<String, String> connectorSettings = new LinkedHashMap<>();

    @Option(names = "--offset-flush-ms", paramLabel = "MS",
            description = "The worker's offset commit interval (default ${DEFAULT-VALUE}).")
    long offsetFlushMillis = 100;

    @Option(names = "--poll-ms", paramLabel = "MS", description = "Completion poll interval (default ${DEFAULT-VALUE}).")
    long pollMillis = 50;

    @Option(names = "--timeout-seconds", paramLabel = "S",
            description = "Longest wait for one round to complete (default ${DEFAULT-VALUE}).")
    long timeoutSeconds = 600;

    @Option(names = "--gateway-jar", paramLabel = "JAR", description = "The gateway jar (default ${DEFAULT-VALUE}).")
    Path gatewayJar = Path.of("gateway/target/dsk-gateway.jar");

    @Option(names = "--node-dir", paramLabel = "DIR",
            description = "The reference server's directory (default ${DEFAULT-VALUE}).")
    Path nodeDir = Path.of("bench/node");

    @Option(names = "--plugin-zip", paramLabel = "ZIP",
            description = "The packaged connector (default connector/target/dsk-connector-*.zip).")
    Path pluginZip;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Prints this usage.")
    boolean help;
}
