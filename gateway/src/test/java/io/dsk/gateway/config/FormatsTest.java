package io.dsk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormatsTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "30s,30000", "2m,120000", "1h,3600000", "7d,604800000", "' 10 S ',10000", "0ms,0"})
    void parsesDurations(String text, long millis) {
        assertThat(DurationFormat.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "1.5s", "-1s", "10w", "s", "1 hour"})
    void rejectsOtherDurationShapes(String text) {
        assertThatThrownBy(() -> DurationFormat.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("500ms, 30s, 2m, 1h");
    }

    @ParameterizedTest
    @CsvSource({"500,500ms", "30000,30s", "120000,2m", "3600000,1h", "1500,1500ms", "0,0s"})
    void formatsDurationsInTheShortestExactUnit(long millis, String text) {
        assertThat(DurationFormat.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(DurationFormat.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"1048576,1048576", "64KiB,65536", "16MiB,16777216", "2gib,2147483648", "' 1 KiB ',1024", "7b,7"})
    void parsesByteSizes(String text, long bytes) {
        assertThat(ByteSizeFormat.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.5MiB", "-1", "16MB", "16M", "KiB", "999999999999999GiB"})
    void rejectsOtherByteSizeShapes(String text) {
        assertThatThrownBy(() -> ByteSizeFormat.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"16777216,16MiB", "65536,64KiB", "1000,1000", "1073741824,1GiB", "0,0"})
    void formatsByteSizesInTheLargestExactUnit(long bytes, String text) {
        assertThat(ByteSizeFormat.format(bytes)).isEqualTo(text);
        assertThat(ByteSizeFormat.parse(text)).isEqualTo(bytes);
    }
}
