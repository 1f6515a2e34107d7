package io.dsk.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ControlEventTest {

    @Test
    void openStreamGivesItsNextOffset() {
        ControlEvent control = ControlEvent.parse("{\"streamNextOffset\":\"0000000000000001_0000000000000420\","
                + "\"streamCursor\":\"abc\",\"upToDate\":true}");

        assertThat(control).isEqualTo(new ControlEvent("0000000000000001_0000000000000420", false));
    }

    @Test
    void closedStreamIsRecognisedWithoutACursor() {
        ControlEvent control = ControlEvent.parse("{\"streamNextOffset\":\"9_9\", \"streamClosed\": true}");

        assertThat(control.closed()).isTrue();
        assertThat(control.nextOffset()).isEqualTo("9_9");
    }

    @Test
    void streamClosedFalseIsOpen() {
        assertThat(ControlEvent.parse("{\"streamNextOffset\":\"1\",\"streamClosed\":false}").closed()).isFalse();
    }

    @Test
    void controlWithoutNextOffsetIsRefused() {
        assertThatThrownBy(() -> ControlEvent.parse("{\"upToDate\":true}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamNextOffset");
    }
}
