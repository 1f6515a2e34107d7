package io.dsk.transforms.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import io.dsk.transforms.HostileValues;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathSegmentsTest {

    @Test
    void unreservedCharactersPassUnchanged() {
        assertThat(PathSegments.encode("Acme-corp_01.eu~x")).isEqualTo("Acme-corp_01.eu~x");
    }

    @Test
    void everyOtherByteIsPercentEncodedInUpperCase() {
        assertThat(PathSegments.encode("a/b")).isEqualTo("a%2Fb");
        assertThat(PathSegments.encode("a\\b")).isEqualTo("a%5Cb");
        assertThat(PathSegments.encode("alice@example.com")).isEqualTo("alice%40example.com");
        assertThat(PathSegments.encode("é")).isEqualTo("%C3%A9");
        assertThat(PathSegments.encode("\u0000")).isEqualTo("%00");
    }

    @Test
    void percentSignIsEncodedSoAnEncodedSlashStaysLiteral() {
        assertThat(PathSegments.encode("%2F")).isEqualTo("%252F");
        assertThat(PathSegments.encode("%2f")).isEqualTo("%252f");
    }

    @Test
    void valuesMadeOnlyOfDotsAreFullyEncoded() {
        assertThat(PathSegments.encode(".")).isEqualTo("%2E");
        assertThat(PathSegments.encode("..")).isEqualTo("%2E%2E");
        assertThat(PathSegments.encode("...")).isEqualTo("%2E%2E%2E");
        assertThat(PathSegments.encode("..a")).isEqualTo("..a");
    }

    @Test
    void emptyValueHasNoSegmentForm() {
        assertThatThrownBy(() -> PathSegments.encode("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unpairedSurrogateIsRefusedRatherThanReplaced() {
        assertThatThrownBy(() -> PathSegments.encode("a\uD800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathSegments.encode("\uDC00b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PathSegments.encode("\uD83D\uDE00")).isEqualTo("%F0%9F%98%80");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a%2f", "a%2", "a b", "a%zz", "%"})
    void illegalSegmentsAreRecognised(String segment) {
        assertThat(PathSegments.isEncodedSegment(segment)).isFalse();
    }

    @Test
    void everyEncodedValueIsALegalSegmentThatDecodesBackAndDistinctValuesStayDistinct() {
        Map<String, String> seen = new HashMap<>();
        for (String value : HostileValues.corpus()) {
            String segment = PathSegments.encode(value);
            assertThat(PathSegments.isEncodedSegment(segment)).as("segment of %s", HostileValues.describe(value)).isTrue();
            assertThat(segment).doesNotContain("/", "\\").isNotIn(".", "..");
            assertThat(PathSegments.decode(segment)).isEqualTo(value);
            String earlier = seen.put(segment, value);
            assertThat(earlier == null || earlier.equals(value))
                    .as("%s and %s share a segment", HostileValues.describe(earlier), HostileValues.describe(value)).isTrue();
        }
    }
}
