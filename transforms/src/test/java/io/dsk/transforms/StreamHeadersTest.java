package io.dsk.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.junit.jupiter.api.Test;

class StreamHeadersTest {

    @Test
    void closeIsTrueForBooleanTrueOrTheStringTrue() {
        assertThat(StreamHeaders.isCloseValue(true)).isTrue();
        assertThat(StreamHeaders.isCloseValue("true")).isTrue();
        assertThat(StreamHeaders.isCloseValue("TRUE")).isTrue();
        assertThat(StreamHeaders.isCloseValue(false)).isFalse();
        assertThat(StreamHeaders.isCloseValue("yes")).isFalse();
        assertThat(StreamHeaders.isCloseValue(1)).isFalse();
        assertThat(StreamHeaders.isCloseValue(null)).isFalse();
    }

    @Test
    void lastCloseHeaderCounts() {
        assertThat(StreamHeaders.closesStream(new ConnectHeaders().addBoolean("ds.close", true).addString("ds.close", "false")))
                .isFalse();
        assertThat(StreamHeaders.closesStream(new ConnectHeaders())).isFalse();
    }

    @Test
    void streamPathIsAbsentWithoutHeaderAndRefusedWhenMalformed() {
        assertThat(StreamHeaders.streamPath(new ConnectHeaders())).isEmpty();
        assertThat(StreamHeaders.streamPath(new ConnectHeaders().addString("ds.stream", "a/b"))).contains("a/b");
        assertThatThrownBy(() -> StreamHeaders.streamPath(new ConnectHeaders().addString("ds.stream", "a/../b")))
                .isInstanceOf(DataException.class).hasMessageContaining("ds.stream");
        assertThatThrownBy(() -> StreamHeaders.streamPath(new ConnectHeaders().addLong("ds.stream", 1L)))
                .isInstanceOf(DataException.class).hasMessageContaining("must be a string");
    }

    @Test
    void withStreamLeavesTheOriginalHeadersAlone() {
        Headers original = new ConnectHeaders().addString("ds.stream", "old").addString("other", "x");

        var updated = StreamHeaders.withStream(original, "new/path");

        assertThat(StreamHeaders.streamPath(original)).contains("old");
        assertThat(StreamHeaders.streamPath(updated)).contains("new/path");
        assertThat(updated.lastWithName("other").value()).isEqualTo("x");
    }
}
