package io.dsk.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of {@link ConnectorBench}, with defaults from the issue (1,000,000 records). */
final class BenchOptions {

    Path gatewayJar = Path.of("gateway/target/dsk-gateway.jar");
    Path nodeDir = Path.of("bench/node");
    Path pluginZip;
    long records = 1_000_000;
    int partitions = 6;
    int streams = 100;
    int payload = 200;
    int rounds = 3;
    long warmupRecords = 100_000;
    int tasks = 1;
    List<String> targets = List.of("dsk", "node");
    long offsetFlushMillis = 100;
    long pollMillis = 50;
    long timeoutSeconds = 600;
    final Map<String, String> connectorSettings = new LinkedHashMap<>();

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--gateway-jar" -> o.gatewayJar = Path.of(v);
                case "--node-dir" -> o.nodeDir = Path.of(v);
                case "--plugin-zip" -> o.pluginZip = Path.of(v);
                case "--records" -> o.records = Long.parseLong(v);
                case "--partitions" -> o.partitions = Integer.parseInt(v);
                case "--streams" -> o.streams = Integer.parseInt(v);
                case "--payload" -> o.payload = Integer.parseInt(v);
                case "--rounds" -> o.rounds = Integer.parseInt(v);
                case "--warmup-records" -> o.warmupRecords = Long.parseLong(v);
                case "--tasks" -> o.tasks = Integer.parseInt(v);
                case "--targets" -> o.targets = List.of(v.split(","));
                case "--offset-flush-ms" -> o.offsetFlushMillis = Long.parseLong(v);
                case "--poll-ms" -> o.pollMillis = Long.parseLong(v);
                case "--timeout-seconds" -> o.timeoutSeconds = Long.parseLong(v);
                case "--set" -> o.connectorSettings.put(setting(v, 0), setting(v, 1));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; see the class documentation of " + ConnectorBench.class.getName());
            }
        }
        return o;
    }

    private static String setting(String assignment, int part) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set takes name=value (a connector setting), not " + assignment);
        }
        return part == 0 ? assignment.substring(0, eq) : assignment.substring(eq + 1);
    }
}
