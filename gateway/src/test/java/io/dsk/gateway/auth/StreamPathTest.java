package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamPathTest {

    @ParameterizedTest
    @CsvSource({
        "users/alice/events, users/alice/events",
        "a, a",
        "caf%C3%A9/x, café/x",
        "with%20space, with space",
        "a+b/c~d_e-f.g, a+b/c~d_e-f.g",
        "%2e%2ex, ..x",
        "...,...",
        "__ds/subscriptions/s1, __ds/subscriptions/s1",
    })
    void decodesOnce(String raw, String decoded) throws Exception {
        assertThat(StreamPath.parseRaw(raw).decoded()).isEqualTo(decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "/", "a/", "/a", "a//b",
        "..", "a/..", "../a", "a/../b", ".", "a/./b",
        "%2e%2e", "a/%2E%2E/b", "a/%2e/b", ".%2e", "%2e.",
        "a%2fb", "a%2Fb", "a%5cb", "a%5Cb", "a\\b",
        "a%00b", "a%0ab", "a%1fb", "a%7fb",
        "a%252e%252e", "%252F", "a%25",
        "a%", "a%2", "a%zz", "a%g0",
        "a;b", "a;jsessionid=1/b",
        "a%C3", "a%FF", "a%C0%AE%C0%AE",
        "a b", "a\tb", "é",
    })
    void refusesAnythingAmbiguous(String raw) {
        assertThatThrownBy(() -> StreamPath.parseRaw(raw)).isInstanceOf(StreamPath.BadPathException.class);
    }

    @Test
    void refusesOverlongPaths() {
        assertThatThrownBy(() -> StreamPath.parseRaw("a/".repeat(5000) + "b"))
                .isInstanceOf(StreamPath.BadPathException.class).hasMessageContaining("longer");
    }

    @Test
    void exposesSegmentsAndTheControlPrefix() throws Exception {
        StreamPath path = StreamPath.parseRaw("__ds/subscriptions/x");

        assertThat(path.segments()).containsExactly("__ds", "subscriptions", "x");
        assertThat(path.firstSegmentIs("__ds")).isTrue();
        assertThat(StreamPath.parseRaw("x/__ds").firstSegmentIs("__ds")).isFalse();
    }
}
