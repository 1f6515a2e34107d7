package io.dsk.connector.it;

import static io.dsk.connector.it.ItEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector against a gateway cluster: three gateway nodes in cluster mode behind a round-robin load
 * balancer, 20,000 records over 4 partitions to 200 streams while the Connect worker is killed twice (SIGKILL)
 * and one gateway node is killed (SIGKILL), left down while the worker is killed again, and restarted. Afterwards every stream holds each of its records
 * exactly once, in per-partition offset order, and every node serves the same bytes for every stream. Then the
 * same with {@code ds.url} listing the nodes, without the balancer, while the first of them dies.
 */
class ExactlyOnceAgainstClusterIT {

    private static final String TOPIC = "eo-cluster";
    private static final String CONNECTOR = "eo-cluster-sink";
    private static final int NODES = 3;
    private static final int PARTITIONS = 4;
    private static final int STREAMS = 200;
    private static final int RECORDS = 20_000;
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static ItEnvironment env;

    @BeforeAll
    static void start() throws Exception {
        env = ItEnvironment.startCluster("cluster", NODES);
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void eachStreamHoldsEachOfItsRecordsExactlyOnceOnEveryNodeAfterWorkerAndNodeCrashes() throws Exception {
        ensureWorker();
        env.createTopics(PARTITIONS, TOPIC);
        ExactlyOnceWorkload workload = new ExactlyOnceWorkload(TOPIC, PARTITIONS, STREAMS, RECORDS, "eoc/s");
        CompletableFuture<Map<String, Map<Integer, List<Long>>>> producing = CompletableFuture.supplyAsync(
                () -> produce(workload));
        Map<String, String> config = env.connectorConfig(TOPIC);
        config.put("tasks.max", "2");
        config.putAll(workload.connectorSettings());
        config.put("ds.linger.ms", "20");
        env.rest.putConnector(CONNECTOR, config);

        env.awaitCommitted(CONNECTOR, 3_000, WAIT);
        env.worker.kill();
        restartWorker();
        env.awaitCommitted(CONNECTOR, 6_000, WAIT);
        GatewayProcess victim = env.gateways.get(1);
        victim.kill();
        env.awaitCommitted(CONNECTOR, 9_000, WAIT);
        env.worker.kill();
        restartWorker();
        env.awaitCommitted(CONNECTOR, 11_000, WAIT);
        victim.start().awaitReady(WAIT);
        Map<String, Map<Integer, List<Long>>> expected = producing.get(2, TimeUnit.MINUTES);
        env.awaitCommitted(CONNECTOR, RECORDS, WAIT);

        assertThat(env.rest.status(CONNECTOR).toString()).doesNotContain("FAILED");
        env.worker.stop();
        // Whether a kill leaves written but uncommitted records to redeliver depends on where the offset
        // commits fall (ExactlyOnceUnderFaultsIT makes sure of it); here it is reported, not required.
        System.out.printf("exactly once against a cluster: restarted workers skipped duplicates: %s%n",
                java.util.regex.Pattern.compile("skipped [1-9][0-9]* duplicates").matcher(env.worker.restartLogs())
                        .results().count());
        workload.assertEachStreamHoldsItsRecordsExactlyOnceInOrder(env.streams, expected);
        assertEveryNodeServesTheSameBytes(expected.keySet());
    }

    /**
     * {@code ds.url} naming the three nodes instead of a balancer: the first node dies (SIGKILL) while the
     * connector writes to it, the connector moves to the next URL, and the node comes back later.
     */
    @Test
    void connectorGivenEveryNodesUrlMovesToTheNextWhenItsNodeDies() throws Exception {
        ensureWorker();
        String topic = "eo-urls";
        String connector = "eo-urls-sink";
        int records = 6_000;
        env.createTopics(2, topic);
        ExactlyOnceWorkload workload = new ExactlyOnceWorkload(topic, 2, 50, records, "eou/s");
        CompletableFuture<Map<String, Map<Integer, List<Long>>>> producing = CompletableFuture.supplyAsync(
                () -> produce(workload));
        Map<String, String> config = env.connectorConfig(topic);
        config.putAll(workload.connectorSettings());
        config.put("ds.url", String.join(",", env.gateways.stream().map(GatewayProcess::streamBase).toList()));
        env.rest.putConnector(connector, config);

        env.awaitCommitted(connector, 1_500, WAIT);
        GatewayProcess first = env.gateways.get(0);
        first.kill();
        env.awaitCommitted(connector, 3_500, WAIT);
        first.start().awaitReady(WAIT);
        Map<String, Map<Integer, List<Long>>> expected = producing.get(2, TimeUnit.MINUTES);
        env.awaitCommitted(connector, records, WAIT);

        assertThat(env.rest.status(connector).toString()).doesNotContain("FAILED");
        workload.assertEachStreamHoldsItsRecordsExactlyOnceInOrder(env.streams, expected);
        assertEveryNodeServesTheSameBytes(expected.keySet());
    }

    private static void assertEveryNodeServesTheSameBytes(java.util.Set<String> streams) throws Exception {
        for (String stream : streams) {
            StreamReads.Read first = env.streamsOn(0).rawRead(stream);
            assertThat(first.status()).as("%s on node 0", stream).isEqualTo(200);
            for (int node = 1; node < NODES; node++) {
                StreamReads.Read other = env.streamsOn(node).rawRead(stream);
                assertThat(other.status()).as("%s on node %d", stream, node).isEqualTo(200);
                assertThat(other.body()).as("%s on node %d against node 0", stream, node).isEqualTo(first.body());
            }
        }
    }

    /** Starts the worker if a test before this one stopped it. */
    private static void ensureWorker() throws Exception {
        if (!env.rest.isUp()) {
            restartWorker();
        }
    }

    private static void restartWorker() throws Exception {
        env.worker.start();
        awaitTrue("the restarted worker's REST API", WAIT, env.rest::isUp);
    }

    /** About 1,000 records a second, so that the faults hit a connector in full flow. */
    private static Map<String, Map<Integer, List<Long>>> produce(ExactlyOnceWorkload workload) {
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            return workload.produce(producer, produced -> produced % 100 == 0 ? 100 : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
