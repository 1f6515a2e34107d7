package io.dsk.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamPathTest {

    @Test
    void unreservedCharactersPassUnchanged() {
        assertThat(StreamPath.encodeSegment("Acme-corp_01.eu~x")).isEqualTo("Acme-corp_01.eu~x");
    }

    @Test
    void everyOtherByteIsPercentEncodedInUpperCase() {
        assertThat(StreamPath.encodeSegment("a/b")).isEqualTo("a%2Fb");
        assertThat(StreamPath.encodeSegment("a\\b")).isEqualTo("a%5Cb");
        assertThat(StreamPath.encodeSegment("alice@example.com")).isEqualTo("alice%40example.com");
        assertThat(StreamPath.encodeSegment("a;b")).isEqualTo("a%3Bb");
        assertThat(StreamPath.encodeSegment("é")).isEqualTo("%C3%A9");
        assertThat(StreamPath.encodeSegment("\u0000")).isEqualTo("%00");
    }

    @Test
    void percentSignIsEncodedSoAnEncodedSlashStaysLiteral() {
        assertThat(StreamPath.encodeSegment("%2F")).isEqualTo("%252F");
        assertThat(StreamPath.encodeSegment("%2f")).isEqualTo("%252f");
    }

    @Test
    void valuesMadeOnlyOfDotsAreFullyEncoded() {
        assertThat(StreamPath.encodeSegment(".")).isEqualTo("%2E");
        assertThat(StreamPath.encodeSegment("..")).isEqualTo("%2E%2E");
        assertThat(StreamPath.encodeSegment("...")).isEqualTo("%2E%2E%2E");
        assertThat(StreamPath.encodeSegment("..a")).isEqualTo("..a");
    }

    @Test
    void emptyValuesAndUnpairedSurrogatesHaveNoSegmentForm() {
        assertThatThrownBy(() -> StreamPath.encodeSegment("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamPath.encodeSegment("a\uD800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamPath.encodeSegment("\uDC00b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(StreamPath.encodeSegment("\uD83D\uDE00")).isEqualTo("%F0%9F%98%80");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a%2f", "a%2", "a b", "a%zz", "%"})
    void illegalSegmentsAreRecognised(String segment) {
        assertThat(StreamPath.isEncodedSegment(segment)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "tenants/acme/orders", "users/alice%40example.com/inbox", "a/%2E%2E/b",
        "x/__ds"})
    void canonicalNames(String name) {
        assertThat(StreamPath.problem(name)).isNull();
        assertThat(StreamPath.of(name).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/orders", "orders/", "a//b", "a/../b", "a/./b", "a b", "a/%2f", "a/%", "a\\b", "é",
        "__ds/x", "__dsx", "__DS/x"})
    void notCanonicalNames(String name) {
        assertThat(StreamPath.problem(name)).isNotNull();
        assertThatThrownBy(() -> StreamPath.of(name)).isInstanceOf(InvalidStreamPathException.class);
    }

    @Test
    void theUrlFormEncodesTheNameOnceMore() {
        assertThat(StreamPath.of("tenants/%2E%2E/alice%40x").toUrlPath()).isEqualTo("tenants/%252E%252E/alice%2540x");
        assertThat(StreamPath.of("tenants/acme/orders").toUrlPath()).isEqualTo("tenants/acme/orders");
        assertThat(StreamPath.of("users/alice%40x").toQueryValue()).isEqualTo("users%2Falice%2540x");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/v1/stream/users/alice/events, users/alice/events",
        "/v1/stream/caf%C3%A9/x, café/x",
        "/v1/stream/with%20space, with space",
        "/v1/stream/a+b/c~d_e-f.g, a+b/c~d_e-f.g",
        "/v1/stream/%2e%2ex, ..x",
        "/v1/stream/..., ...",
        "/v1/stream/users/alice%2540x, users/alice%40x",
        "/v1/stream/a%3Bb, a;b",
        "/v1/stream/x/%76%31, x/v1",
        "/%76%31/stream/x, x",
        "http://h:1/v1/stream/a/b, a/b",
        "/v1/stream/__ds/streams, __ds/streams",
    })
    void aRequestPathIsDecodedExactlyOnce(String raw, String name) {
        assertThat(StreamPath.fromRequestPath(raw).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/", "a/", "/a", "a//b",
        "..", "a/..", "../a", "a/../b", ".", "a/./b",
        "%2e%2e", "a/%2E%2E/b", "a/%2e/b", ".%2e", "%2e.",
        "a%2fb", "a%2Fb", "a%5cb", "a%5Cb", "a\\b",
        "a%00b", "a%0ab", "a%1fb", "a%7fb", "a%C2%85",
        "a%", "a%2", "a%zz", "a%g0",
        "a;b", "a;jsessionid=1/b",
        "a%C3", "a%FF", "a%FE", "a%C0%AE%C0%AE", "a%ED%A0%80", "a%E2%82",
        "a b", "a\tb", "é",
    })
    void refusesAnythingAmbiguous(String raw) {
        assertThatThrownBy(() -> StreamPath.fromRequestPath("/v1/stream/" + raw))
                .isInstanceOf(InvalidStreamPathException.class)
                .satisfies(e -> assertThat(((InvalidStreamPathException) e).notStreamPath()).isFalse());
        assertThatThrownBy(() -> StreamPath.fromUrlPath(raw)).isInstanceOf(InvalidStreamPathException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/streams/a", "/v1/stream", "/v1/stream/", "/v2/stream/a", "/a"})
    void aPathOutsideThePrefixIsNotAStreamPath(String raw) {
        assertThatThrownBy(() -> StreamPath.fromRequestPath(raw)).isInstanceOf(InvalidStreamPathException.class)
                .satisfies(e -> assertThat(((InvalidStreamPathException) e).notStreamPath()).isTrue());
    }

    @Test
    void theControlPrefixIsReservedUnderEverySpelling() {
        for (String raw : List.of("__ds/streams", "%5F%5Fds/x", "__DS/x", "__dsx/y", "__ds%20/x", "__ds", "__Ds")) {
            assertThat(StreamPath.fromUrlPath(raw).isReserved()).as(raw).isTrue();
        }
        assertThat(StreamPath.fromUrlPath("x/__ds").isReserved()).isFalse();
        assertThat(StreamPath.fromUrlPath("_ds/x").isReserved()).isFalse();
    }

    @Test
    void aDecodedNameIsCheckedByTheSameRules() {
        assertThat(StreamPath.fromName("users/alice%40x").name()).isEqualTo("users/alice%40x");
        for (String bad : List.of("", "a//b", "a/../b", "./a", "a\\b", "a\u0000", "a/")) {
            assertThatThrownBy(() -> StreamPath.fromName(bad)).as(bad).isInstanceOf(InvalidStreamPathException.class);
        }
    }

    @Test
    void aQueryParameterNamesTheStreamByItsNameOrByItsPathUnderThePrefixAndIsNeverDecodedAgain() {
        assertThat(StreamPath.fromQueryParameter("users/alice%40x").name()).isEqualTo("users/alice%40x");
        assertThat(StreamPath.fromQueryParameter("/v1/stream/users/alice%40x").name()).isEqualTo("users/alice%40x");
        assertThat(StreamPath.fromQueryParameter("a/%2E%2E").name()).isEqualTo("a/%2E%2E");
        for (String bad : List.of("", "/v1/stream/", "/a/b", "a//b", "a/../b", "/v1/stream/a/..", "a\\b", "a\u0000",
                "__ds/streams", "__DS/x", "/v1/stream/__ds/source-offsets")) {
            assertThatThrownBy(() -> StreamPath.fromQueryParameter(bad)).as(bad)
                    .isInstanceOf(InvalidStreamPathException.class);
        }
    }

    @Test
    void aQueryValueDecodedOnceGivesTheNameBack() {
        for (String value : HostileValues.corpus()) {
            StreamPath name = StreamPath.of("users/" + StreamPath.encodeSegment(value));
            String decodedOnce = URLDecoder.decode(name.toQueryValue(), StandardCharsets.UTF_8);
            assertThat(StreamPath.fromQueryParameter(decodedOnce)).as(HostileValues.describe(value)).isEqualTo(name);
        }
    }

    @Test
    void everyHostileValueStaysInOneSegmentAndComesBackThroughTheUrl() {
        Map<String, String> seen = new HashMap<>();
        for (String value : HostileValues.corpus()) {
            String segment = StreamPath.encodeSegment(value);
            String described = HostileValues.describe(value);
            assertThat(StreamPath.isEncodedSegment(segment)).as("segment of %s", described).isTrue();
            assertThat(StreamPath.decodeSegment(segment)).as(described).isEqualTo(value);
            StreamPath name = StreamPath.of("users/" + segment + "/events");
            assertThat(name.segments()).as(described).containsExactly("users", segment, "events");
            StreamPath received = StreamPath.fromRequestPath(StreamPath.URL_PREFIX + name.toUrlPath());
            assertThat(received).as("the gateway's reading of %s", described).isEqualTo(name);
            assertThat(received.isReserved()).isFalse();
            String earlier = seen.put(segment, value);
            assertThat(earlier == null || earlier.equals(value))
                    .as("%s and %s share a segment", HostileValues.describe(earlier), described).isTrue();
        }
    }

    /**
     * Request paths take a one-pass reading when they need no decoding; on every input, made of the
     * characters that decide between the two readings, it must give what decoding and checking give.
     */
    @Test
    void theOnePassReadingOfARequestPathAgreesWithDecodingAndChecking() {
        String plainCharacters = "/./aZ09-_~";
        String otherCharacters = "%2F%2e%5C;\\ é\u0000?#";
        String[] starts = {"/v1/stream/", "/v1/stream", "/V1/stream/", "/v1/%73tream/", "/v1/stream//", "", "/"};
        Random random = new Random(20_261_206L);
        int plain = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder raw = new StringBuilder(starts[random.nextInt(starts.length)]);
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                String from = random.nextInt(8) == 0 ? otherCharacters : plainCharacters;
                raw.append(from.charAt(random.nextInt(from.length())));
            }
            String path = raw.toString();
            String general = reading(() -> StreamPath.decodedRequestPath(path));
            assertThat(reading(() -> StreamPath.fromRequestPath(path))).as("reading of %s", path).isEqualTo(general);
            boolean onlyPlainAfterPrefix = path.startsWith(StreamPath.URL_PREFIX) && path.substring(
                    StreamPath.URL_PREFIX.length()).chars().allMatch(c -> plainCharacters.indexOf(c) >= 0);
            if (onlyPlainAfterPrefix && !general.startsWith("refused")) {
                plain++;
            }
        }
        assertThat(plain).as("inputs the one-pass reading accepted").isGreaterThan(5_000);
    }

    private static String reading(Supplier<StreamPath> read) {
        try {
            StreamPath path = read.get();
            return "name " + path.name() + " reserved " + path.isReserved();
        } catch (InvalidStreamPathException e) {
            return "refused " + e.notStreamPath() + " " + e.getMessage();
        }
    }
}
