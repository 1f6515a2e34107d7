package io.dsk.bench.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class JvmHeapTest {

    @Test
    void g1HeapInfoGivesTheHeapUsedWithoutMetaspace() throws IOException {
        String out = """
                10688:
                 garbage-first heap   total 278528K, used 56638K [0x0000000687400000, 0x0000000800000000)
                  region size 4096K, 7 young (28672K), 1 survivors (4096K)
                 Metaspace       used 23641K, committed 23872K, reserved 1114112K
                  class space    used 2683K, committed 2752K, reserved 1048576K
                """;
        assertThat(JvmHeap.parseUsedBytes(out)).isEqualTo(56638L * 1024);
    }

    @Test
    void generationalCollectorsAddTheirGenerations() throws IOException {
        String out = """
                4242:
                 def new generation   total 9792K, used 1200K [0x00000000e0000000, 0x00000000e0aa0000)
                  eden space 8704K,  13% used [0x00000000e0000000, 0x00000000e012c000)
                 tenured generation   total 21888K, used 3000K [0x00000000eaaa0000, 0x00000000ec000000)
                 Metaspace       used 800K, committed 900K, reserved 1056768K
                """;
        assertThat(JvmHeap.parseUsedBytes(out)).isEqualTo(4200L * 1024);
    }

    @Test
    void outputWithoutAHeapSummaryIsAnError() {
        assertThatThrownBy(() -> JvmHeap.parseUsedBytes("4242:\nCould not attach"))
                .isInstanceOf(IOException.class).hasMessageContaining("Could not attach");
    }
}
