package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternTest {

    private static final Function<String, Optional<String>> CLAIMS =
            name -> Optional.ofNullable(Map.of("sub", "alice", "tid", "acme").get(name));

    private static boolean matches(String pattern, String path) throws Exception {
        return PathPattern.parse(pattern).matches(StreamPath.parseRaw(path), CLAIMS);
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
        "users/{missing}/**, users//x, false",
    })
    void matchesSegmentWise(String pattern, String path, boolean expected) throws Exception {
        assertThat(matches(pattern, path.replace("//", "/{none}/"))).isEqualTo(expected);
    }

    @Test
    void anUnsafeClaimNeverMatches() throws Exception {
        PathPattern pattern = PathPattern.parse("users/{sub}/**");
        for (String evil : new String[] {"", ".", "..", "a/b", "..%2f", "a\\b", "a\u0000", "%2e%2e"}) {
            VerifiedToken token = new VerifiedToken(TestTokens.claims(evil).build());
            assertThat(pattern.matches(StreamPath.parseRaw("users/a/b/x"), token::pathValue)).as(evil).isFalse();
            assertThat(pattern.matches(StreamPath.parseRaw("users/x"), token::pathValue)).as(evil).isFalse();
        }
    }

    @Test
    void aNonStringClaimIsOnlyUsableWhenItIsAnInteger() throws Exception {
        PathPattern pattern = PathPattern.parse("orgs/{org}/**");
        VerifiedToken numeric = new VerifiedToken(TestTokens.claims("a").claim("org", 42L).build());
        VerifiedToken list = new VerifiedToken(TestTokens.claims("a").claim("org", java.util.List.of("42")).build());

        assertThat(pattern.matches(StreamPath.parseRaw("orgs/42/x"), numeric::pathValue)).isTrue();
        assertThat(pattern.matches(StreamPath.parseRaw("orgs/42/x"), list::pathValue)).isFalse();
    }

    @Test
    void manyDoubleStarsStayCheap() throws Exception {
        String pattern = "**/a/**/a/**/a/**/a/**/a/**/a/**/b";
        String path = "a/".repeat(300) + "c";

        assertThat(matches(pattern, path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "a//b", "a/../b", "a/./b", "a*/b", "a/b*", "a/***", "a/{", "a/{sub",
        "a/sub}", "a/{}", "a/{s b}", "a/{s/b}"})
    void refusesMalformedPatterns(String pattern) {
        assertThatThrownBy(() -> PathPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knowsWhetherItNamesAClaim() {
        assertThat(PathPattern.parse("public/**").isClaimFree()).isTrue();
        assertThat(PathPattern.parse("users/{sub}").isClaimFree()).isFalse();
    }
}
