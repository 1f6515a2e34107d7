package io.dsk.connector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsk.connector.metrics.SinkMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the engine against an in-memory server that loses answers, refuses connections and restarts,
 * while the "task" crashes and resumes from the last committed offsets like Kafka would.
 */
class DeliveryEngineExactlyOnceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 3;
    private static final int STREAMS = 7;

    private final FakeGateway gateway = new FakeGateway(42);
    private final Records.CollectingSink dlq = new Records.CollectingSink();
    private final Map<Integer, List<Long>> offsets = new HashMap<>();

    @AfterEach
    void stopGateway() {
        gateway.shutdown();
    }

    @Test
    void everyRecordLandsExactlyOnceAcrossCrashesWithTheSourceWatermark() throws Exception {
        writeOffsetsWithGaps(1_500, new Random(7));
        gateway.setFaults(0.05, 0.08, 0.05);

        Map<Integer, Integer> committed = new HashMap<>();
        Random crashes = new Random(11);
        for (int session = 0; session < 4; session++) {
            boolean last = session == 3;
            runSession(committed, last ? Integer.MAX_VALUE : 300 + crashes.nextInt(900), last);
        }

        assertThat(dlq.records).isEmpty();
        assertEachStreamHoldsItsRecordsOnceInOrder();
    }

    @Test
    void staleProducerStateAtEpochZeroNeverSwallowsANewSessionsFirstBatch() throws Exception {
        writeOffsetsWithGaps(200, new Random(3));
        Map<Integer, Integer> committed = new HashMap<>();
        runSession(committed, 120, true);
        runSession(committed, Integer.MAX_VALUE, true);

        assertEachStreamHoldsItsRecordsOnceInOrder();
    }

    @Test
    void withoutTheExtensionIdempotentProducersStillGiveExactlyOnceWithinASession() throws Exception {
        gateway.extension = false;
        writeOffsetsWithGaps(1_000, new Random(5));
        gateway.setFaults(0.05, 0.1, 0.05);

        runSession(new HashMap<>(), Integer.MAX_VALUE, true);

        assertEachStreamHoldsItsRecordsOnceInOrder();
    }

    @Test
    void withoutTheExtensionARestartRedeliversButNeverLoses() throws Exception {
        gateway.extension = false;
        writeOffsetsWithGaps(400, new Random(9));
        Map<Integer, Integer> committed = new HashMap<>();
        runSession(committed, 500, false);
        runSession(committed, Integer.MAX_VALUE, true);

        Map<String, Map<Integer, List<Long>>> actual = actualByStreamAndPartition();
        expectedByStreamAndPartition().forEach((stream, byPartition) -> byPartition.forEach((partition, expected) ->
                assertThat(actual.get(stream).get(partition)).containsAll(expected)));
    }

    private void runSession(Map<Integer, Integer> committed, int crashAfter, boolean finish) throws Exception {
        DeliveryEngine engine = new DeliveryEngine(Records.settings(50, 8, true, 60_000), gateway, dlq,
                SinkMetrics.NONE);
        int fed = 0;
        Map<Integer, Integer> position = new HashMap<>(committed);
        Map<TopicPartition, Long> lastCommit = new HashMap<>();
        boolean more = true;
        while (more && fed < crashAfter) {
            more = false;
            for (int p = 0; p < PARTITIONS && fed < crashAfter; p++) {
                List<Long> partitionOffsets = offsets.get(p);
                int from = position.getOrDefault(p, 0);
                int to = Math.min(partitionOffsets.size(), from + 25);
                for (int i = from; i < to; i++) {
                    long offset = partitionOffsets.get(i);
                    engine.accept(Records.json(streamOf(p, offset), TOPIC, p, offset));
                    fed++;
                }
                position.put(p, to);
                more |= to < partitionOffsets.size();
            }
            if (fed % 200 < 75) {
                lastCommit = engine.committableOffsets();
            }
        }
        if (finish) {
            assertThat(engine.drain(Duration.ofSeconds(60))).isTrue();
            lastCommit = engine.committableOffsets();
        }
        engine.close();
        for (int p = 0; p < PARTITIONS; p++) {
            Long next = lastCommit.get(new TopicPartition(TOPIC, p));
            if (next != null) {
                int index = offsets.get(p).indexOf(next);
                committed.put(p, index < 0 ? offsets.get(p).size() : index);
            }
        }
    }

    private static String streamOf(int partition, long offset) {
        return "orders/s" + ((offset * 31 + partition) % STREAMS);
    }

    private void writeOffsetsWithGaps(int perPartition, Random random) {
        for (int p = 0; p < PARTITIONS; p++) {
            List<Long> list = new ArrayList<>();
            long offset = random.nextInt(5);
            for (int i = 0; i < perPartition; i++) {
                list.add(offset);
                offset += 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
            }
            offsets.put(p, list);
        }
    }

    private void assertEachStreamHoldsItsRecordsOnceInOrder() throws IOException {
        assertThat(actualByStreamAndPartition()).isEqualTo(expectedByStreamAndPartition());
    }

    private Map<String, Map<Integer, List<Long>>> expectedByStreamAndPartition() {
        Map<String, Map<Integer, List<Long>>> expected = new TreeMap<>();
        offsets.forEach((p, list) -> list.forEach(offset -> expected.computeIfAbsent(streamOf(p, offset),
                s -> new TreeMap<>()).computeIfAbsent(p, x -> new ArrayList<>()).add(offset)));
        return expected;
    }

    private Map<String, Map<Integer, List<Long>>> actualByStreamAndPartition() throws IOException {
        Map<String, Map<Integer, List<Long>>> actual = new TreeMap<>();
        for (int s = 0; s < STREAMS; s++) {
            String path = "orders/s" + s;
            for (String message : gateway.messages(path)) {
                JsonNode node = JSON.readTree(message);
                actual.computeIfAbsent(path, x -> new TreeMap<>())
                        .computeIfAbsent(node.get("p").asInt(), x -> new ArrayList<>()).add(node.get("o").asLong());
            }
        }
        return actual;
    }
}
