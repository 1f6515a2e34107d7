package io.dsk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordLayoutTest {

    @ParameterizedTest
    @CsvSource({"1000, 6, 100", "999, 6, 100", "50, 6, 100", "7, 3, 2", "1, 1, 1", "12345, 4, 7", "100, 10, 3"})
    void offsetsMatchAProducerWritingRecordsInOrder(long records, int partitions, int streams) {
        RecordLayout layout = new RecordLayout(records, partitions, streams, 200);
        Map<Integer, Long> nextOffset = new HashMap<>();
        Map<Integer, Long> lastOffset = new HashMap<>();
        Map<Integer, Long> count = new HashMap<>();
        for (long i = 0; i < records; i++) {
            int stream = layout.streamOf(i);
            int partition = layout.partitionOf(stream);
            long offset = nextOffset.merge(partition, 1L, Long::sum) - 1;
            assertThat(layout.offsetOf(i)).as("offset of record %d", i).isEqualTo(offset);
            lastOffset.put(stream, offset);
            count.merge(stream, 1L, Long::sum);
        }
        for (int s = 0; s < streams; s++) {
            assertThat(layout.recordsIn(s)).as("records in stream %d", s).isEqualTo(count.getOrDefault(s, 0L));
            assertThat(layout.lastOffsetOf(s)).as("last offset of stream %d", s)
                    .isEqualTo(lastOffset.getOrDefault(s, -1L));
        }
    }

    @Test
    void everyStreamTakesItsRecordsFromOnePartition() {
        RecordLayout layout = new RecordLayout(600, 6, 100, 200);
        for (long i = 0; i < 600; i++) {
            assertThat(layout.partitionOf(layout.streamOf(i))).isEqualTo(layout.streamOf(i) % 6);
        }
    }

    @Test
    void valuesAreCompactJsonOfExactlyThePayloadSize() {
        RecordLayout layout = new RecordLayout(1_000_000, 6, 100, 200);
        for (long i : new long[] {0, 42, 999_999}) {
            byte[] value = layout.value(i);
            String json = new String(value, StandardCharsets.US_ASCII);
            assertThat(value).hasSize(200);
            assertThat(json).startsWith("{\"seq\":" + i + ",\"stream\":\"s" + (i % 100) + "\",\"pad\":\"")
                    .endsWith("x\"}").doesNotContain(" ");
        }
    }

    @Test
    void aPayloadTooSmallForTheFieldsNamesTheSmallestThatFits() {
        assertThatThrownBy(() -> new RecordLayout(1_000_000, 6, 100, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--payload 20")
                .hasMessageContaining("use at least 38");
        assertThat(new RecordLayout(1_000_000, 6, 100, 38).value(999_999)).hasSize(38);
    }

    @Test
    void emptyLayoutsAreRefused() {
        assertThatThrownBy(() -> new RecordLayout(0, 6, 100, 200))
                .hasMessageContaining("records, partitions and streams must each be at least 1");
    }
}
