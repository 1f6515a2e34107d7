package io.dsk.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WakeTokensTest {

    private static final long NOW = 1_800_000_000_000L;
    private final WakeTokens tokens = new WakeTokens(new byte[32]);

    @Test
    void aTokenNamesItsSubscriptionGenerationAndWake() {
        assertThat(tokens.verify(tokens.issue("sub-1", 7, "w_a", NOW), NOW))
                .isEqualTo(new WakeTokens.Claims("sub-1", 7, "w_a"));
    }

    @Test
    void anExpiredTamperedOrForeignTokenIsRefused() {
        String token = tokens.issue("sub-1", 7, "w_a", NOW);
        assertThatThrownBy(() -> tokens.verify(token, NOW + WakeTokens.LIFETIME_MS))
                .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.status()).isEqualTo(401));
        byte[] otherSecret = new byte[32];
        Arrays.fill(otherSecret, (byte) 1);
        String foreign = new WakeTokens(otherSecret).issue("sub-1", 7, "w_a", NOW);
        assertThatThrownBy(() -> tokens.verify(foreign, NOW)).isInstanceOf(SubscriptionException.class);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThatThrownBy(() -> tokens.verify(tampered, NOW)).isInstanceOf(SubscriptionException.class);
        assertThatThrownBy(() -> tokens.verify("not-a-token", NOW)).isInstanceOf(SubscriptionException.class);
    }
}
