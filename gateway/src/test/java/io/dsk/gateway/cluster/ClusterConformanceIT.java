package io.dsk.gateway.cluster;

import io.dsk.gateway.ConformanceIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official conformance suite against a cluster of three gateway processes on three Kafka
 * brokers: once against one node, and once through a round-robin load balancer over all three, so
 * that consecutive requests of one test (create, append, read, long-poll) land on different nodes.
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
                "--long-poll-timeout", "500ms");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        kafka.close();
    }

    @Test
    void passesTheConformanceSuiteAgainstOneNode() throws Exception {
        ConformanceIT.assertPasses(cluster.url(0), "cluster-one-node", false, dir,
                cluster.process(0).log().resolveSibling("vitest-cluster-one-node.log"));
    }

    @Test
    void passesTheConformanceSuiteThroughARoundRobinLoadBalancer() throws Exception {
        try (RoundRobinProxy proxy = new RoundRobinProxy(cluster.urls())) {
            ConformanceIT.assertPasses(proxy.url(), "cluster-round-robin", false, dir,
                    cluster.process(0).log().resolveSibling("vitest-cluster-round-robin.log"));
        }
    }
}
