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
 * 100,000 records over 6 partitions to 1,000 streams while the Connect worker is stopped once and
 * killed twice (SIGKILL) and the gateway is restarted once: afterwards every stream holds each of its records
 * exactly once, in per-partition offset order, and nothing else.
 */
class ExactlyOnceUnderFaultsIT {

    private static final String TOPIC = "eo";
    private static final String CONNECTOR = "eo-sink";
    private static final int PARTITIONS = 6;
    private static final int STREAMS = 1_000;
    private static final int RECORDS = 100_000;
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static ItEnvironment env;

    @BeforeAll
    static void start() throws Exception {
        env = ItEnvironment.start("faults");
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void eachStreamHoldsEachOfItsRecordsExactlyOnceInOrderAfterCrashesAndRestarts() throws Exception {
        env.createTopics(PARTITIONS, TOPIC);
        ExactlyOnceWorkload workload = new ExactlyOnceWorkload(TOPIC, PARTITIONS, STREAMS, RECORDS, "eo/s");
        CompletableFuture<Map<String, Map<Integer, List<Long>>>> producing = CompletableFuture.supplyAsync(
                () -> produce(workload));
        Map<String, String> config = env.connectorConfig(TOPIC);
        config.put("tasks.max", "2");
        config.putAll(workload.connectorSettings());
        config.put("ds.linger.ms", "20");
        env.rest.putConnector(CONNECTOR, config);

        env.awaitCommitted(CONNECTOR, 15_000, WAIT);
        env.worker.stop();
        restartWorker();
        env.awaitCommitted(CONNECTOR, 35_000, WAIT);
        env.worker.kill();
        restartWorker();
        env.awaitCommitted(CONNECTOR, 55_000, WAIT);
        env.gateway.restart();
        env.awaitCommitted(CONNECTOR, 75_000, WAIT);
        env.worker.kill();
        restartWorker();
        Map<String, Map<Integer, List<Long>>> expected = producing.get(2, TimeUnit.MINUTES);
        env.awaitCommitted(CONNECTOR, RECORDS, WAIT);

        assertThat(env.rest.status(CONNECTOR).toString()).doesNotContain("FAILED");
        env.worker.stop();
        // Any restart may be the one that gets records redelivered: the last kill can fall after the
        // task caught up and committed its offsets (then that worker skips none).
        assertThat(env.worker.restartLogs()).as("a restarted worker saw redelivered records and skipped them")
                .containsPattern("skipped [1-9][0-9]* duplicates");
        workload.assertEachStreamHoldsItsRecordsExactlyOnceInOrder(env.streams, expected);
    }

    private static void restartWorker() throws Exception {
        env.worker.start();
        awaitTrue("the restarted worker's REST API", WAIT, env.rest::isUp);
    }

    /** Produces at a steady pace, so that the faults hit a connector in full flow. */
    private static Map<String, Map<Integer, List<Long>>> produce(ExactlyOnceWorkload workload) {
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            return workload.produce(producer, ExactlyOnceWorkload::steadyPause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
