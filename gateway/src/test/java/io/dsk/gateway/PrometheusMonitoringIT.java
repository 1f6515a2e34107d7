package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.protocol.HeaderNames;
import java.io.IOException;
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
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring files of {@code deploy/monitoring} against a real Prometheus (Debian's package)
 * scraping the real gateway jar under a little load: {@code promtool} accepts the configuration and
 * the rules, Prometheus evaluates every rule without error, every dashboard query and every alert
 * signal returns data, and the gateway-down alert goes pending for a second target where nothing
 * listens. The connector's queries have data only from a Connect worker and its JMX exporter, and the
 * connector module's {@code ConnectorMonitoringIT} runs them there; here they are listed in
 * {@link #CONNECT_SIDE_PANELS} and {@link #CONNECT_SIDE_ALERTS}, must parse, and must read connector and
 * Connect metrics only.
 */
class PrometheusMonitoringIT {

    /** Dashboard panels that read the connector's and Connect's metrics (JMX exporter), never the gateway's. */
    static final Set<String> CONNECT_SIDE_PANELS = Set.of("Connector: task states", "Connector: records written",
            "Connector: retries and duplicates", "Connector: DLQ", "Connector: append latency",
            "Connector: consumer lag");
    /** Alerts that read the connector's and Connect's metrics (JMX exporter), never the gateway's. */
    static final Set<String> CONNECT_SIDE_ALERTS = Set.of("DskConnectorTaskFailed", "DskConnectorDlqGrowing",
            "DskConnectorConsumerLagGrowing");

    /** What Grafana's {@code $__rate_interval} stands for here: 15 scrapes at the test's 1 s interval. */
    private static final String RATE_INTERVAL = "15s";
    private static final Eventually AWAIT = Eventually.within(Duration.ofSeconds(90)).polling(Duration.ofMillis(200));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MONITORING = Path.of(System.getProperty("dsk.repo.root", ".."), "deploy", "monitoring");
    private static final Path LOGS = Path.of(System.getProperty("dsk.it.logs", "target/it-logs"));
    private static final int STREAMS = 4;

    @TempDir
    static Path temp;

    private static GatewayProcess gateway;
    private static PrometheusProcess prometheus;
    private static ScheduledExecutorService load;
    private static final AtomicBoolean loading = new AtomicBoolean(true);
    private static final AtomicInteger failedLoadRequests = new AtomicInteger();
    private static Path config;
    /** A second target of the gateway job where nothing listens: a gateway that is down. */
    private static String deadTarget;

    @BeforeAll
    static void startGatewayLoadAndPrometheus() throws Exception {
        gateway = GatewayProcess.start("prometheus-monitoring", "--port", "0", "--data-dir",
                temp.resolve("data").toString(), "--long-poll-timeout", "1s");
        startLoad();
        Files.copy(MONITORING.resolve("alerts.yml"), temp.resolve("alerts.yml"));
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadTarget = "127.0.0.1:" + closed.getLocalPort();
        }
        config = temp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - alerts.yml",
                "scrape_configs:",
                "  - job_name: dsk-gateway",
                "    static_configs:",
                "      - targets: [\"" + gateway.baseUrl().getHost() + ":" + gateway.baseUrl().getPort() + "\", \""
                        + deadTarget + "\"]",
                ""));
        prometheus = PrometheusProcess.start(config, temp.resolve("tsdb"), LOGS.resolve("prometheus.log"));
        collectGarbageInTheGateway();
        awaitData("count_over_time(dsk_commit_latency_seconds_count{job=\"dsk-gateway\"}[" + RATE_INTERVAL + "]) >= 10");
        awaitData("jvm_gc_pause_seconds_count{job=\"dsk-gateway\"}");
        awaitData("dsk_live_connections{job=\"dsk-gateway\",mode=\"long-poll\"} > 0");
    }

    @AfterAll
    static void stopAll() throws Exception {
        loading.set(false);
        if (load != null) {
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void promtoolAcceptsTheConfigurationAndTheAlertRules() throws Exception {
        PrometheusProcess.ToolResult rules = PrometheusProcess.promtool("check", "rules",
                MONITORING.resolve("alerts.yml").toString());
        PrometheusProcess.ToolResult configuration = PrometheusProcess.promtool("check", "config", config.toString());

        assertThat(rules.exitCode()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("SUCCESS");
        assertThat(configuration.exitCode()).as(configuration.output()).isZero();
    }

    @Test
    void everyDashboardQueryReturnsDataOrIsAConnectSideQueryThatParses() throws Exception {
        JsonNode dashboard = JSON.readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        Map<String, List<String>> queries = panelQueries(dashboard);
        assertThat(queries.keySet()).containsAll(CONNECT_SIDE_PANELS).hasSizeGreaterThan(CONNECT_SIDE_PANELS.size());

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> panel : queries.entrySet()) {
            for (String expr : panel.getValue()) {
                String query = substituteVariables(expr);
                problems.addAll(check(panel.getKey(), query, CONNECT_SIDE_PANELS.contains(panel.getKey()), List.of(query)));
            }
        }

        assertThat(problems).as("dashboard queries").isEmpty();
        assertThat(failedLoadRequests.get()).as("load requests that failed").isZero();
    }

    @Test
    void everyAlertRuleEvaluatesAndItsSignalsReturnDataOrItIsAConnectSideRuleThatParses() throws Exception {
        List<JsonNode> rules = awaitEveryRuleEvaluated();
        assertThat(rules).extracting(r -> r.path("name").asText()).containsAll(CONNECT_SIDE_ALERTS)
                .contains("DskGatewayDown", "DskGatewayNotReady", "DskDataDiskNearlyFull", "DskCommitLatencyHigh",
                        "DskRocksDbWritesStopped", "DskRocksDbWritesStalled");

        List<String> problems = new ArrayList<>();
        for (JsonNode rule : rules) {
            String name = rule.path("name").asText();
            String expr = rule.path("query").asText();
            if (!"ok".equals(rule.path("health").asText())) {
                problems.add(name + ": health " + rule.path("health").asText() + " " + rule.path("lastError").asText());
            }
            problems.addAll(check(name, expr, CONNECT_SIDE_ALERTS.contains(name), PromQlExpressions.signals(expr)));
        }

        assertThat(problems).as("alert rules").isEmpty();
    }

    @Test
    void theGatewayDownAlertGoesPendingForATargetThatDoesNotAnswer() throws Exception {
        List<String> pending = AWAIT.until("DskGatewayDown pending for " + deadTarget, () -> {
            List<String> alerts = new ArrayList<>();
            prometheus.alerts().path("alerts").forEach(a -> alerts.add(a.path("labels").path("alertname").asText()
                    + " " + a.path("labels").path("instance").asText() + " " + a.path("state").asText()));
            return alerts;
        }, alerts -> alerts.contains("DskGatewayDown " + deadTarget + " pending"));
        assertThat(pending).as("only the dead target is down")
                .noneMatch(a -> a.startsWith("DskGatewayDown " + gateway.baseUrl().getHost() + ":"
                        + gateway.baseUrl().getPort()));
    }

    /**
     * Checks one query: it must parse; a gateway query's signals must each return data, a
     * connector-side one must read connector and Connect metrics only.
     *
     * @return what is wrong, empty if nothing
     */
    private static List<String> check(String name, String expr, boolean connectSide, List<String> signals)
            throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        PrometheusProcess.Answer whole = prometheus.query(expr);
        if (!whole.succeeded()) {
            problems.add(name + ": " + expr + " -> " + whole.status() + " " + whole.json().path("error").asText());
            return problems;
        }
        if (connectSide) {
            PromQlExpressions.metricNames(expr).stream()
                    .filter(metric -> !metric.startsWith("dsk_connector_") && !metric.startsWith("kafka_"))
                    .forEach(metric -> problems.add(name + ": a connector-side query reads " + metric));
            return problems;
        }
        for (String signal : signals) {
            PrometheusProcess.Answer answer = prometheus.query(signal);
            if (!answer.succeeded() || answer.result().isEmpty()) {
                problems.add(name + ": no data for " + signal);
            }
        }
        return problems;
    }

    /** Each panel's title and the expressions of its targets; rows hold none. */
    private static Map<String, List<String>> panelQueries(JsonNode dashboard) {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            List<String> exprs = new ArrayList<>();
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            assertThat(exprs).as(panel.path("title").asText()).isNotEmpty().doesNotContain("");
            assertThat(queries.put(panel.path("title").asText(), exprs)).as("panel titles are unique").isNull();
        }
        return queries;
    }

    /** Grafana's variables as a dashboard viewer would have them: this gateway, every instance and connector. */
    private static String substituteVariables(String expr) {
        return expr.replace("$__rate_interval", RATE_INTERVAL).replace("$job", "dsk-gateway")
                .replace("$instance", ".*").replace("$connector", ".*");
    }

    /** Waits until Prometheus evaluated every rule at least once. */
    private static List<JsonNode> awaitEveryRuleEvaluated() throws Exception {
        return AWAIT.until("every rule evaluated", () -> {
            List<JsonNode> rules = new ArrayList<>();
            prometheus.rules().path("groups").forEach(g -> g.path("rules").forEach(rules::add));
            return rules;
        }, rules -> !rules.isEmpty() && rules.stream().noneMatch(r -> "unknown".equals(r.path("health").asText())));
    }

    /** Waits until a query returns data. */
    private static void awaitData(String query) throws Exception {
        AWAIT.reporting(() -> "gateway output:\n" + String.join("\n", gateway.lastOutput()))
                .until(query + " returns data", () -> prometheus.query(query).result(), result -> !result.isEmpty());
    }

    /** A full collection in the gateway (jcmd), so that its GC pause metrics exist. */
    private static void collectGarbageInTheGateway() throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(gateway.pid()), "GC.run").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("jcmd GC.run finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    /**
     * Creates a few streams, then keeps appending to them, reading them, asking for a missing one
     * (404) and long-polling the first, until the test ends.
     */
    private static void startLoad() throws Exception {
        for (int i = 0; i < STREAMS; i++) {
            assertThat(send("PUT", stream(i), "").statusCode()).isEqualTo(201);
        }
        load = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "monitoring-load");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger next = new AtomicInteger();
        load.scheduleAtFixedRate(() -> request(() -> {
            int n = next.getAndIncrement();
            expect(send("POST", stream(n % STREAMS), "record " + n + "\n"), 204);
            if (n % 5 == 0) {
                expect(send("GET", stream(n % STREAMS) + "?offset=-1", null), 200);
                expect(send("GET", "/v1/stream/monitoring/missing", null), 404);
            }
        }), 0, 20, TimeUnit.MILLISECONDS);
        load.execute(() -> {
            while (loading.get()) {
                request(() -> {
                    HttpResponse<String> tail = send("GET", stream(0) + "?offset=now", null);
                    String offset = tail.headers().firstValue(HeaderNames.STREAM_NEXT_OFFSET).orElseThrow();
                    HttpResponse<String> poll = send("GET", stream(0) + "?offset=" + offset + "&live=long-poll", null);
                    assertThat(poll.statusCode()).isIn(200, 204);
                });
            }
        });
    }

    private static String stream(int i) {
        return "/v1/stream/monitoring/s" + i;
    }

    private static HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "text/plain");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("%s %s", response.request().method(), response.request().uri())
                .isEqualTo(status);
    }

    /** Runs one step of the load; a failure is counted (the tests assert none) instead of ending the schedule. */
    private static void request(LoadStep step) {
        if (!loading.get()) {
            return;
        }
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            if (loading.get()) {
                failedLoadRequests.incrementAndGet();
            }
        }
    }

    @FunctionalInterface
    private interface LoadStep {
        void run() throws Exception;
    }
}
