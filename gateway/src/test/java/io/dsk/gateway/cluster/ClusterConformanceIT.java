package io.dsk.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dsk.gateway.ConformanceIT;
import io.dsk.gateway.Eventually;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official conformance suite, subscriptions included, against a cluster of three gateway
 * processes on three Kafka brokers through a round-robin load balancer, so that consecutive requests
 * of one test (create, append, read, long-poll, claim, ack) land on different nodes, and the one node
 * that leads delivers every webhook and wake event; then webhook wakes across a SIGKILL of that node.
 */
class ClusterConformanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int ROUNDS = 4;

    private static KafkaBrokers kafka;
    private static ClusterNodes cluster;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        kafka = KafkaBrokers.start(3);
        cluster = ClusterNodes.start("conformance", kafka.bootstrapServers(), "dsk.log.conformance", dir, 3,
                "--long-poll-timeout", "500ms", "--subscriptions-allow-loopback-webhooks");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        kafka.close();
    }

    @Test
    void passesTheConformanceSuiteThroughARoundRobinLoadBalancer() throws Exception {
        try (RoundRobinProxy proxy = new RoundRobinProxy(cluster.urls())) {
            ConformanceIT.assertPasses(proxy.url(), "cluster-round-robin", true, dir,
                    cluster.process(0).log().resolveSibling("vitest-cluster-round-robin.log"));
        }
    }

    @Test
    void eachWebhookWakeIsDeliveredByOneNodeAndTheNextLeaderTakesOverWhenTheLeaderIsKilled() throws Exception {
        List<JsonNode> wakes = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            wakes.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] done = "{\"done\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, done.length);
            exchange.getResponseBody().write(done);
            exchange.close();
        });
        receiver.start();
        try {
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            assertThat(send(cluster.url(0), "PUT", "__ds/subscriptions/failover",
                    "{\"type\":\"webhook\",\"pattern\":\"failover/*\",\"webhook\":{\"url\":\"" + hook + "\"}}"))
                    .isEqualTo(201);
            assertThat(send(cluster.url(1), "PUT", "failover/a", "[]")).isEqualTo(201);
            List<Long> generations = new ArrayList<>();
            for (int round = 0; round < 2 * ROUNDS; round++) {
                if (round == ROUNDS) {
                    int leader = leader();
                    cluster.kill(leader);
                    System.out.printf("cluster subscriptions: killed the leader, node %d%n", leader);
                }
                URI node = cluster.urls().get(round % cluster.urls().size());
                assertThat(send(node, "POST", "failover/a", "{\"round\":" + round + "}")).isEqualTo(204);
                awaitWakes(wakes, round + 1);
                generations.add(wakes.get(round).path("generation").asLong());
            }
            assertThat(wakes).as("one delivery per wake, from one node").hasSize(2 * ROUNDS);
            assertThat(generations).as("generations of the deliveries").isSorted().doesNotHaveDuplicates();
        } finally {
            receiver.stop(0);
            for (int i = 0; i < cluster.size(); i++) {
                if (cluster.url(i) == null) {
                    cluster.startNode(i);
                }
            }
        }
    }

    /** The node whose {@code dsk_cluster_leader} is 1, waiting for the group to choose one. */
    private static int leader() throws Exception {
        return Eventually.within(Duration.ofSeconds(30)).polling(Duration.ofMillis(100)).until("a node leads",
                ClusterConformanceIT::leading, i -> i >= 0);
    }

    /** The first node whose metrics say it leads, or -1. */
    private static int leading() throws Exception {
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.url(i) != null && HTTP.send(HttpRequest.newBuilder(cluster.url(i).resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("dsk_cluster_leader 1.0")) {
                return i;
            }
        }
        return -1;
    }

    /** Waits for the {@code count}th delivery; a new leader takes over within the group's session timeout. */
    private static void awaitWakes(List<JsonNode> wakes, int count) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(45)).until("delivery " + count, () -> List.copyOf(wakes),
                seen -> seen.size() >= count);
        Thread.sleep(200);
    }

    private static int send(URI node, String method, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(node.resolve("/v1/stream/" + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
