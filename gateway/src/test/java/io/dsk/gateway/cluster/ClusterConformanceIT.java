package io.dsk.gateway.cluster;

import io.dsk.gateway.ConformanceIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official conformance suite, subscriptions included, against a cluster of three gateway
 * processes on three Kafka brokers through a round-robin load balancer, so that consecutive requests
 * of one test (create, append, read, long-poll, claim, ack) land on different nodes, and the one node
 * that leads delivers every webhook and wake event.
 */
class ClusterConformanceIT {

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
}
