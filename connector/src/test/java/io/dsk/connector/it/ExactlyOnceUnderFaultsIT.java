package io.dsk.connector.it;

import static io.dsk.connector.it.ItEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
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
        CompletableFuture<Map<String, Map<Integer, List<Long>>>> producing = CompletableFuture.supplyAsync(
                ExactlyOnceUnderFaultsIT::produce);
        Map<String, String> config = env.connectorConfig(TOPIC);
        config.put("tasks.max", "2");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("ds.stream.template", "eo/s${value.s}");
        config.put("ds.linger.ms", "20");
        env.rest.putConnector(CONNECTOR, config);

        awaitCommitted(15_000);
        env.worker.stop();
        restartWorker();
        awaitCommitted(35_000);
        env.worker.kill();
        restartWorker();
        awaitCommitted(55_000);
        env.gateway.restart();
        awaitCommitted(75_000);
        env.worker.kill();
        restartWorker();
        Map<String, Map<Integer, List<Long>>> expected = producing.get(2, TimeUnit.MINUTES);
        awaitCommitted(RECORDS);

        assertThat(producing).isCompleted();
        assertThat(env.rest.status(CONNECTOR).toString()).doesNotContain("FAILED");
        env.worker.stop();
        assertThat(env.worker.log()).as("the restarted worker saw redelivered records and skipped them")
                .containsPattern("skipped [1-9][0-9]* duplicates");
        Map<String, Map<Integer, List<Long>>> actual = new TreeMap<>();
        for (String stream : expected.keySet()) {
            for (JsonNode message : env.streams.jsonMessages(stream)) {
                actual.computeIfAbsent(stream, s -> new TreeMap<>())
                        .computeIfAbsent(message.get("p").asInt(), p -> new ArrayList<>()).add(message.get("q").asLong());
            }
        }
        assertThat(actual).hasSize(STREAMS);
        for (Map.Entry<String, Map<Integer, List<Long>>> stream : expected.entrySet()) {
            assertThat(actual.get(stream.getKey())).as(stream.getKey()).isEqualTo(stream.getValue());
        }
    }

    private static void restartWorker() throws Exception {
        env.worker.start();
        awaitTrue("the restarted worker's REST API", WAIT, env.rest::isUp);
    }

    /**
     * Produces about 2,000 records a second, so that the faults hit a connector in full flow. Record i goes
     * to stream i % 1000 from one of two partitions, so most streams have two producers.
     */
    private static Map<String, Map<Integer, List<Long>>> produce() {
        Map<String, Map<Integer, List<Long>>> expected = new TreeMap<>();
        long[] perPartition = new long[PARTITIONS];
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            for (int i = 0; i < RECORDS; i++) {
                int stream = i % STREAMS;
                int partition = (stream + (i / STREAMS) % 2) % PARTITIONS;
                long q = perPartition[partition]++;
                String value = "{\"s\":" + stream + ",\"p\":" + partition + ",\"q\":" + q + "}";
                producer.send(new ProducerRecord<>(TOPIC, partition, null, value.getBytes(StandardCharsets.UTF_8)));
                if (i % 200 == 199) {
                    pause();
                }
                expected.computeIfAbsent("eo/s" + stream, s -> new TreeMap<>())
                        .computeIfAbsent(partition, p -> new ArrayList<>()).add(q);
            }
            producer.flush();
        }
        return expected;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitCommitted(long records) throws InterruptedException {
        awaitTrue(records + " committed records", WAIT, () -> committed() >= records);
    }

    private static long committed() {
        try (Admin admin = env.kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + CONNECTOR)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (ExecutionException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
