package io.dsk.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Numbered JSON records {@code {"s":stream,"p":partition,"q":seq}} over several partitions to many streams, and
 * the check that afterwards every stream holds each of its records exactly once, in per-partition offset order,
 * and nothing else. Record i goes to stream {@code i % streams} from one of two partitions, so most streams have
 * two writers whose records interleave.
 */
final class ExactlyOnceWorkload {

    /** Decides how long the producer waits after each record, so that a test can slow the flow down. */
    @FunctionalInterface
    interface Pace {

        /**
         * @param produced how many records have been handed to the producer so far
         * @return milliseconds to wait before the next record; 0 for none
         */
        long pauseAfter(int produced);
    }

    private final String topic;
    private final int partitions;
    private final int streams;
    private final int records;
    private final String streamPrefix;

    /**
     * @param streamPrefix the path prefix of the streams; stream n is {@code streamPrefix + n}
     */
    ExactlyOnceWorkload(String topic, int partitions, int streams, int records, String streamPrefix) {
        this.topic = topic;
        this.partitions = partitions;
        this.streams = streams;
        this.records = records;
        this.streamPrefix = streamPrefix;
    }

    /** About 2,000 records a second: 100 ms of rest after every 200 records. */
    static long steadyPause(int produced) {
        return produced % 200 == 0 ? 100 : 0;
    }

    int records() {
        return records;
    }

    /** @return the connector settings that read these records and route each to its stream */
    Map<String, String> connectorSettings() {
        return Map.of(
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false",
                "ds.stream.template", streamPrefix + "${value.s}");
    }

    /**
     * Produces all records.
     *
     * @return per stream, per partition, the sequence numbers it must hold, in order
     */
    Map<String, Map<Integer, List<Long>>> produce(KafkaProducer<byte[], byte[]> producer, Pace pace)
            throws InterruptedException {
        Map<String, Map<Integer, List<Long>>> expected = new TreeMap<>();
        long[] perPartition = new long[partitions];
        for (int i = 0; i < records; i++) {
            int stream = i % streams;
            int partition = (stream + (i / streams) % 2) % partitions;
            long q = perPartition[partition]++;
            String value = "{\"s\":" + stream + ",\"p\":" + partition + ",\"q\":" + q + "}";
            producer.send(new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8)));
            expected.computeIfAbsent(streamPrefix + stream, s -> new TreeMap<>())
                    .computeIfAbsent(partition, p -> new ArrayList<>()).add(q);
            long pause = pace.pauseAfter(i + 1);
            if (pause > 0) {
                Thread.sleep(pause);
            }
        }
        producer.flush();
        return expected;
    }

    /** Reads every stream to its tail and compares it with what was produced. */
    void assertEachStreamHoldsItsRecordsExactlyOnceInOrder(StreamReads reads,
                                                           Map<String, Map<Integer, List<Long>>> expected)
            throws Exception {
        assertThat(expected).as("streams produced to").hasSize(streams);
        Map<String, Map<Integer, List<Long>>> actual = new TreeMap<>();
        for (String stream : expected.keySet()) {
            for (JsonNode message : reads.jsonMessages(stream)) {
                assertThat(message.path("s").asText()).as("a message of %s", stream)
                        .isEqualTo(stream.substring(streamPrefix.length()));
                actual.computeIfAbsent(stream, s -> new TreeMap<>())
                        .computeIfAbsent(message.get("p").asInt(), p -> new ArrayList<>()).add(message.get("q").asLong());
            }
        }
        assertThat(actual).as("streams written").hasSize(streams);
        for (Map.Entry<String, Map<Integer, List<Long>>> stream : expected.entrySet()) {
            assertThat(actual.get(stream.getKey())).as(stream.getKey()).isEqualTo(stream.getValue());
        }
    }
}
