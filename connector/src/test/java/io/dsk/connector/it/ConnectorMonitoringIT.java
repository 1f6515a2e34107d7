package io.dsk.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.gateway.PromQlExpressions;
import io.dsk.gateway.PrometheusProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector side of {@code deploy/monitoring} against real data: a Connect worker running the connector
 * has the Prometheus JMX exporter's Java agent ({@code io.prometheus.jmx:jmx_prometheus_javaagent}) attached,
 * configured by exactly {@code deploy/monitoring/connect-jmx-exporter.yml}, and a real Prometheus (Debian's
 * package) scrapes it every second with {@code deploy/monitoring/alerts.yml} loaded. Three connectors make
 * every connector query have data: {@value #DELIVERING} writes records to the gateway and sends one record
 * without the header its stream template needs to the DLQ; {@value #LAGGING} is held to about ten records a
 * second (one unacknowledged record, a 100 ms linger, one record a poll) while more arrive, so its consumer lag
 * is above a thousand and grows; {@value #FAILING} writes to a port where nothing listens and gives up at once,
 * so its task fails. The gateway's side of the same files is {@code PrometheusMonitoringIT}'s.
 */
class ConnectorMonitoringIT {

    static final String DELIVERING = "delivering";
    static final String LAGGING = "lagging";
    static final String FAILING = "failing";
    /** The dashboard panels that read the connector's and Connect's metrics. */
    static final Set<String> CONNECTOR_PANELS = Set.of("Connector: task states", "Connector: records written",
            "Connector: retries and duplicates", "Connector: DLQ", "Connector: append latency",
            "Connector: consumer lag");
    /** The alerts of the {@code dsk-connector} group. */
    static final Set<String> CONNECTOR_ALERTS = Set.of("DskConnectorTaskFailed", "DskConnectorDlqGrowing",
            "DskConnectorConsumerLagGrowing");

    /** What Grafana's {@code $__rate_interval} stands for here: 15 scrapes at the test's 1 s interval. */
    private static final String RATE_INTERVAL = "15s";
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of(System.getProperty("dsk.repo.root", ".."));
    private static final Path MONITORING = REPO.resolve("deploy").resolve("monitoring");
    /** Records waiting for {@value #LAGGING} before it starts: above the alert's threshold of 1000. */
    private static final int LAG_BACKLOG = 1500;
    /** The producers' ticks: every 100 ms, for at most five minutes. */
    private static final int MAX_TICKS = 3000;

    @TempDir
    static Path temp;

    private static ItEnvironment env;
    private static PrometheusProcess prometheus;
    private static ScheduledExecutorService load;
    private static KafkaProducer<byte[], byte[]> loadProducer;
    private static final AtomicInteger failedSends = new AtomicInteger();
    private static Path config;
    private static URI exporter;

    @BeforeAll
    static void startWorkerWithTheExporterConnectorsLoadAndPrometheus() throws Exception {
        PrometheusProcess.binary("prometheus");
        Path agent = Path.of(System.getProperty("dsk.jmx.exporter.agent", "target/jmx-exporter/missing.jar"));
        assertThat(agent).as("the JMX exporter's Java agent, copied by the connector module's build "
                + "(mvn -pl connector -am verify -Dit.test=ConnectorMonitoringIT)").isRegularFile();
        Path exporterConfig = MONITORING.resolve("connect-jmx-exporter.yml").toAbsolutePath().normalize();
        int exporterPort = freePort();
        exporter = URI.create("http://127.0.0.1:" + exporterPort + "/metrics");
        env = ItEnvironment.start("monitoring", null,
                List.of("-javaagent:" + agent.toAbsolutePath() + "=127.0.0.1:" + exporterPort + ":" + exporterConfig));

        config = temp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + MONITORING.resolve("alerts.yml").toAbsolutePath().normalize(),
                "scrape_configs:",
                "  - job_name: dsk-connect",
                "    static_configs:",
                "      - targets: [\"127.0.0.1:" + exporterPort + "\"]",
                ""));
        prometheus = PrometheusProcess.start(config, temp.resolve("tsdb"), env.dir.resolve("prometheus.log"));

        env.createTopics(1, "deliver-in", "deliver-dlq", "lag-in", "fail-in");
        try (KafkaProducer<byte[], byte[]> producer = oneRecordBatches()) {
            for (int n = 0; n < LAG_BACKLOG; n++) {
                producer.send(new ProducerRecord<>("lag-in", utf8("k"), utf8("{\"n\":" + n + "}")));
            }
            producer.send(new ProducerRecord<>("fail-in", utf8("k"), utf8("{\"n\":0}"))).get();
        }
        env.rest.putConnector(DELIVERING, deliveringConfig());
        env.rest.putConnector(LAGGING, laggingConfig());
        env.rest.putConnector(FAILING, failingConfig());
        startLoad();

        // The DLQ counters must be scraped at 0 before the bad record, or increase() sees no increase.
        awaitData("dsk_connector_records_dead_lettered_total{connector=\"" + DELIVERING + "\"}");
        awaitData("kafka_connect_task_error_deadletterqueue_produce_requests{connector=\"" + DELIVERING + "\"}");
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            producer.send(new ProducerRecord<>("deliver-in", utf8("k"), utf8("{\"no\":\"room header\"}"))).get();
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (load != null) {
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (loadProducer != null) {
            loadProducer.close(Duration.ofSeconds(5));
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (env != null) {
            keepTheExportersLastAnswer();
            env.close();
        }
    }

    @Test
    void promtoolAcceptsAConfigurationThatScrapesTheExporterAndLoadsTheAlerts() throws Exception {
        PrometheusProcess.ToolResult result = PrometheusProcess.promtool("check", "config", config.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theConnectorsMetricsReachPrometheusUnderTheNamesDocumented() throws Exception {
        Set<String> documented = documentedPrometheusNames();
        assertThat(documented).as("names in docs/operations.md").contains("dsk_connector_records_written_total",
                "dsk_connector_append_latency_max", "kafka_connect_connector_status",
                "kafka_consumer_fetch_manager_records_lag");

        awaitNone("documented names without data", () -> withoutData(List.copyOf(documented)));
        awaitData("dsk_connector_records_written_total{connector=\"" + DELIVERING + "\"} > 0");
        awaitData("dsk_connector_records_written_total{connector=\"" + LAGGING + "\"} > 0");
        assertThat(prometheus.query("{__name__=~\"dsk_connector_.+|kafka_.+\", _objectname=~\".+\"}").result())
                .as("series the exporter had to tell apart by their MBean: one name for two attributes").isEmpty();
        assertThat(labelValues("kafka_connect_connector_status", "connector"))
                .as("the dashboard's $connector choices").contains(DELIVERING, LAGGING, FAILING);
        assertThat(failedSends.get()).as("records the load could not produce").isZero();
    }

    @Test
    void everyConnectorPanelQueryReturnsData() throws Exception {
        JsonNode dashboard = JSON.readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        Map<String, List<String>> connectorPanels = new LinkedHashMap<>();
        panelQueries(dashboard).forEach((title, exprs) -> {
            if (exprs.stream().anyMatch(ConnectorMonitoringIT::readsConnectorMetrics)) {
                connectorPanels.put(title, exprs);
            }
        });
        assertThat(connectorPanels.keySet()).as("panels reading connector or Connect metrics")
                .containsExactlyInAnyOrderElementsOf(CONNECTOR_PANELS);

        List<String> queries = new ArrayList<>();
        connectorPanels.values().forEach(exprs -> exprs.forEach(e -> queries.add(substituteVariables(e))));
        awaitNone("connector panel queries without data", () -> withoutData(queries));
    }

    @Test
    void everyConnectorAlertIsTrueAndEachOfItsSignalsReturnsData() throws Exception {
        List<JsonNode> rules = connectorRules();
        assertThat(rules).extracting(r -> r.path("name").asText())
                .containsExactlyInAnyOrderElementsOf(CONNECTOR_ALERTS);

        List<String> queries = new ArrayList<>();
        for (JsonNode rule : rules) {
            String expr = rule.path("query").asText();
            queries.add(expr);
            queries.addAll(PromQlExpressions.signals(expr));
        }
        awaitNone("connector alert expressions and signals without data", () -> withoutData(queries));
        assertThat(connectorRules()).as("rules Prometheus evaluated without error")
                .allSatisfy(r -> assertThat(r.path("health").asText())
                        .as(r.path("name").asText() + " " + r.path("lastError").asText()).isEqualTo("ok"));
    }

    @Test
    void theConnectorAlertsFireOrGoPendingForTheConnectorsThatCauseThem() throws Exception {
        // DskConnectorDlqGrowing has no "for" and fires; the others wait 2 and 15 minutes before firing.
        List<String> expected = List.of(
                "DskConnectorDlqGrowing connector=" + DELIVERING + " firing",
                "DskConnectorTaskFailed connector=" + FAILING + " (pending|firing)",
                "DskConnectorConsumerLagGrowing clientid=connector-consumer-" + LAGGING + "-0 (pending|firing)");
        awaitNone("expected alerts not active", () -> missingAlerts(expected));
        assertThat(activeAlerts()).as("no other connector is alerted")
                .noneMatch(a -> a.contains("connector=" + LAGGING) || a.contains("connector-consumer-" + DELIVERING)
                        || a.contains("DskConnectorDlqGrowing connector=" + FAILING));
    }

    /** Writes what the exporter serves now beside the worker's logs, for whoever reads a failure. */
    private static void keepTheExportersLastAnswer() {
        try {
            HttpResponse<Path> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(exporter)
                    .timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofFile(env.dir.resolve("exporter-metrics.txt")));
            assertThat(answer.statusCode()).as("the exporter's last answer").isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException("the exporter did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> deliveringConfig() {
        Map<String, String> config = env.connectorConfig("deliver-in");
        config.put(DurableStreamsSinkConfig.STREAM_TEMPLATE_CONFIG, "monitoring/${header.room}");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "deliver-dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        return config;
    }

    /** At most one unacknowledged record, sent after a 100 ms linger, one record a poll: about ten a second. */
    private static Map<String, String> laggingConfig() {
        Map<String, String> config = env.connectorConfig("lag-in");
        config.put(DurableStreamsSinkConfig.STREAM_TEMPLATE_CONFIG, "monitoring/${topic}");
        config.put(DurableStreamsSinkConfig.MAX_BUFFERED_RECORDS_CONFIG, "1");
        config.put(DurableStreamsSinkConfig.LINGER_CONFIG, "100");
        config.put("consumer.override.max.poll.records", "1");
        // One record batch a fetch, so the high watermark behind records-lag is fresh at every poll.
        config.put("consumer.override.max.partition.fetch.bytes", "1");
        return config;
    }

    /** A server where nothing listens, and no retries: the first append fails the task. */
    private static Map<String, String> failingConfig() throws IOException {
        Map<String, String> config = env.connectorConfig("fail-in");
        config.put(DurableStreamsSinkConfig.URL_CONFIG, "http://127.0.0.1:" + freePort() + "/v1/stream");
        config.put(DurableStreamsSinkConfig.STREAM_TEMPLATE_CONFIG, "monitoring/${topic}");
        config.put(DurableStreamsSinkConfig.RETRY_MAX_CONFIG, "0");
        config.put(DurableStreamsSinkConfig.RETRY_TIMEOUT_CONFIG, "1000");
        config.put(DurableStreamsSinkConfig.REQUEST_TIMEOUT_CONFIG, "1000");
        return config;
    }

    /**
     * Every 100 ms, for at most {@link #MAX_TICKS} ticks: four records for {@value #LAGGING} (faster than it
     * writes, so its lag grows) and two for {@value #DELIVERING}.
     */
    private static void startLoad() {
        KafkaProducer<byte[], byte[]> producer = oneRecordBatches();
        loadProducer = producer;
        load = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "monitoring-load");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger ticks = new AtomicInteger();
        load.scheduleAtFixedRate(() -> {
            int tick = ticks.incrementAndGet();
            if (tick > MAX_TICKS) {
                throw new IllegalStateException("the load ran its " + MAX_TICKS + " ticks");
            }
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>("lag-in", utf8("k"), utf8("{\"tick\":" + tick + "}")), counted());
            }
            for (int i = 0; i < 2; i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("deliver-in", utf8("k"),
                        utf8("{\"tick\":" + tick + "}"));
                record.headers().add("room", utf8("r" + i));
                producer.send(record, counted());
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    /**
     * A producer that sends every record in a batch of its own: {@value #LAGGING}'s consumer fetches one batch
     * at a time, and records-lag counts from the high watermark of the latest fetch, so a batch of hundreds
     * would hide the lag's growth until it is consumed.
     */
    private static KafkaProducer<byte[], byte[]> oneRecordBatches() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka.bootstrapServers());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static org.apache.kafka.clients.producer.Callback counted() {
        return (metadata, e) -> {
            if (e != null) {
                failedSends.incrementAndGet();
            }
        };
    }

    /**
     * The Prometheus names docs/operations.md gives for the connector: each attribute of the connector's MBean
     * as the exporter's rules name it ({@code a-b-total} is {@code dsk_connector_a_b_total}, any other
     * {@code a-b} is {@code dsk_connector_a_b}), and the Connect and consumer names of the JMX table.
     */
    private static Set<String> documentedPrometheusNames() throws IOException {
        String doc = Files.readString(REPO.resolve("docs").resolve("operations.md"), StandardCharsets.UTF_8);
        String section = doc.substring(doc.indexOf("### The connector's metrics"), doc.indexOf("## Dashboard and alerts"));
        Set<String> names = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (`[a-z-]+`(?:, `[a-z-]+`)*) \\|").matcher(section);
        while (row.find()) {
            Matcher attribute = Pattern.compile("`([a-z-]+)`").matcher(row.group(1));
            while (attribute.find()) {
                names.add("dsk_connector_" + attribute.group(1).replace('-', '_'));
            }
        }
        Matcher connect = Pattern.compile("`(kafka_[a-z_]+)\\{").matcher(section);
        while (connect.find()) {
            names.add(connect.group(1));
        }
        return names;
    }

    private static boolean readsConnectorMetrics(String expr) {
        return PromQlExpressions.metricNames(expr).stream()
                .anyMatch(m -> m.startsWith("dsk_connector_") || m.startsWith("kafka_"));
    }

    /** Each panel's title and the expressions of its targets; rows hold none. */
    private static Map<String, List<String>> panelQueries(JsonNode dashboard) {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                List<String> exprs = new ArrayList<>();
                panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
                queries.put(panel.path("title").asText(), exprs);
            }
        }
        return queries;
    }

    /** Grafana's variables as a dashboard viewer would have them: every connector. */
    private static String substituteVariables(String expr) {
        return expr.replace("$__rate_interval", RATE_INTERVAL).replace("$connector", ".*");
    }

    private static List<JsonNode> connectorRules() throws IOException, InterruptedException {
        List<JsonNode> rules = new ArrayList<>();
        prometheus.rules().path("groups").forEach(g -> {
            if ("dsk-connector".equals(g.path("name").asText())) {
                g.path("rules").forEach(rules::add);
            }
        });
        return rules;
    }

    /** @return the queries that fail or return no data, each with what Prometheus answered */
    private static List<String> withoutData(List<String> queries) {
        List<String> empty = new ArrayList<>();
        for (String query : queries) {
            try {
                PrometheusProcess.Answer answer = prometheus.query(query);
                if (!answer.succeeded() || answer.result().isEmpty()) {
                    empty.add(query + " -> " + answer.status() + " " + answer.json().path("error").asText());
                }
            } catch (IOException e) {
                empty.add(query + " -> " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                empty.add(query + " -> interrupted");
            }
        }
        return empty;
    }

    private static Set<String> labelValues(String metric, String label) throws IOException, InterruptedException {
        Set<String> values = new TreeSet<>();
        prometheus.query(metric).result().forEach(r -> values.add(r.path("metric").path(label).asText()));
        return values;
    }

    /** The active alerts as {@code name label=value state}, the label being the alert's connector or client. */
    private static List<String> activeAlerts() {
        List<String> alerts = new ArrayList<>();
        try {
            prometheus.alerts().path("alerts").forEach(a -> {
                JsonNode labels = a.path("labels");
                String subject = labels.has("connector") ? "connector=" + labels.path("connector").asText()
                        : "clientid=" + labels.path("clientid").asText();
                alerts.add(labels.path("alertname").asText() + " " + subject + " " + a.path("state").asText());
            });
        } catch (IOException e) {
            alerts.add("no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return alerts;
    }

    /** @return the expected alerts (regular expressions) that no active alert matches, with the active ones */
    private static List<String> missingAlerts(List<String> expected) {
        List<String> active = activeAlerts();
        List<String> missing = new ArrayList<>();
        for (String pattern : expected) {
            if (active.stream().noneMatch(a -> a.matches(pattern))) {
                missing.add(pattern + " (active: " + active + ")");
            }
        }
        return missing;
    }

    private static void awaitData(String query) throws InterruptedException {
        awaitNone("queries without data", () -> withoutData(List.of(query)));
    }

    /**
     * Waits until {@code problems} finds none; on time-out fails with the last ones found and how the
     * exporter's scrapes went.
     */
    private static void awaitNone(String what, Supplier<List<String>> problems) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<String> found = problems.get();
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            found = problems.get();
        }
        assertThat(found).as("%s after %s; the exporter's scrapes: %s", what, DEADLINE, scrapeHealth()).isEmpty();
    }

    private static List<String> scrapeHealth() {
        List<String> health = new ArrayList<>();
        for (String query : List.of("up", "scrape_duration_seconds", "scrape_samples_scraped")) {
            try {
                prometheus.query(query + "{job=\"dsk-connect\"}").result()
                        .forEach(r -> health.add(query + " " + r.path("value").path(1).asText()));
            } catch (IOException e) {
                health.add(query + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return health;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
