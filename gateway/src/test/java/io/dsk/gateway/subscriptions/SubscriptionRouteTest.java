package io.dsk.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.util.Methods;
import org.junit.jupiter.api.Test;

class SubscriptionRouteTest {

    @Test
    void readsTheSubscriptionApisFromTheRawPath() {
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/subscriptions/sub-1"))
                .isEqualTo(new SubscriptionRoute(SubscriptionRoute.Operation.SUBSCRIPTION, "sub-1", null));
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/subscriptions/sub-1/claim?x=1").operation())
                .isEqualTo(SubscriptionRoute.Operation.CLAIM);
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/jwks.json").operation())
                .isEqualTo(SubscriptionRoute.Operation.JWKS);
        assertThat(SubscriptionRoute.matches("/v1/stream/__ds/streams")).isFalse();
    }

    @Test
    void aMembershipRemovalDecodesItsStreamPathOnce() {
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/subscriptions/s/streams/manual%2Fb").stream())
                .isEqualTo("manual/b");
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/subscriptions/s/streams/users%2Falice%2540x").stream())
                .isEqualTo("users/alice%40x");
    }

    @Test
    void badIdsAndStreamPathsAreRefusedWith400() {
        for (String bad : new String[] {"/v1/stream/__ds/subscriptions/a%20b", "/v1/stream/__ds/subscriptions/..",
            "/v1/stream/__ds/subscriptions/s/streams/a%2F..%2Fb", "/v1/stream/__ds/subscriptions/s/streams/%zz",
            "/v1/stream/__ds/subscriptions/s/streams/__ds%2Fx", "/v1/stream/__ds/subscriptions/s/streams/%C3"}) {
            assertThatThrownBy(() -> SubscriptionRoute.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(SubscriptionException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void onlyTheJwksAndTokenCarryingPostsSkipTheGrantCheck() {
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/jwks.json").checksOwnToken(Methods.GET)).isTrue();
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/subscriptions/s/ack").checksOwnToken(Methods.POST)).isTrue();
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/subscriptions/s/callback").checksOwnToken(Methods.POST)).isTrue();
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/subscriptions/s/claim").checksOwnToken(Methods.POST)).isFalse();
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/subscriptions/s").checksOwnToken(Methods.GET)).isFalse();
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/subscriptions/s/claim").grantPath().name())
                .isEqualTo("__ds/subscriptions/s/claim");
        assertThat(SubscriptionRoute.parse("/v1/stream/__ds/subscriptions/s/streams/a%2Fb").grantPath().name())
                .isEqualTo("__ds/subscriptions/s/streams");
    }
}
