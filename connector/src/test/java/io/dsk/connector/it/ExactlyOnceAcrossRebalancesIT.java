package io.dsk.connector.it;

import static io.dsk.connector.it.ItEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 20,000 records over 6 partitions to 100 streams, written by a connector with 3 tasks while a second Connect
 * worker joins the cluster (tasks move to it) and the first worker is later stopped gracefully (all tasks move
 * to the second): afterwards every stream holds each of its records exactly once, in per-partition offset order,
 * and nothing else.
 *
 * <p>Records keep flowing through both rebalances: past each step's threshold the producer slows to a trickle
 * until the rebalance it waits for is over, so a slow machine cannot make the rebalance happen after the last
 * record.
 */
class ExactlyOnceAcrossRebalancesIT {

    private static final String TOPIC = "rebalance";
    private static final String CONNECTOR = "rebalance-sink";
    private static final int PARTITIONS = 6;
    private static final int STREAMS = 100;
    private static final int RECORDS = 20_000;
    private static final int TASKS = 3;
    private static final int JOIN_AT = 6_000;
    private static final int LEAVE_AT = 13_000;
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static ItEnvironment env;
    private static ConnectWorkerProcess joiner;
    private static volatile boolean joined;
    private static volatile boolean left;

    @BeforeAll
    static void start() throws Exception {
        env = ItEnvironment.start("rebalance");
        joiner = env.anotherWorker("joining-worker");
    }

    @AfterAll
    static void stop() throws Exception {
        if (joiner != null) {
            joiner.close();
        }
        if (env != null) {
            env.close();
        }
    }

    @Test
    void eachStreamHoldsEachOfItsRecordsExactlyOnceInOrderAfterAWorkerJoinsAndAnotherLeaves() throws Exception {
        env.createTopics(PARTITIONS, TOPIC);
        ExactlyOnceWorkload workload = new ExactlyOnceWorkload(TOPIC, PARTITIONS, STREAMS, RECORDS, "rebalance/s");
        CompletableFuture<Map<String, Map<Integer, List<Long>>>> producing = CompletableFuture.supplyAsync(
                () -> produce(workload));
        Map<String, String> config = env.connectorConfig(TOPIC);
        config.put("tasks.max", Integer.toString(TASKS));
        config.putAll(workload.connectorSettings());
        config.put("ds.linger.ms", "20");
        env.rest.putConnector(CONNECTOR, config);
        ConnectRest joinerRest = new ConnectRest(joiner.restUrl());

        env.awaitCommitted(CONNECTOR, 3_000, WAIT);
        joiner.start();
        awaitTrue("the joining worker's REST API", WAIT, joinerRest::isUp);
        awaitTrue(TASKS + " running tasks spread over both workers", WAIT,
                () -> runningTaskWorkers(env.rest).size() == 2);
        joined = true;
        env.awaitCommitted(CONNECTOR, 10_000, WAIT);
        env.worker.stop();
        awaitTrue(TASKS + " running tasks, all on the joined worker", WAIT,
                () -> runningTaskWorkers(joinerRest).size() == 1
                        && runningTaskWorkers(joinerRest).iterator().next().endsWith(port(joiner.restUrl())));
        left = true;
        Map<String, Map<Integer, List<Long>>> expected = producing.get(5, TimeUnit.MINUTES);
        try {
            env.awaitCommitted(CONNECTOR, RECORDS, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; connector status: " + joinerRest.status(CONNECTOR), e);
        }

        assertThat(joinerRest.status(CONNECTOR).toString()).doesNotContain("FAILED");
        workload.assertEachStreamHoldsItsRecordsExactlyOnceInOrder(env.streams, expected);
    }

    /**
     * Steady flow, but a trickle (50 records a second) past {@link #JOIN_AT} until the second worker runs tasks,
     * and past {@link #LEAVE_AT} until the first worker's tasks have moved.
     */
    private static Map<String, Map<Integer, List<Long>>> produce(ExactlyOnceWorkload workload) {
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            return workload.produce(producer, produced -> {
                boolean waiting = (produced >= JOIN_AT && !joined) || (produced >= LEAVE_AT && !left);
                return waiting ? 20 : ExactlyOnceWorkload.steadyPause(produced);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the ids of the workers running this connector's tasks, or an empty set unless all {@link #TASKS}
     *         tasks are running
     */
    private static Set<String> runningTaskWorkers(ConnectRest rest) {
        Set<String> workers = new TreeSet<>();
        try {
            JsonNode status = rest.status(CONNECTOR);
            if (status == null) {
                return Set.of();
            }
            int running = 0;
            for (JsonNode task : status.path("tasks")) {
                if ("RUNNING".equals(task.path("state").asText())) {
                    running++;
                    workers.add(task.path("worker_id").asText());
                }
            }
            return running == TASKS ? workers : Set.of();
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static String port(String url) {
        return url.substring(url.lastIndexOf(':'));
    }
}
