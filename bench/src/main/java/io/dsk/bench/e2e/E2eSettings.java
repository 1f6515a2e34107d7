package io.dsk.bench.e2e;

import io.dsk.bench.KafkaConnectPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The end-to-end scenario's settings, read from the runner's {@code --set key=value} options.
 * Scenario options start with {@code e2e.}; options starting with {@code ds.} or
 * {@code consumer.override.} are passed to the connector as they are.
 *
 * @param rates produced records/s of the latency runs ({@code e2e.rates}, default 1000,10000)
 * @param streams streams the records are spread over, one Kafka key each ({@code e2e.streams}, 8)
 * @param subscribersPerStream SSE readers of each stream ({@code e2e.subscribers-per-stream}, 2)
 * @param partitions partitions of each topic ({@code e2e.partitions}, 4)
 * @param tasks the connector's {@code tasks.max} ({@code e2e.tasks}, 1)
 * @param payloadBytes size of each JSON record value ({@code e2e.payload}, 200)
 * @param warmup how long records flow before the measured window opens ({@code e2e.warmup-seconds}, 5)
 * @param drainTimeout how long to wait for the last records after the producer stopped
 *        ({@code e2e.drain-seconds}, 30)
 * @param saturationRecords backlog of the saturating connector run, 0 for none
 *        ({@code e2e.saturation-records}, 200000)
 * @param warmupRecords backlog of one unrecorded saturating run per server before the first round,
 *        0 for none ({@code e2e.warmup-records}, 50000)
 * @param servers which servers to measure, in order ({@code e2e.servers}, dsk,reference)
 * @param pluginZip the packaged connector ({@code e2e.plugin-zip}, default
 *        {@code connector/target/dsk-connector-*.zip})
 * @param connectorOverrides connector settings that replace the defaults
 */
record E2eSettings(List<Integer> rates, int streams, int subscribersPerStream, int partitions, int tasks,
        int payloadBytes, Duration warmup, Duration drainTimeout, long saturationRecords, long warmupRecords,
        List<String> servers, Path pluginZip, Map<String, String> connectorOverrides) {

    static final String PREFIX = "e2e.";

    E2eSettings {
        rates = List.copyOf(rates);
        servers = List.copyOf(servers);
        connectorOverrides = Map.copyOf(connectorOverrides);
    }

    /**
     * Reads the options.
     *
     * @throws IllegalArgumentException naming the option to change when a value is not usable
     */
    static E2eSettings from(Map<String, String> options) {
        Map<String, String> connector = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            if (key.startsWith("ds.") || key.startsWith("consumer.override.")) {
                connector.put(key, value);
            }
        });
        return new E2eSettings(rates(options), count(options, "streams", 8, 1),
                count(options, "subscribers-per-stream", 2, 1), count(options, "partitions", 4, 1),
                count(options, "tasks", 1, 1), count(options, "payload", 200, RecordStamp.MIN_PAYLOAD_BYTES),
                Duration.ofSeconds(count(options, "warmup-seconds", 5, 0)),
                Duration.ofSeconds(count(options, "drain-seconds", 30, 1)),
                whole(options, "saturation-records", 200_000, 0, Long.MAX_VALUE),
                whole(options, "warmup-records", 50_000, 0, Long.MAX_VALUE), servers(options),
                Path.of(options.getOrDefault(PREFIX + "plugin-zip", "")), connector);
    }

    /** Every SSE reader, over all streams. */
    int subscribers() {
        return streams * subscribersPerStream;
    }

    /**
     * The packaged connector: the configured file, else the one {@code mvn package} left in
     * {@code connector/target}.
     *
     * @throws IOException naming how to build or pass it when there is none
     */
    Path resolvePluginZip() throws IOException {
        if (!pluginZip.toString().isEmpty()) {
            if (!Files.isRegularFile(pluginZip)) {
                throw new IOException("--set " + PREFIX + "plugin-zip=" + pluginZip + ": no such file");
            }
            return pluginZip;
        }
        Path dir = Path.of("connector", "target");
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().matches("dsk-connector-.*\\.zip")).findFirst()
                    .orElseThrow(() -> new IOException("no connector/target/dsk-connector-*.zip; build it with "
                            + "mvn -B -q -pl connector -am package -DskipTests, or --set " + PREFIX
                            + "plugin-zip=FILE"));
        }
    }

    /**
     * The connector's configuration: every record of {@code topic} to stream {@code <topic>/<key>} as
     * JSON, the overrides on top.
     *
     * @param url the server's stream root without a trailing slash, the connector's {@code ds.url}
     */
    Map<String, String> connectorConfig(String name, String topic, String url) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("connector.class", KafkaConnectPipeline.CONNECTOR_CLASS);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topics", topic);
        config.put("ds.url", url);
        config.put("ds.stream.template", "${topic}/${key}");
        config.put("ds.content.type", "application/json");
        config.putAll(connectorOverrides);
        return config;
    }

    private static List<String> servers(Map<String, String> options) {
        String key = PREFIX + "servers";
        String value = options.getOrDefault(key, "dsk,reference");
        List<String> servers = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (!name.equals("dsk") && !name.equals("reference") || servers.contains(name)) {
                throw new IllegalArgumentException("--set " + key + "=" + value
                        + ": expected dsk and/or reference, comma-separated, each once");
            }
            servers.add(name);
        }
        return servers;
    }

    private static List<Integer> rates(Map<String, String> options) {
        String key = PREFIX + "rates";
        String value = options.get(key);
        if (value == null) {
            return List.of(1_000, 10_000);
        }
        List<Integer> rates = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                int rate = Integer.parseInt(part.trim().replace("_", ""));
                if (rate < 1) {
                    throw new NumberFormatException();
                }
                rates.add(rate);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set " + key + "=" + value
                        + ": expected records/s as comma-separated positive whole numbers, e.g. 1000,10000");
            }
        }
        return rates;
    }

    private static int count(Map<String, String> options, String name, int defaultValue, int min) {
        return (int) whole(options, name, defaultValue, min, Integer.MAX_VALUE);
    }

    private static long whole(Map<String, String> options, String name, long defaultValue, long min, long max) {
        String key = PREFIX + name;
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--set " + key + "=" + value + ": expected a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("--set " + key + "=" + value + ": must be between " + min
                    + " and " + max);
        }
        return parsed;
    }
}
