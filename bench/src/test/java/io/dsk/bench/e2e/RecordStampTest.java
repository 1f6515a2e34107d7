package io.dsk.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordStampTest {

    private final List<long[]> found = new ArrayList<>();

    @Test
    void valueHasExactlyThePayloadSizeAndIsCompactJson() {
        byte[] value = RecordStamp.value(42, 123_456_789L, 200);

        assertThat(value).hasSize(200);
        assertThat(new String(value, StandardCharsets.US_ASCII))
                .startsWith("{\"seq\":42,\"sent\":123456789,\"pad\":\"x").endsWith("x\"}");
    }

    @Test
    void valueTooSmallForTheStampIsRefusedWithTheSizeNeeded() {
        assertThatThrownBy(() -> RecordStamp.value(1, 2, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use at least 27 bytes");
    }

    @Test
    void minimumPayloadHoldsTheLargestStamps() {
        byte[] value = RecordStamp.value(Long.MAX_VALUE, Long.MIN_VALUE + 1, RecordStamp.MIN_PAYLOAD_BYTES);

        RecordStamp.scan(new String(value, StandardCharsets.US_ASCII), this::collect);

        assertThat(found).containsExactly(new long[] {Long.MAX_VALUE, Long.MIN_VALUE + 1});
    }

    @Test
    void scanFindsTheStampOfAWrittenValue() {
        String text = new String(RecordStamp.value(7, -9_000_000_000L, 64), StandardCharsets.US_ASCII);

        int count = RecordStamp.scan(text, this::collect);

        assertThat(count).isEqualTo(1);
        assertThat(found).containsExactly(new long[] {7, -9_000_000_000L});
    }

    @Test
    void scanReadsEveryMessageOfAJsonArraySpreadOverLines() {
        String event = "[\n{\"seq\":0,\"sent\":100,\"pad\":\"xx\"},\n{\"seq\":1,\"sent\":200,\"pad\":\"xx\"}\n]";

        RecordStamp.scan(event, this::collect);

        assertThat(found).containsExactly(new long[] {0, 100}, new long[] {1, 200});
    }

    @Test
    void scanDoesNotDependOnFieldOrderOrWhitespace() {
        RecordStamp.scan("[{\"pad\":\"x\", \"sent\" : 55 , \"seq\": 3}]", this::collect);

        assertThat(found).containsExactly(new long[] {3, 55});
    }

    @Test
    void scanSkipsObjectsWithoutBothNumbers() {
        int count = RecordStamp.scan("[{\"seq\":1},{\"sent\":2},{\"seq\":\"a\",\"sent\":3},{\"seq\":4,\"sent\":5}]",
                this::collect);

        assertThat(count).isEqualTo(1);
        assertThat(found).containsExactly(new long[] {4, 5});
    }

    @Test
    void scanOfTextWithoutObjectsFindsNothing() {
        assertThat(RecordStamp.scan("", this::collect)).isZero();
        assertThat(RecordStamp.scan("[]", this::collect)).isZero();
        assertThat(found).isEmpty();
    }

    private void collect(long seq, long sent) {
        found.add(new long[] {seq, sent});
    }
}
