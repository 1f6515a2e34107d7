package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifiedTokenTest {

    private static VerifiedToken withClaim(Object value) {
        return new VerifiedToken(TestTokens.claims("alice").claim("c", value).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "a/b", "/", "a\\b", "a%2Fb", "a\u0000b", "a\nb", "a\u007fb", "alice@x"})
    void anyNonEmptyStringIsAPathValueSinceThePatternEncodesIt(String value) {
        assertThat(withClaim(value).pathValue("c")).contains(value);
    }

    @Test
    void anEmptyStringIsNoPathValue() {
        assertThat(withClaim("").pathValue("c")).isEmpty();
    }

    @Test
    void aLongStringIsAPathValue() {
        assertThat(withClaim("a".repeat(1000)).pathValue("c")).contains("a".repeat(1000));
    }

    @Test
    void onlyStringsAndIntegersArePathValues() {
        assertThat(withClaim("acme").pathValue("c")).contains("acme");
        assertThat(withClaim("café-ü").pathValue("c")).contains("café-ü");
        assertThat(withClaim(42L).pathValue("c")).contains("42");
        assertThat(withClaim(true).pathValue("c")).isEmpty();
        assertThat(withClaim(4.2).pathValue("c")).isEmpty();
        assertThat(withClaim(List.of("acme")).pathValue("c")).isEmpty();
        assertThat(withClaim(Map.of("id", "acme")).pathValue("c")).isEmpty();
        assertThat(withClaim("acme").pathValue("missing")).isEmpty();
    }

    @Test
    void anEmptySubjectCountsAsNone() {
        assertThat(new VerifiedToken(TestTokens.claims("").build()).subject()).isEmpty();
        assertThat(new VerifiedToken(TestTokens.claims("bob").build()).subject()).contains("bob");
    }
}
