package io.dsk.bench.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ControlEventTest {

    @Test
    void theGatewaysFormGivesOffsetAndUpToDate() {
        ControlEvent control = ControlEvent.parse("{\"streamNextOffset\":\"0000000000000001_0000000000000420\","
                + "\"streamCursor\":\"abc\",\"upToDate\":true}");

        assertThat(control).isEqualTo(new ControlEvent("0000000000000001_0000000000000420", true, false));
    }

    @Test
    void closedStreamIsRecognisedWithoutACursorAndWithSpacesAroundTheColons() {
        ControlEvent control = ControlEvent.parse("{ \"streamNextOffset\" : \"7_7\", \"streamClosed\" : true }");

        assertThat(control).isEqualTo(new ControlEvent("7_7", false, true));
    }

    @Test
    void falseFlagsAreFalse() {
        ControlEvent control = ControlEvent.parse("{\"streamNextOffset\":\"1\",\"upToDate\":false,"
                + "\"streamClosed\":false}");

        assertThat(control.upToDate()).isFalse();
        assertThat(control.closed()).isFalse();
    }

    @Test
    void controlWithoutNextOffsetIsRefused() {
        assertThatThrownBy(() -> ControlEvent.parse("{\"upToDate\":true}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamNextOffset");
    }

    @Test
    void aNextOffsetThatIsNotAStringIsRefused() {
        assertThatThrownBy(() -> ControlEvent.parse("{\"streamNextOffset\":42}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamNextOffset");
    }
}
