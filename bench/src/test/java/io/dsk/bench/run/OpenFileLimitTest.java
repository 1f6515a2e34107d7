package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenFileLimitTest {

    private static final String HEADER = "Limit                     Soft Limit           Hard Limit           Units";

    @Test
    void parsesTheMaxOpenFilesLine() {
        OpenFileLimit limit = OpenFileLimit.parse(List.of(HEADER,
                "Max processes             63672                63672                processes",
                "Max open files            1024                 524288               files"));
        assertThat(limit).isEqualTo(new OpenFileLimit(1024, 524288));
    }

    @Test
    void unlimitedIsTheLargestValue() {
        OpenFileLimit limit = OpenFileLimit.parse(List.of("Max open files            unlimited            unlimited   files"));
        assertThat(limit.hard()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void requireNamesTheCommandThatRaisesTheLimit() {
        assertThatThrownBy(() -> new OpenFileLimit(1024, 4096).require(60_000))
                .hasMessageContaining("needs 60000 open files")
                .hasMessageContaining("prlimit --nofile=60000:60000")
                .hasMessageContaining("ulimit -n 60000");
        assertThatNoException().isThrownBy(() -> new OpenFileLimit(65536, 65536).require(60_000));
    }

    @Test
    void aLimitsFileWithoutTheLineIsRejected() {
        assertThatThrownBy(() -> OpenFileLimit.parse(List.of(HEADER))).hasMessageContaining("Max open files");
    }

    @Test
    void thisProcessHasALimit() {
        assertThat(OpenFileLimit.current().soft()).isPositive();
    }
}
