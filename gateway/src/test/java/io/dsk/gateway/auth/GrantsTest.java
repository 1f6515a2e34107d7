package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.path.StreamPath;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GrantsTest {

    private static final Function<String, Optional<String>> NO_CLAIMS = name -> Optional.empty();

    private static StreamPath path(String raw) throws Exception {
        return StreamPath.fromUrlPath(raw);
    }

    @Test
    void actionsAreIndependent() throws Exception {
        Map<Action, String> lists = new EnumMap<>(Action.class);
        lists.put(Action.WRITE, "inbox/**");
        Grants grants = Grants.parse(lists, a -> "auth-grants-" + a.key());

        assertThat(grants.allows(Action.WRITE, path("inbox/a"), NO_CLAIMS)).isTrue();
        assertThat(grants.allows(Action.READ, path("inbox/a"), NO_CLAIMS)).isFalse();
        assertThat(grants.allows(Action.ADMIN, path("inbox/a"), NO_CLAIMS)).isFalse();
    }

    @Test
    void aMalformedConfiguredPatternNamesTheOption() {
        Map<Action, String> lists = new EnumMap<>(Action.class);
        lists.put(Action.READ, "ok/**, bad*");

        assertThatThrownBy(() -> Grants.parse(lists, a -> "auth-grants-" + a.key()))
                .hasMessageContaining("auth-grants-read").hasMessageContaining("bad*");
    }

    @Test
    void claimGrantsAsAnObjectOfActions() throws Exception {
        Grants grants = Grants.fromClaim(Map.of("read", List.of("feeds/**"), "write", "feeds/mine", "bogus", "x/**"));

        assertThat(grants.allows(Action.READ, path("feeds/a/b"), NO_CLAIMS)).isTrue();
        assertThat(grants.allows(Action.WRITE, path("feeds/mine"), NO_CLAIMS)).isTrue();
        assertThat(grants.allows(Action.WRITE, path("feeds/other"), NO_CLAIMS)).isFalse();
        assertThat(grants.allows(Action.ADMIN, path("x/y"), NO_CLAIMS)).isFalse();
    }

    @Test
    void claimGrantsAsActionPrefixedStrings() throws Exception {
        Grants grants = Grants.fromClaim(List.of("read:a/**", "admin:a/tmp", "a/**", "write:bad*", 7));

        assertThat(grants.allows(Action.READ, path("a/x"), NO_CLAIMS)).isTrue();
        assertThat(grants.allows(Action.ADMIN, path("a/tmp"), NO_CLAIMS)).isTrue();
        assertThat(grants.allows(Action.WRITE, path("a/x"), NO_CLAIMS)).isFalse();
    }

    @Test
    void unusableClaimsGrantNothing() throws Exception {
        for (Object claim : new Object[] {null, "read:a/**", 42, Map.of("read", 42), List.of()}) {
            assertThat(Grants.fromClaim(claim).allows(Action.READ, path("a/x"), NO_CLAIMS)).as("%s", claim).isFalse();
        }
    }

    @Test
    void aClaimCarriesAtMostABoundedNumberOfPatterns() throws Exception {
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < Grants.MAX_CLAIM_PATTERNS; i++) {
            many.add("read:filler/" + i);
        }
        many.add("read:late/**");

        assertThat(Grants.fromClaim(many).allows(Action.READ, path("filler/0"), NO_CLAIMS)).isTrue();
        assertThat(Grants.fromClaim(many).allows(Action.READ, path("late/x"), NO_CLAIMS)).isFalse();
    }
}
