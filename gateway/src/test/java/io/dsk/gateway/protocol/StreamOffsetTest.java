package io.dsk.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamOffsetTest {

    @Test
    void offsetsHaveTheFixedShapeTheConformanceSuiteReliesOn() {
        assertThat(StreamOffset.format(0)).isEqualTo("0000000000000000_0000000000000000");
        assertThat(StreamOffset.format(1234)).isEqualTo("0000000000000000_0000000000001234");
    }

    @Test
    void lexicographicOrderIsPositionOrder() {
        assertThat(StreamOffset.format(9).compareTo(StreamOffset.format(10))).isNegative();
        assertThat(StreamOffset.format(999_999).compareTo(StreamOffset.format(1_000_000))).isNegative();
    }

    @Test
    void parseInvertsFormat() {
        assertThat(StreamOffset.parse(StreamOffset.format(42), "offset")).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0,1", "0 1", "abc", "0000000000000000_000000000000001",
            "0000000000000001_0000000000000001", "-1", "now"})
    void malformedOffsetsAreBadRequests(String token) {
        assertThatThrownBy(() -> StreamOffset.parse(token, "offset"))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).status()).isEqualTo(400));
    }

    @Test
    void readOffsetsKnowTheSentinels() {
        assertThat(ReadOffset.parse(null)).isEqualTo(ReadOffset.START);
        assertThat(ReadOffset.parse("-1")).isEqualTo(ReadOffset.START);
        assertThat(ReadOffset.parse("now").isNow()).isTrue();
        assertThat(ReadOffset.parse(StreamOffset.format(7)).position()).isEqualTo(7);
    }
}
