package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessLimitsTest {

    @Test
    void prlimitValuesIncludeUnlimited() {
        assertThat(ProcessLimits.parseLimit(" 65536\n")).isEqualTo(65536);
        assertThat(ProcessLimits.parseLimit("unlimited")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anythingElseIsRejectedNamingTheValue() {
        assertThatThrownBy(() -> ProcessLimits.parseLimit("soft")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'soft'");
    }
}
