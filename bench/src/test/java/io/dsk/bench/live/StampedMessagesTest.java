package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StampedMessagesTest {

    @Test
    void sendTimesComeBackFromASingleMessageAndFromABatch() {
        List<Long> times = new ArrayList<>();
        String one = StampedMessages.message(3, 123_456_789_012L);
        assertThat(StampedMessages.sendTimes(one, times::add)).isEqualTo(1);
        String batch = "[\n" + StampedMessages.message(4, -5) + ",\n" + StampedMessages.message(5, 77) + "\n]";
        assertThat(StampedMessages.sendTimes(batch, times::add)).isEqualTo(2);
        assertThat(times).containsExactly(123_456_789_012L, -5L, 77L);
    }

    @Test
    void textWithoutStampsYieldsNothing() {
        List<Long> times = new ArrayList<>();
        assertThat(StampedMessages.sendTimes("[{\"s\":1},{\"t\":\"x\"}]", times::add)).isZero();
        assertThat(times).isEmpty();
    }
}
