package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ControlEventTest {

    @Test
    void readsOffsetAndFlagsOfTheGatewayAndReferenceForms() {
        assertThat(ControlEvent.parse("{\"streamNextOffset\":\"0000000000000000_0000000000000042\","
                + "\"streamCursor\":\"123\",\"upToDate\":true}"))
                .isEqualTo(new ControlEvent("0000000000000000_0000000000000042", true, false));
        assertThat(ControlEvent.parse("{ \"streamNextOffset\" : \"7_7\", \"streamClosed\" : true }"))
                .isEqualTo(new ControlEvent("7_7", false, true));
        assertThat(ControlEvent.parse("{\"streamNextOffset\":\"1_1\",\"upToDate\":false}").upToDate()).isFalse();
    }

    @Test
    void aControlEventWithoutOffsetIsRejected() {
        assertThatThrownBy(() -> ControlEvent.parse("{\"upToDate\":true}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamNextOffset");
    }
}
