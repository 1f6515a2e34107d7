package io.dsk.transforms.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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

    /** Values chosen to break out of a path segment, plus random strings from a fixed seed. */
    static final class HostileValues {

        static List<String> corpus() {
            List<String> values = new ArrayList<>(List.of(
                    ".", "..", "...", "a/b", "/", "//", "../x", "x/..", "\\", "..\\..", "%2F", "%2f", "%252F", "%2E%2E",
                    "%2e%2e", "%", "%%", "\u0000", "\n", "\r\n", "\t", "\u007F", "\u0085", "\u2028", "a b", "?x=1",
                    "#frag", "a;b", "*", "**", "{audience}", "${topic}", "é", "e\u0301", "\uFF0F", "\u2215",
                    "\uD83D\uDE00", "tenant-1", "TENANT-1", "ａ", "x".repeat(200), "/".repeat(50), ".".repeat(300)));
            Random random = new Random(20_260_124L);
            for (int i = 0; i < 2_000; i++) {
                values.add(randomValue(random));
            }
            return values;
        }

        private static String randomValue(Random random) {
            String alphabet = "./\\%2Ffe\u0000\n aZ9-_~:@é\uD83D\uDE00";
            StringBuilder value = new StringBuilder();
            int length = 1 + random.nextInt(8);
            while (value.length() < length) {
                int at = random.nextInt(alphabet.length());
                char c = alphabet.charAt(at);
                if (Character.isHighSurrogate(c)) {
                    value.append(c).append(alphabet.charAt(at + 1));
                } else if (!Character.isLowSurrogate(c)) {
                    value.append(c);
                }
            }
            return value.toString();
        }

        static String describe(String value) {
            if (value == null) {
                return "null";
            }
            StringBuilder out = new StringBuilder("\"");
            value.codePoints().limit(20).forEach(cp -> out.append(cp < 0x20 || cp > 0x7E
                    ? String.format(java.util.Locale.ROOT, "\\u%04X", cp) : String.valueOf((char) cp)));
            return out.append(value.length() > 20 ? "...\"" : "\"").toString();
        }
    }
}
