package io.dsk.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamPathPatternTest {

    private static final Function<String, Optional<String>> VALUES =
            name -> Optional.ofNullable(Map.of("sub", "alice", "tid", "acme").get(name));

    private static boolean matches(String pattern, String path) {
        return StreamPathPattern.parse(pattern).matches(StreamPath.fromUrlPath(path), VALUES);
    }

    private static Function<String, Optional<String>> only(String name, String value) {
        return n -> n.equals(name) ? Optional.of(value) : Optional.empty();
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
        "a/b, a/b, true",
        "a/b, a/c, false",
        "a/b, a/b/c, false",
        "a/*, a/b, true",
        "a/*, a, false",
        "a/*, a/b/c, false",
        "a/*/c, a/b/c, true",
        "a/**, a, true",
        "a/**, a/b, true",
        "a/**, a/b/c/d, true",
        "a/**, ab, false",
        "a/**, b/a, false",
        "**, x/y/z, true",
        "**/z, x/y/z, true",
        "**/z, z, true",
        "**/z, z/x, false",
        "a/**/z, a/z, true",
        "a/**/z, a/b/c/z, true",
        "a/**/z, a/b/c/y, false",
        "a/**/b/**/c, a/x/b/y/c, true",
        "a/**/b/**/c, a/x/y/c, false",
        "/a/b, a/b, true",
        "users/{sub}/**, users/alice/inbox, true",
        "users/{sub}/**, users/alice, true",
        "users/{sub}/**, users/bob/inbox, false",
        "users/{sub}/**, users/alicex/inbox, false",
        "tenants/{tid}/*, tenants/acme/orders, true",
        "tenants/{tid}/*, tenants/acme/orders/1, false",
        "t-{tid}/u-{sub}, t-acme/u-alice, true",
        "t-{tid}/u-{sub}, t-acme/u-bob, false",
        "users/{missing}/**, users/alice/x, false",
    })
    void matchesSegmentWise(String pattern, String path, boolean expected) {
        assertThat(matches(pattern, path)).isEqualTo(expected);
    }

    @Test
    void aValueIsComparedInItsEncodedFormSoItMatchesOnlyItsOwnSegment() {
        StreamPathPattern pattern = StreamPathPattern.parse("users/{sub}/**");
        for (String value : List.of("a/b", "..", ".", "%2F", "alice@x", "a;b", "é", "a\u0000")) {
            String own = "users/" + StreamPath.encodeSegment(value) + "/x";
            assertThat(pattern.matches(StreamPath.of(own), only("sub", value))).as(value).isTrue();
        }
        assertThat(pattern.matches(StreamPath.fromName("users/a/b/x"), only("sub", "a/b"))).isFalse();
        assertThat(pattern.matches(StreamPath.fromName("users/alice@x/x"), only("sub", "alice@x"))).isFalse();
        assertThat(pattern.matches(StreamPath.fromName("users/a/b"), only("sub", "a"))).isTrue();
    }

    @Test
    void everyHostileValueMatchesItsOwnStreamAndNoOtherValuesStream() {
        StreamPathPattern pattern = StreamPathPattern.parse("users/{sub}/**");
        List<String> values = HostileValues.corpus().subList(0, 400);
        for (String owner : values) {
            StreamPath stream = StreamPath.of("users/" + StreamPath.encodeSegment(owner) + "/events");
            assertThat(pattern.matches(stream, only("sub", owner))).as(HostileValues.describe(owner)).isTrue();
            for (String other : values.subList(0, 60)) {
                if (!other.equals(owner)) {
                    assertThat(pattern.matches(stream, only("sub", other)))
                            .as("%s reading the stream of %s", HostileValues.describe(other),
                                    HostileValues.describe(owner)).isFalse();
                }
            }
        }
    }

    @Test
    void aMissingOrUnencodableValueMatchesNothing() {
        StreamPathPattern pattern = StreamPathPattern.parse("users/{sub}/**");
        assertThat(pattern.matches(StreamPath.of("users/x"), only("sub", ""))).isFalse();
        assertThat(pattern.matches(StreamPath.of("users/x"), only("sub", "\uD800"))).isFalse();
        assertThat(pattern.matches(StreamPath.of("users/x"), only("other", "x"))).isFalse();
    }

    @Test
    void matchesForSomeValuesTreatsPlaceholdersAsAnySegmentText() {
        StreamPathPattern pattern = StreamPathPattern.parse("tenants/t-{audience}/**");
        assertThat(pattern.matchesForSomeValues(StreamPath.of("tenants/t-acme/orders"))).isTrue();
        assertThat(pattern.matchesForSomeValues(StreamPath.of("tenants/acme/orders"))).isFalse();
        assertThat(pattern.matchesForSomeValues(StreamPath.of("groups/t-acme"))).isFalse();
    }

    @Test
    void manyDoubleStarsStayCheap() {
        assertThat(matches("**/a/**/a/**/a/**/a/**/a/**/a/**/b", "a/".repeat(300) + "c")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "a//b", "a/../b", "a/./b", "a*/b", "a/b*", "a/***", "a/{", "a/{sub",
        "a/sub}", "a/{}", "a/{s b}", "a/{s/b}", "a/}{", "a/\u0000"})
    void refusesMalformedPatterns(String pattern) {
        assertThatThrownBy(() -> StreamPathPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsItsPlaceholders() {
        assertThat(StreamPathPattern.parse("public/**").placeholders()).isEmpty();
        assertThat(StreamPathPattern.parse("t-{tid}/users/{sub}/{sub}").placeholders())
                .containsExactly("tid", "sub", "sub");
    }
}
